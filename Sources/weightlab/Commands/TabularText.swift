// Text output of tabular `train` and `compare`: metrics per split, the regularization path, and
// the mean test metrics per initializer and regularizer.

import Foundation
import WeightLab
import WeightLabExperiments

enum TabularText {
  /// Returns the summary of one run.
  static func run(_ result: TabularRunResult, data: TabularData) -> String {
    var lines = [String]()
    let configuration = result.configuration
    lines.append("\(data.task.rawValue) task on \(data.name), target '\(data.encoder.target.name)'")
    lines.append(
      "init \(configuration.initializer), reg \(configuration.regularizer), seed \(configuration.seed)")
    if result.regularizationPath != nil {
      lines.append(
        "chosen regularizer: \(result.chosenRegularizer) (lowest validation loss on the path below)")
    }
    let stopping =
      result.patience.map { patience in
        result.stoppedEarly
          ? "early stopping after \(result.history.count) epochs (patience \(patience)), best epoch kept"
          : "best validation epoch kept (patience \(patience) never ran out)"
      } ?? "final epoch kept"
    lines.append("kept epoch \(result.keptEpoch): \(stopping)")
    if let weights = result.classWeights {
      lines.append(
        "class weights (balanced): " + weights.map { String(format: "%.4g", $0) }.joined(separator: ", "))
    }

    lines.append("")
    let splits: [(String, TaskMetrics?)] = [
      ("train", result.train), ("validation", result.validation), ("test", result.test),
    ]
    let names = result.test.namedValues.map(\.name)
    var splitTable = [["split", "rows"] + names]
    for (name, metrics) in splits {
      guard let metrics else { continue }
      splitTable.append([name, String(metrics.count)] + metrics.namedValues.map { format($0.value) })
    }
    lines += alignedRows(splitTable)

    if let path = result.regularizationPath {
      lines.append("")
      lines.append(
        "regularization path (cross-validated held-out loss, warm starts from strongest to weakest; "
          + "the chosen strength was then retrained from the initial weights):")
      lines.append(row(["strength", "held-out loss", "std over folds", "epochs", ""]))
      for point in path {
        let mark =
          result.chosenRegularizer.hasSuffix(":\(point.strength)")
          ? "chosen" : (point.divergedFolds > 0 ? "diverged in \(point.divergedFolds) folds" : "")
        lines.append(
          row([
            String(point.strength), format(point.validationLoss), format(point.validationLossStd),
            String(point.epochsTrained), mark,
          ]))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Returns the mean ± standard deviation of each test metric per initializer and regularizer.
  static func comparison(_ results: [TabularRunResult], data: TabularData) -> String {
    let groups = TabularJSON.groups(results)
    let metricNames: [(key: String, title: String)] =
      data.task.isClassification
      ? [
        ("logLoss", "log loss"), ("accuracy", "accuracy"), ("balancedAccuracy", "balanced acc."),
        ("rocAUC", "ROC AUC"),
      ]
      : [("rootMeanSquaredError", "RMSE"), ("rSquared", "R²"), ("meanSquaredError", "MSE")]
    let seedCount = groups.first?.seeds.count ?? 0
    var table = [["init", "reg", "seeds"] + metricNames.map(\.title) + ["chosen"]]
    for group in groups {
      let values = metricNames.map { name in
        group.test[name.key].map { statistic in
          // One seed has no spread to show, as in the image comparison table.
          group.seeds.count > 1
            ? format(statistic.mean) + " ± " + format(statistic.standardDeviation) : format(statistic.mean)
        } ?? "-"
      }
      let chosen =
        Set(group.chosenRegularizers) == [group.regularizer]
        ? "" : group.chosenRegularizers.joined(separator: " ")
      table.append([group.initializer, group.regularizer, String(group.seeds.count)] + values + [chosen])
    }
    var lines = [
      seedCount > 1
        ? "test metrics on \(data.name), mean ± standard deviation over seeds"
        : "test metrics on \(data.name), a single seed"
    ]
    lines += alignedRows(table)
    return lines.joined(separator: "\n")
  }

  private static func format(_ value: Double) -> String {
    String(format: "%.4f", value)
  }

  /// Pads every column to its widest cell plus two spaces.
  private static func alignedRows(_ table: [[String]]) -> [String] {
    let columnCount = table.map(\.count).max() ?? 0
    let widths = (0..<columnCount).map { column in
      table.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
    return table.map { cells in
      cells.enumerated().map { column, cell in
        cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
      }
      .joined().trimmingCharacters(in: .whitespaces)
    }
  }

  private static func row(_ cells: [String]) -> String {
    cells.map { $0.padding(toLength: max(12, $0.count + 2), withPad: " ", startingAt: 0) }.joined()
      .trimmingCharacters(in: .whitespaces)
  }
}
