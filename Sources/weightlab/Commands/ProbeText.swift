// The text that `weightlab probe` prints: the activation std of every layer side by side, a
// table per initializer, the verdicts with their thresholds, and the recommendation.

import Foundation
import WeightLabExperiments

enum ProbeText {
  static func render(_ result: ProbeResult, dataset: String) -> String {
    let widths = describeWidths(result.hiddenWidths)
    var lines = [
      "probe: \(result.inputFeatures) inputs → \(widths) \(result.activation) → linear output, at initialization, "
        + "on a batch of \(result.batchSize) \(dataset) training examples, seed \(result.seed)",
      "",
      "activation std per layer (the last layer is the linear output layer):",
    ]
    lines += table(
      header: ["layer"] + result.profiles.map(\.initializer),
      rows: result.profiles[0].layers.indices.map { index in
        [result.profiles[0].layers[index].name]
          + result.profiles.map { scientific($0.layers[index].activationStd) }
      })

    for profile in result.profiles {
      lines.append("")
      let added =
        profile.addedAsRecommendation ? " (added: the initializer \(result.activation) calls for)" : ""
      lines.append("\(profile.initializer)\(added): \(verdictLine(profile.verdict))")
      lines += table(
        header: [
          "layer", "pre mean", "pre std", "act mean", "act std", "dead", "saturated", "‖∂L/∂W‖", "‖W‖",
        ],
        rows: profile.layers.map { layer in
          [
            layer.name, scientific(layer.preActivationMean), scientific(layer.preActivationStd),
            scientific(layer.activationMean), scientific(layer.activationStd),
            layer.deadFraction.map { String(format: "%.3f", $0) } ?? "-",
            layer.saturatedFraction.map { String(format: "%.3f", $0) } ?? "-",
            scientific(layer.kernelGradientNorm), scientific(layer.kernelNorm),
          ]
        })
    }

    lines.append("")
    lines.append("verdicts:")
    for profile in result.profiles {
      lines.append("  \(profile.initializer): \(verdictLine(profile.verdict))")
    }
    lines.append("thresholds: \(result.thresholds.description).")
    lines.append(
      "dead: the fraction of units whose output is 0 for the whole batch; saturated: outputs within "
        + "\(LayerStatistics.saturationMargin) of a tanh or sigmoid limit; ‖∂L/∂W‖: Frobenius norm of the gradient "
        + "of the mean cross-entropy over the batch.")
    lines.append("")
    lines.append(
      "recommendation: \(result.recommendation.initializer), because \(result.recommendation.reason).")
    lines.append(
      result.recommendation.measured.prefix(1).uppercased() + result.recommendation.measured.dropFirst() + "."
    )
    return lines.joined(separator: "\n")
  }

  static func verdictLine(_ verdict: ProbeVerdict) -> String {
    var text =
      "\(verdict.health.rawValue.uppercased()): activation std ratio (last / first hidden) "
      + "\(scientific(verdict.activationStdRatio)), ×\(scientific(verdict.perLayerFactor)) per layer"
    if let layer = verdict.firstVanishedLayer { text += ", below 0.1 × the first from layer \(layer)" }
    text += "; gradient norm ratio (first / last hidden) \(scientific(verdict.gradientNormRatio))"
    if !verdict.flags.isEmpty { text += "; flagged: " + verdict.flags.joined(separator: ", ") }
    return text
  }

  /// `30 × 256` for equal widths, the list otherwise.
  static func describeWidths(_ widths: [Int]) -> String {
    if widths.count > 1, Set(widths).count == 1 { return "\(widths.count) × \(widths[0])" }
    return widths.map(String.init).joined(separator: " → ")
  }

  static func scientific(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    if value == 0 { return "0" }
    return abs(value) >= 0.01 && abs(value) < 1000
      ? String(format: "%.4f", value) : String(format: "%.3e", value)
  }

  static func table(header: [String], rows: [[String]]) -> [String] {
    let all = [header] + rows
    let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { column, cell in
        column == 0
          ? cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          : String(repeating: " ", count: widths[column] - cell.count) + cell
      }
      .joined(separator: "  ")
    }
  }
}
