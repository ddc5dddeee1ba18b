// Line and bar charts as inline SVG text, with axes, ticks, axis labels and a legend, so that the
// HTML report needs no script and no network.

import Foundation

/// One line of a line chart, with an optional shaded band around it.
struct ChartSeries {
  var name: String
  var color: String
  /// Points in data coordinates; on a log axis, points with y ≤ 0 break the line.
  var points: [(x: Double, y: Double)]
  /// A shaded range per x, such as the minimum and maximum over seeds.
  var band: [(x: Double, low: Double, high: Double)] = []
  var dashed = false
  var markers = false
}

/// A chart's colours: the Tableau 10 palette, distinct for up to ten series and readable on white.
enum ChartPalette {
  static let colors = [
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
    "#bab0ac",
  ]

  static func color(_ index: Int) -> String { colors[index % colors.count] }
}

/// A line chart with a linear x axis and a linear or base-10 logarithmic y axis.
struct LineChart {
  var title: String
  var xLabel: String
  var yLabel: String
  var logY = false
  var series: [ChartSeries]
  /// Whether x ticks fall on integers only, as for epochs and layer numbers.
  var integerX = true

  static let width = 620.0
  static let plotHeight = 300.0
  static let margin = (left: 78.0, right: 24.0, top: 40.0, bottom: 56.0)
  static let legendRowHeight = 20.0
  static let legendColumns = 3

  /// Renders the chart as an `<svg>` element sized to its content.
  func svg() -> String {
    let plotWidth = Self.width - Self.margin.left - Self.margin.right
    let legendRows = (series.count + Self.legendColumns - 1) / Self.legendColumns
    let height =
      Self.margin.top + Self.plotHeight + Self.margin.bottom + Double(legendRows) * Self.legendRowHeight + 8

    let xs = series.flatMap { $0.points.map(\.x) } + series.flatMap { $0.band.map(\.x) }
    let ys = series.flatMap { $0.points.map(\.y) } + series.flatMap { $0.band.flatMap { [$0.low, $0.high] } }
    let xAxis = Axis(values: xs, logarithmic: false, integer: integerX)
    let yAxis = Axis(values: ys, logarithmic: logY, integer: false)
    let frame = PlotFrame(
      left: Self.margin.left, top: Self.margin.top, width: plotWidth, height: Self.plotHeight, x: xAxis,
      y: yAxis)

    var svg = SVGText()
    svg.open(width: Self.width, height: height, label: title)
    svg.title(title, x: Self.width / 2, y: 22)
    svg.axes(frame: frame, xLabel: xLabel, yLabel: yLabel + (logY ? " (log scale)" : ""))
    for entry in series where !entry.band.isEmpty {
      svg.band(entry.band, frame: frame, color: entry.color)
    }
    for entry in series {
      svg.polyline(
        entry.points, frame: frame, color: entry.color, dashed: entry.dashed, markers: entry.markers)
    }
    svg.legend(
      series.map { ($0.name, $0.color, $0.dashed) },
      top: Self.margin.top + Self.plotHeight + Self.margin.bottom,
      columns: Self.legendColumns, width: Self.width)
    svg.close()
    return svg.text
  }
}

/// A grouped bar chart: one group per category, one bar per series within each group.
struct BarChart {
  var title: String
  var yLabel: String
  var categories: [String]
  /// Each series has one value per category; NaN leaves a gap.
  var series: [(name: String, color: String, values: [Double])]

  func svg() -> String {
    let width = LineChart.width
    let margin = LineChart.margin
    let plotWidth = width - margin.left - margin.right
    let legendRows = (series.count + LineChart.legendColumns - 1) / LineChart.legendColumns
    let height =
      margin.top + LineChart.plotHeight + margin.bottom + Double(legendRows) * LineChart.legendRowHeight + 8
    let values = series.flatMap(\.values).filter(\.isFinite)
    let yAxis = Axis(values: values + [0], logarithmic: false, integer: false)
    let frame = PlotFrame(
      left: margin.left, top: margin.top, width: plotWidth, height: LineChart.plotHeight,
      x: Axis(range: 0...Double(max(categories.count, 1)), ticks: []), y: yAxis)

    var svg = SVGText()
    svg.open(width: width, height: height, label: title)
    svg.title(title, x: width / 2, y: 22)
    svg.axes(frame: frame, xLabel: "", yLabel: yLabel)
    let groupWidth = plotWidth / Double(max(categories.count, 1))
    let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
    for (categoryIndex, category) in categories.enumerated() {
      let groupLeft = margin.left + Double(categoryIndex) * groupWidth + groupWidth * 0.1
      for (seriesIndex, entry) in series.enumerated() {
        let value = entry.values[categoryIndex]
        guard value.isFinite else { continue }
        let top = frame.pixelY(value)
        let bottom = frame.pixelY(0)
        svg.line(
          "<rect x=\"\(pixelText(groupLeft + Double(seriesIndex) * barWidth))\" y=\"\(pixelText(min(top, bottom)))\" "
            + "width=\"\(pixelText(barWidth * 0.92))\" height=\"\(pixelText(max(abs(bottom - top), 0.5)))\" fill=\"\(entry.color)\">"
            + "<title>\(escapeHTML(entry.name)), \(escapeHTML(category)): \(formatTick(value))</title></rect>"
        )
      }
      svg.text(
        category, x: margin.left + (Double(categoryIndex) + 0.5) * groupWidth,
        y: margin.top + LineChart.plotHeight + 20, anchor: "middle", className: "tick")
    }
    svg.legend(
      series.map { ($0.name, $0.color, false) }, top: margin.top + LineChart.plotHeight + margin.bottom,
      columns: LineChart.legendColumns, width: width)
    svg.close()
    return svg.text
  }
}

/// An axis: its data range and tick positions, linear or base-10 logarithmic.
struct Axis {
  /// The range in axis units: data values, or their base-10 logarithms on a log axis.
  var range: ClosedRange<Double>
  /// Tick positions in axis units.
  var ticks: [Double]
  var logarithmic = false

  init(range: ClosedRange<Double>, ticks: [Double], logarithmic: Bool = false) {
    self.range = range
    self.ticks = ticks
    self.logarithmic = logarithmic
  }

  /// Fits an axis to `values`, ignoring non-finite ones (and non-positive ones on a log axis).
  init(values: [Double], logarithmic: Bool, integer: Bool) {
    self.logarithmic = logarithmic
    let usable = values.filter { $0.isFinite && (!logarithmic || $0 > 0) }.map {
      logarithmic ? log10($0) : $0
    }
    var low = usable.min() ?? 0
    var high = usable.max() ?? 1
    if high - low < 1e-12 {
      low -= logarithmic ? 0.5 : max(abs(low) * 0.1, 0.5)
      high += logarithmic ? 0.5 : max(abs(high) * 0.1, 0.5)
    }
    if logarithmic {
      low = (low * 10).rounded(.down) / 10
      high = (high * 10).rounded(.up) / 10
      let first = Int(low.rounded(.up))
      let last = Int(high.rounded(.down))
      var ticks = first <= last ? (first...last).map(Double.init) : []
      // Thin decades to at most 8 ticks, and add 2 and 5 when fewer than 2 decades show.
      let stride = max(1, ticks.count / 8 + (ticks.count % 8 == 0 ? 0 : 1))
      ticks = ticks.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
      if ticks.count < 2 {
        let decades = Int(low.rounded(.down))...Int(high.rounded(.up))
        ticks = decades.flatMap { decade in [1.0, 2, 5].map { log10($0) + Double(decade) } }
          .filter { $0 >= low && $0 <= high }
      }
      self.range = low...high
      self.ticks = ticks
    } else {
      let step = Axis.niceStep((high - low) / 5, integer: integer)
      low = (low / step).rounded(.down) * step
      high = (high / step).rounded(.up) * step
      self.range = low...high
      self.ticks = Swift.stride(from: low, through: high + step * 1e-9, by: step).map { $0 }
    }
  }

  /// 1, 2 or 5 times a power of ten, at least `raw` (at least 1 for integer axes).
  static func niceStep(_ raw: Double, integer: Bool) -> Double {
    guard raw > 0, raw.isFinite else { return 1 }
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let fraction = raw / magnitude
    let nice: Double
    if fraction <= 1 {
      nice = 1
    } else if fraction <= 2 {
      nice = 2
    } else if fraction <= 5 {
      nice = 5
    } else {
      nice = 10
    }
    return integer ? max(1, (nice * magnitude).rounded()) : nice * magnitude
  }

  /// Converts a data value to axis units, or returns nil when the axis cannot show it.
  func position(_ value: Double) -> Double? {
    if logarithmic { return value > 0 && value.isFinite ? log10(value) : nil }
    return value.isFinite ? value : nil
  }

  func label(_ tick: Double) -> String { formatTick(logarithmic ? pow(10, tick) : tick) }
}

/// The plot area in pixels and the two axes that map data into it.
struct PlotFrame {
  var left: Double
  var top: Double
  var width: Double
  var height: Double
  var x: Axis
  var y: Axis

  func pixelX(_ value: Double) -> Double {
    left + (value - x.range.lowerBound) / (x.range.upperBound - x.range.lowerBound) * width
  }

  /// Converts an axis value to a pixel row, clamped to the plot so that outliers stay inside it.
  func pixelY(_ value: Double) -> Double {
    let fraction = (value - y.range.lowerBound) / (y.range.upperBound - y.range.lowerBound)
    return top + height - min(max(fraction, 0), 1) * height
  }
}

/// Formats a tick or value label with at most three significant digits.
func formatTick(_ value: Double) -> String {
  guard value.isFinite else { return "n/a" }
  if value == 0 { return "0" }
  let magnitude = abs(value)
  if magnitude >= 1e4 || magnitude < 1e-3 { return String(format: "%.0e", value) }
  var text = String(format: "%.3g", value)
  if text.contains("e") { text = String(format: "%g", value) }
  return text
}

/// Formats a pixel coordinate with one decimal.
func pixelText(_ value: Double) -> String { String(format: "%.1f", value) }

/// Escapes text for HTML content and attribute values.
func escapeHTML(_ text: String) -> String {
  var result = ""
  for character in text {
    switch character {
    case "&": result += "&amp;"
    case "<": result += "&lt;"
    case ">": result += "&gt;"
    case "\"": result += "&quot;"
    case "'": result += "&#39;"
    default: result.append(character)
    }
  }
  return result
}
