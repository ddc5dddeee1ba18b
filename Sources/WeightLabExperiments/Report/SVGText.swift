// The SVG elements that every chart shares: the frame, axes with ticks and labels, lines, bands
// and the legend. Coordinates are pixels in the chart's own viewBox.

/// Accumulates the text of one `<svg>` element.
struct SVGText {
  private(set) var text = ""

  mutating func line(_ element: String) {
    text += element + "\n"
  }

  mutating func open(width: Double, height: Double, label: String) {
    line(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(pixelText(width))\" height=\"\(pixelText(height))\" "
        + "viewBox=\"0 0 \(pixelText(width)) \(pixelText(height))\" role=\"img\" aria-label=\"\(escapeHTML(label))\">"
    )
    line(
      "<rect x=\"0\" y=\"0\" width=\"\(pixelText(width))\" height=\"\(pixelText(height))\" fill=\"#ffffff\"/>"
    )
  }

  mutating func close() {
    line("</svg>")
  }

  mutating func title(_ title: String, x: Double, y: Double) {
    text(title, x: x, y: y, anchor: "middle", className: "chart-title")
  }

  mutating func text(
    _ content: String, x: Double, y: Double, anchor: String, className: String, rotate: Bool = false
  ) {
    let transform = rotate ? " transform=\"rotate(-90 \(pixelText(x)) \(pixelText(y)))\"" : ""
    line(
      "<text class=\"\(className)\" x=\"\(pixelText(x))\" y=\"\(pixelText(y))\" text-anchor=\"\(anchor)\"\(transform)>"
        + "\(escapeHTML(content))</text>")
  }

  /// Draws the plot border, grid lines, tick labels on both axes and the two axis labels.
  mutating func axes(frame: PlotFrame, xLabel: String, yLabel: String) {
    let bottom = frame.top + frame.height
    let right = frame.left + frame.width
    line(
      "<rect class=\"plot\" x=\"\(pixelText(frame.left))\" y=\"\(pixelText(frame.top))\" width=\"\(pixelText(frame.width))\" "
        + "height=\"\(pixelText(frame.height))\" fill=\"none\" stroke=\"#444444\"/>")
    for tick in frame.y.ticks {
      let y = frame.pixelY(tick)
      line(
        "<line class=\"grid\" x1=\"\(pixelText(frame.left))\" x2=\"\(pixelText(right))\" y1=\"\(pixelText(y))\" y2=\"\(pixelText(y))\" "
          + "stroke=\"#e3e3e3\"/>")
      line(
        "<line x1=\"\(pixelText(frame.left - 5))\" x2=\"\(pixelText(frame.left))\" y1=\"\(pixelText(y))\" y2=\"\(pixelText(y))\" stroke=\"#444444\"/>"
      )
      text(frame.y.label(tick), x: frame.left - 8, y: y + 4, anchor: "end", className: "tick")
    }
    for tick in frame.x.ticks {
      let x = frame.pixelX(tick)
      line(
        "<line x1=\"\(pixelText(x))\" x2=\"\(pixelText(x))\" y1=\"\(pixelText(bottom))\" y2=\"\(pixelText(bottom + 5))\" stroke=\"#444444\"/>"
      )
      text(frame.x.label(tick), x: x, y: bottom + 18, anchor: "middle", className: "tick")
    }
    if !xLabel.isEmpty {
      text(xLabel, x: frame.left + frame.width / 2, y: bottom + 40, anchor: "middle", className: "axis-label")
    }
    text(
      yLabel, x: 18, y: frame.top + frame.height / 2, anchor: "middle", className: "axis-label", rotate: true)
  }

  /// Draws `points` as one polyline per run of drawable points, so a gap (a non-positive value on
  /// a log axis) breaks the line instead of joining across it.
  mutating func polyline(
    _ points: [(x: Double, y: Double)], frame: PlotFrame, color: String, dashed: Bool, markers: Bool
  ) {
    var segments: [[(Double, Double)]] = [[]]
    for point in points {
      if let x = frame.x.position(point.x), let y = frame.y.position(point.y) {
        segments[segments.count - 1].append((frame.pixelX(x), frame.pixelY(y)))
      } else if !segments[segments.count - 1].isEmpty {
        segments.append([])
      }
    }
    let dash = dashed ? " stroke-dasharray=\"7 4\"" : ""
    for segment in segments where !segment.isEmpty {
      let coordinates = segment.map { "\(pixelText($0.0)),\(pixelText($0.1))" }.joined(separator: " ")
      line(
        "<polyline class=\"series\" points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color)\" "
          + "stroke-width=\"2\"\(dash)/>")
      if markers || segment.count == 1 {
        for (x, y) in segment {
          line("<circle cx=\"\(pixelText(x))\" cy=\"\(pixelText(y))\" r=\"3\" fill=\"\(color)\"/>")
        }
      }
    }
  }

  /// Shades the area between `low` and `high`.
  mutating func band(_ band: [(x: Double, low: Double, high: Double)], frame: PlotFrame, color: String) {
    let upper = band.compactMap { point -> String? in
      guard let x = frame.x.position(point.x), let y = frame.y.position(point.high) else { return nil }
      return "\(pixelText(frame.pixelX(x))),\(pixelText(frame.pixelY(y)))"
    }
    let lower = band.reversed().compactMap { point -> String? in
      guard let x = frame.x.position(point.x), let y = frame.y.position(point.low) else { return nil }
      return "\(pixelText(frame.pixelX(x))),\(pixelText(frame.pixelY(y)))"
    }
    guard upper.count > 1, upper.count == lower.count else { return }
    line(
      "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(color)\" "
        + "fill-opacity=\"0.18\" stroke=\"none\"/>")
  }

  /// Lays the legend out in `columns` columns under the plot: a line sample and the name.
  mutating func legend(
    _ entries: [(name: String, color: String, dashed: Bool)], top: Double, columns: Int, width: Double
  ) {
    let columnWidth = (width - 40) / Double(columns)
    line("<g class=\"legend\">")
    for (index, entry) in entries.enumerated() {
      let x = 20 + Double(index % columns) * columnWidth
      let y = top + Double(index / columns) * LineChart.legendRowHeight + 10
      let dash = entry.dashed ? " stroke-dasharray=\"7 4\"" : ""
      line(
        "<line x1=\"\(pixelText(x))\" x2=\"\(pixelText(x + 24))\" y1=\"\(pixelText(y - 4))\" y2=\"\(pixelText(y - 4))\" stroke=\"\(entry.color)\" "
          + "stroke-width=\"3\"\(dash)/>")
      text(entry.name, x: x + 30, y: y, anchor: "start", className: "legend-entry")
    }
    line("</g>")
  }
}
