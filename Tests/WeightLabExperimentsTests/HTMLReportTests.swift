// The HTML report of a stored 2 × 2 × 2 comparison on synthetic data. The tests check that every
// chart is in the page and that nothing refers to the network. When Chromium is installed, they
// also check the rendered layout of every chart's axes and legend, and the screenshot's pixels.

import Foundation
import Testing
import WeightLab

@testable import WeightLabExperiments

/// Stores a 2 initializers × 2 regularizers × 2 seeds comparison and returns its report.
func storedComparisonReport(folder: String) throws -> HTMLReport {
  let store = try RunStore(directory: folder)
  var configurations: [RunConfiguration] = []
  for initializer in ["he-normal", "normal:std=0.01"] {
    for regularizer in ["none", "l1:1e-3"] {
      for seed: UInt64 in [0, 1] {
        configurations.append(
          smallConfiguration(initializer: initializer, regularizer: regularizer, seed: seed))
      }
    }
  }
  let keys = configurations.map { StoredConfiguration($0, data: DataRequest(name: "synthetic")).runKey }
  let invocation = try store.beginInvocation(
    command: "compare", commandLine: "weightlab compare --init he-normal,normal:std=0.01 --reg none,l1:1e-3",
    version: "test", runKeys: keys)
  for configuration in configurations {
    _ = try trainAndStore(configuration, store: store, invocation: invocation)
  }
  try store.finishInvocation(invocation)
  return try HTMLReport(store: store)
}

@Suite("HTML report")
struct HTMLReportTests {
  @Test("Report contains every chart")
  func everyChart() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let report = try storedComparisonReport(folder: folder)
    let html = report.html()

    let expected = [
      "Training loss, regularizer none", "Training loss, regularizer l1:1e-3", "Accuracy, regularizer none",
      "Accuracy, regularizer l1:1e-3", "Activation std per layer at initialization",
      "Kernel gradient norm per layer at initialization", "Final kernel weights, regularizer none",
      "Final kernel weights, regularizer l1:1e-3", "Kernel sparsity after training (|w| < 1e-3)",
    ]
    #expect(report.chartTitles == expected)
    for title in expected {
      #expect(html.contains("data-chart=\"\(escapeHTML(title))\""), "missing chart \(title)")
    }
    #expect(html.components(separatedBy: "<svg ").count - 1 == expected.count)
    #expect(report.runs.count == 8)
    #expect(html.contains("weightlab compare --init he-normal,normal:std=0.01"))
    #expect(html.components(separatedBy: "<code>weightlab train</code>").count - 1 == 8)
  }

  @Test("Report is self-contained")
  func selfContained() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let html = try storedComparisonReport(folder: folder).html()

    #expect(!html.contains("<script"))
    #expect(!html.contains("<link"))
    #expect(!html.contains("src="))
    // The only URL is the SVG namespace, which browsers never fetch.
    let urls = html.components(separatedBy: "http").count - 1
    let namespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
    #expect(urls == namespaces)
  }

  @Test("Report is written atomically")
  func atomicWrite() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let report = try storedComparisonReport(folder: folder)
    let path = folder + "/out/report.html"

    try report.write(to: path)

    #expect(try String(contentsOfFile: path, encoding: .utf8) == report.html())
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/out") == ["report.html"])
  }

  @Test("Chromium renders every chart", .enabled(if: ChromiumCheck.isAvailable))
  func chromiumRendering() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let report = try storedComparisonReport(folder: folder)
    let path = folder + "/report.html"
    try report.write(to: path)

    let layout = try ChromiumCheck.layout(ofReportAt: path)
    #expect(layout.charts.count == report.chartTitles.count)
    for chart in layout.charts {
      #expect(chart.width > 500, "\(chart.title) is \(chart.width) px wide")
      #expect(chart.height > 300, "\(chart.title) is \(chart.height) px high")
      #expect(chart.tickLabels >= 6, "\(chart.title) shows \(chart.tickLabels) tick labels")
      #expect(chart.axisLabels >= 1, "\(chart.title) has no axis label")
      #expect(chart.legendEntries >= 2, "\(chart.title) shows \(chart.legendEntries) legend entries")
      #expect(chart.marks >= 2, "\(chart.title) draws \(chart.marks) lines or bars")
      #expect(chart.textOutside == 0, "\(chart.title) has \(chart.textOutside) labels outside its frame")
      #expect(chart.overlappingLegendEntries == 0, "\(chart.title) has overlapping legend entries")
      #expect(chart.smallestFontPixels >= 10, "\(chart.title) has text of \(chart.smallestFontPixels) px")
    }

    let inked = try ChromiumCheck.inkedFractions(
      screenshotOf: path, boxes: layout.charts.map(\.box), pageHeight: layout.pageHeight)
    for (chart, fraction) in zip(layout.charts, inked) {
      // Axes, grid lines, labels and curves cover a few percent of a chart; a blank or unstyled
      // frame stays below 0.5 %.
      #expect(fraction > 0.01, "\(chart.title): only \(fraction) of its pixels are not white")
    }
  }
}
