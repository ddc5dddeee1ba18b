// `weightlab report`: one self-contained HTML page (inline CSS and SVG, no script, no network)
// built from the runs of one invocation in the run store.

import Foundation

/// Builds the HTML report of a comparison from stored runs.
public struct HTMLReport {
  public var invocation: StoredInvocation
  /// The completed runs of the invocation, in grid order.
  public var runs: [StoredRun]

  public init(invocation: StoredInvocation, runs: [StoredRun]) {
    self.invocation = invocation
    self.runs = runs
  }

  /// Reads the latest invocation (or the one with `invocationID`) and its completed runs.
  public init(store: RunStore, invocationID: Int64? = nil) throws {
    let invocations = try store.invocations()
    let chosen = invocationID.map { id in invocations.first { $0.id == id } } ?? invocations.last
    guard let chosen else {
      let reason =
        invocationID.map {
          "has no invocation \($0); valid ids: \(invocations.map { String($0.id) }.joined(separator: ", "))"
        }
        ?? "has no runs yet"
      throw RunStoreError(description: "run store '\(store.path)' \(reason)")
    }
    self.init(invocation: chosen, runs: try store.completedRuns(of: chosen))
  }

  /// The names of the charts the page contains, in order; tests check each is drawn.
  public var chartTitles: [String] { sections.flatMap(\.charts).map(\.title) }

  /// Renders the complete HTML document.
  public func html() -> String {
    var page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    page += "<title>WeightLab report: \(escapeHTML(invocation.command)) \(invocation.id)</title>\n"
    page += "<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n"
    page += "<h1>WeightLab report</h1>\n"
    page += header()
    page += "<h2>Summary</h2>\n" + ReportTables.summary(runs)
    for section in sections {
      page += "<h2>\(escapeHTML(section.heading))</h2>\n<p class=\"note\">\(escapeHTML(section.note))</p>\n"
      page += "<div class=\"charts\">\n"
      for chart in section.charts {
        page += "<figure data-chart=\"\(escapeHTML(chart.title))\">\n\(chart.svg)</figure>\n"
      }
      page += "</div>\n"
      page += section.extraHTML
    }
    page += "<h2>Runs</h2>\n" + ReportTables.runs(runs)
    page += "</body>\n</html>\n"
    return page
  }

  /// Writes the page to `path` atomically: a temporary file in the same folder, then a rename.
  public func write(to path: String) throws {
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(html().utf8).write(to: url, options: .atomic)
  }

  private func header() -> String {
    let first = runs.first?.configuration
    var rows: [(String, String)] = [
      ("command", invocation.commandLine),
      ("weightlab", invocation.version),
      (
        "started",
        invocation.startedAt + (invocation.finishedAt.map { ", finished \($0)" } ?? ", not finished")
      ),
      ("runs", "\(runs.count) completed of \(invocation.runKeys.count)"),
    ]
    if let first {
      rows.append(("data", first.dataset + (first.dataLimit.map { ", first \($0) examples" } ?? "")))
      rows.append(
        (
          "network",
          "hidden layers \(first.hiddenWidths.map(String.init).joined(separator: ", ")), \(first.activation)"
        ))
      rows.append(
        (
          "training",
          "\(first.optimizer), learning rate \(first.learningRate), batch \(first.batchSize), \(first.epochs) epochs"
        ))
    }
    var html = "<table class=\"meta\">\n"
    for (name, value) in rows {
      html += "<tr><th>\(escapeHTML(name))</th><td><code>\(escapeHTML(value))</code></td></tr>\n"
    }
    return html + "</table>\n"
  }

  private var sections: [ReportSection] {
    ReportCharts(runs: runs).sections
  }

  static let styleSheet = """
    body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; margin: 24px; color: #222; max-width: 1320px; }
    h1 { font-size: 26px; } h2 { font-size: 20px; margin-top: 32px; border-bottom: 1px solid #ccc; }
    .note { color: #555; font-size: 14px; max-width: 1100px; }
    .charts { display: flex; flex-wrap: wrap; gap: 16px; }
    figure { margin: 0; border: 1px solid #ddd; }
    table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
    th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: left; vertical-align: top; }
    td.number { text-align: right; font-variant-numeric: tabular-nums; }
    code { font-size: 12px; white-space: pre-wrap; word-break: break-all; }
    svg text { font-family: "DejaVu Sans", Arial, sans-serif; fill: #222; }
    svg .chart-title { font-size: 15px; font-weight: bold; }
    svg .tick { font-size: 11px; } svg .axis-label { font-size: 13px; } svg .legend-entry { font-size: 12px; }

    """
}

/// One titled chart of the report.
struct ReportChart {
  var title: String
  var svg: String
}

/// A heading, a sentence on how to read the charts, the charts, and optional HTML after them.
struct ReportSection {
  var heading: String
  var note: String
  var charts: [ReportChart]
  var extraHTML = ""
}
