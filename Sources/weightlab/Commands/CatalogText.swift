// The text that `weightlab list` prints: every initializer, regularizer, activation and dataset
// with its formula and defaults.

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
      let rows = RegularizerCatalog.entries.map { entry in
        var lines = ["  \(entry.name)", "      \(entry.formula)"]
        if !entry.defaults.isEmpty { lines.append("      defaults: \(entry.defaults)") }
        return lines.joined(separator: "\n")
      }
      sections.append(
        "REGULARIZERS (--reg; penalties apply to kernels only and are not divided by the batch size)\n"
          + rows.joined(separator: "\n"))
    }
    if kind == .constraints || kind == .all {
      sections.append(
        "CONSTRAINTS\n  (none yet: weight decay and norm constraints are not implemented in this version)")
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
}
