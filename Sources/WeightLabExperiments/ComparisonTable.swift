// The plain-text table that `weightlab compare` prints: one row per (initializer, regularizer).

import Foundation

/// Formats comparison groups as an aligned text table.
public enum ComparisonTable {
  /// Renders the table with a legend under it.
  public static func render(_ comparison: Comparison, targetAccuracy: Double) -> String {
    let header = [
      "initializer", "regularizer", "test acc", "gap (train-test)", "epochs to \(format(targetAccuracy, 2))",
      "loss after 1st", "kernel norm", "|w|<1e-3", "loss rises", "init std ratio", "dead", "saturated",
      "samples/s",
    ]
    var rows: [[String]] = [header]
    for group in comparison.groups {
      let reached =
        group.reachedTarget == 0
        ? "never"
        : "\(meanStd(group.epochsToTarget, digits: 1)) (\(group.reachedTarget)/\(group.seeds.count))"
      rows.append([
        group.initializer + (group.divergedRuns > 0 ? " [\(group.divergedRuns) diverged]" : ""),
        group.regularizer,
        meanStd(group.testAccuracy, digits: 4),
        meanStd(group.generalizationGap, digits: 4),
        reached,
        meanStd(group.firstEpochLoss, digits: 3),
        meanStd(group.kernelNorm, digits: 1),
        meanStd(group.nearZeroFraction, digits: 3),
        meanStd(group.lossRisingFraction, digits: 2),
        scientific(group.initialActivationStdRatio),
        meanStd(group.finalDeadFraction, digits: 3),
        meanStd(group.finalSaturatedFraction, digits: 3),
        format(group.samplesPerSecond.mean, 0),
      ])
    }
    let widths = header.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = rows.map { row in
      row.enumerated().map { column, cell in
        cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }
      .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    lines.insert(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  "), at: 1)
    let seeds = comparison.groups.first?.seeds.count ?? 0
    lines.append("")
    lines.append(
      (seeds == 1
        ? "Each cell comes from a single seed, so no standard deviation is shown. "
        : "Each cell is the mean ± sample standard deviation over \(seeds) seeds. ")
        + "test acc and gap use the final epoch; epochs to \(format(targetAccuracy, 2)) is the first epoch whose "
        + "training accuracy reached it (runs that reached it / all runs); kernel norm is √Σw² over all kernels; "
        + "|w|<1e-3 is the fraction of kernel weights below 1e-3 in magnitude; loss rises is the share of "
        + "epochs whose training loss rose; init std ratio is the last hidden layer's activation std over the "
        + "first's at initialization (mean over seeds); dead (ReLU units off for the whole probe batch) and "
        + "saturated (tanh or sigmoid outputs within 0.01 of a limit) are after the last epoch, averaged over "
        + "hidden layers, on the first \(RunDiagnostics.defaultProbeRows) validation rows.")
    return lines.joined(separator: "\n")
  }

  static func meanStd(_ value: MeanAndStd, digits: Int) -> String {
    guard value.count > 0 else { return "n/a" }
    return value.count > 1
      ? "\(format(value.mean, digits)) ± \(format(value.std, digits))" : format(value.mean, digits)
  }

  /// The mean in scientific notation when it is far from 1, as ratios spanning decades are.
  static func scientific(_ value: MeanAndStd) -> String {
    guard value.count > 0 else { return "n/a" }
    let mean = value.mean
    return abs(mean) >= 0.01 && abs(mean) < 1000 ? format(mean, 3) : String(format: "%.2e", mean)
  }

  static func format(_ value: Double, _ digits: Int) -> String {
    value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
  }
}
