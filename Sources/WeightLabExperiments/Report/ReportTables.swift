// The report's HTML tables: the comparison summary, the verdicts at initialization, and every
// run with the command that reproduces it.

import Foundation

enum ReportTables {
  /// Renders the comparison table across seeds, with the diagnostic columns.
  static func summary(_ runs: [StoredRun]) -> String {
    let results = runs.compactMap { try? $0.runResult() }
    guard !results.isEmpty else { return "<p>No completed runs.</p>\n" }
    let comparison = Comparison(runs: results)
    let target = results[0].configuration.targetAccuracy
    let header = [
      "initializer", "regularizer", "seeds", "test accuracy", "gap (train − test)", "epochs to \(target)",
      "loss after epoch 1", "kernel norm", "|w| < 1e-3", "loss rises", "init std ratio", "dead", "saturated",
      "diverged",
    ]
    var html =
      "<table class=\"summary\">\n<tr>" + header.map { "<th>\(escapeHTML($0))</th>" }.joined() + "</tr>\n"
    for group in comparison.groups {
      let cells = [
        ComparisonTable.meanStd(group.testAccuracy, digits: 4),
        ComparisonTable.meanStd(group.generalizationGap, digits: 4),
        group.reachedTarget == 0
          ? "never"
          : "\(ComparisonTable.meanStd(group.epochsToTarget, digits: 1)) (\(group.reachedTarget)/\(group.seeds.count))",
        ComparisonTable.meanStd(group.firstEpochLoss, digits: 3),
        ComparisonTable.meanStd(group.kernelNorm, digits: 1),
        ComparisonTable.meanStd(group.nearZeroFraction, digits: 3),
        ComparisonTable.meanStd(group.lossRisingFraction, digits: 2),
        ComparisonTable.scientific(group.initialActivationStdRatio),
        ComparisonTable.meanStd(group.finalDeadFraction, digits: 3),
        ComparisonTable.meanStd(group.finalSaturatedFraction, digits: 3),
        "\(group.divergedRuns)",
      ]
      html += "<tr><td>\(escapeHTML(group.initializer))</td><td>\(escapeHTML(group.regularizer))</td>"
      html += "<td class=\"number\">\(group.seeds.count)</td>"
      html += cells.map { "<td class=\"number\">\(escapeHTML($0))</td>" }.joined() + "</tr>\n"
    }
    html += "</table>\n"
    html +=
      "<p class=\"note\">Mean ± sample standard deviation over seeds. Loss rises: share of epochs whose training "
      + "loss rose. Init std ratio: last hidden layer's activation std over the first's at initialization. Dead "
      + "and saturated: after the last epoch, mean over hidden layers, on the probe batch.</p>\n"
    return html
  }

  static func profileRow(initializer: String, seed: UInt64, layers: [LayerStatistics]) -> String {
    let verdict = ProbeVerdict(layers: layers)
    let hidden = layers.dropLast()
    let dead = hidden.compactMap(\.deadFraction).max().map { formatTick($0) } ?? "n/a"
    let saturated = hidden.compactMap(\.saturatedFraction).max().map { formatTick($0) } ?? "n/a"
    let cells = [
      initializer, "\(seed)", verdict.health.rawValue, formatTick(verdict.activationStdRatio),
      formatTick(verdict.perLayerFactor), formatTick(verdict.gradientNormRatio), dead, saturated,
      verdict.flags.joined(separator: "; "),
    ]
    return "<tr>" + cells.map { "<td>\(escapeHTML($0))</td>" }.joined() + "</tr>\n"
  }

  static func profileTable(_ rows: String) -> String {
    let header = [
      "initializer", "seed", "verdict", "std ratio (last / first hidden)", "per-layer factor",
      "gradient ratio (first / last hidden)", "max dead fraction", "max saturated fraction", "flags",
    ]
    return "<table class=\"profile\">\n<tr>" + header.map { "<th>\(escapeHTML($0))</th>" }.joined()
      + "</tr>\n"
      + rows
      + "</table>\n<p class=\"note\">Verdict thresholds: \(escapeHTML(ProbeThresholds.standard.description)).</p>\n"
  }

  /// Lists every run with its status, result, time and the `weightlab train` command that reproduces it.
  static func runs(_ runs: [StoredRun]) -> String {
    var html = "<table class=\"runs\">\n<tr><th>run</th><th>initializer</th><th>regularizer</th><th>seed</th>"
    html += "<th>status</th><th>test accuracy</th><th>seconds</th><th>command</th></tr>\n"
    for run in runs {
      let accuracy = run.summary.map { formatTick($0.testAccuracy) } ?? "n/a"
      let seconds = run.seconds.map { String(format: "%.1f", $0) } ?? "n/a"
      html += "<tr><td class=\"number\">\(run.id)</td><td>\(escapeHTML(run.configuration.initializer))</td>"
      html +=
        "<td>\(escapeHTML(run.configuration.regularizer))</td><td class=\"number\">\(run.configuration.seed)</td>"
      html += "<td>\(escapeHTML(run.status))</td><td class=\"number\">\(accuracy)</td>"
      html +=
        "<td class=\"number\">\(seconds)</td><td><code>\(escapeHTML(run.commandLine))</code></td></tr>\n"
    }
    return html + "</table>\n"
  }
}
