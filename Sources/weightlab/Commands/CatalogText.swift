// The text that `weightlab list` prints: every initializer, regularizer, constraint, parametrization,
// optimizer, activation and dataset with its formula and defaults.

import WeightLab
import WeightLabExperiments

enum CatalogText {
  static func render(_ kind: ListKind) -> String {
    var sections: [String] = []
    if kind == .initializers || kind == .all {
      let rows = InitializerCatalog.entries.map { entry in
        let aliases = entry.aliases.isEmpty ? "" : " (also \(entry.aliases.joined(separator: ", ")))"
        var lines = ["  \(entry.name)\(aliases)", "      \(entry.formula)"]
        if !entry.defaults.isEmpty { lines.append("      defaults: \(entry.defaults)") }
        if !entry.notes.isEmpty { lines.append("      \(entry.notes)") }
        return lines.joined(separator: "\n")
      }
      sections.append("INITIALIZERS (--init, --bias-init)\n" + rows.joined(separator: "\n"))
    }
    if kind == .regularizers || kind == .all {
      sections.append(
        "REGULARIZERS (--reg; penalties apply to kernels only and are not divided by the batch size; "
          + "join several with +, as in l2:1e-4+max-norm:3)\n"
          + RegularizerCatalog.entries.map(render).joined(separator: "\n"))
    }
    if kind == .constraints || kind == .all {
      sections.append(
        "CONSTRAINTS (--reg; applied to the kernels after every optimizer step, γ = the learning rate; "
          + "axis=units means one norm per unit's incoming weights, a row of the [out, in] kernel)\n"
          + RegularizerCatalog.constraintEntries.map(render).joined(separator: "\n"))
    }
    if kind == .parametrizations || kind == .all {
      let rows = [
        ("none", ["the kernel W is trained directly"]),
        (
          "weight-norm",
          [
            "W = g·v/‖v‖ per unit (a row of the [out, in] kernel), with v and g trained; PyTorch weight_norm(dim=0)",
            "starts from v = W and g = ‖W_row‖, so the initial function is the initializer's",
            "--reg penalties and rules act on v; g has the role normalizationScale, which --reg never selects",
            "saved models contain W only, under the plain nn.Linear names",
          ]
        ),
      ].map { name, lines in (["  \(name)"] + lines.map { "      \($0)" }).joined(separator: "\n") }
      sections.append(
        "PARAMETRIZATIONS (--parametrization; for orthogonal kernels use the rule --reg orthogonal)\n"
          + rows.joined(separator: "\n"))
    }
    if kind == .optimizers || kind == .all {
      let rows = OptimizerCatalog.entries.map { entry in
        "  \(entry.name)\n      \(entry.formula)\n      defaults: \(entry.defaults)"
      }
      sections.append("OPTIMIZERS (--optimizer; γ = --learning-rate)\n" + rows.joined(separator: "\n"))
    }
    if kind == .activations || kind == .all {
      let rows = [
        ("relu", "max(x, 0); He gain √2"),
        ("leaky-relu", "max(x, slope·x), slope=0.01 by default; gain √(2/(1+slope²))"),
        ("tanh", "tanh(x); gain 5/3"),
        ("sigmoid", "1/(1+e^(−x)); gain 1"),
        ("identity", "x; gain 1"),
      ].map { "  \($0.0)\n      \($0.1)" }
      sections.append("ACTIVATIONS (--activation)\n" + rows.joined(separator: "\n"))
    }
    if kind == .datasets || kind == .all {
      let rows = DatasetCatalog.descriptions.map { "  \($0.0)\n      \($0.1)" }
      sections.append("DATASETS (--data)\n" + rows.joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n")
  }

  private static func render(_ entry: RegularizerCatalog.Entry) -> String {
    let aliases = entry.aliases.isEmpty ? "" : " (also \(entry.aliases.joined(separator: ", ")))"
    var lines = ["  \(entry.name)\(aliases)", "      \(entry.formula)"]
    if !entry.defaults.isEmpty { lines.append("      defaults: \(entry.defaults)") }
    if !entry.notes.isEmpty { lines.append("      \(entry.notes)") }
    return lines.joined(separator: "\n")
  }
}
