// Renders an HTML report in headless Chromium (Debian package `chromium`) and reads back the
// layout the browser computed and the pixels of a full-page screenshot.

import Foundation

/// What the browser measured for one chart.
struct RenderedChart: Decodable {
  var title: String
  var width: Double
  var height: Double
  /// The chart's box in page pixels: x, y, width, height.
  var box: [Double]
  var tickLabels: Int
  var axisLabels: Int
  var legendEntries: Int
  /// Polylines, bars and markers drawn.
  var marks: Int
  /// Text elements whose box extends beyond the chart's `<svg>` box.
  var textOutside: Int
  var overlappingLegendEntries: Int
  var smallestFontPixels: Double
}

struct RenderedLayout: Decodable {
  var pageHeight: Double
  var charts: [RenderedChart]
}

enum ChromiumCheck {
  static let executable = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  static var isAvailable: Bool { executable != nil && python != nil }

  /// The script appended to a copy of the report: it measures every chart after layout and writes
  /// the figures as JSON into a `<pre>` that `--dump-dom` returns.
  private static let measuringScript = """
    <script>
    (function () {
      const charts = [];
      for (const figure of document.querySelectorAll('figure[data-chart]')) {
        const svg = figure.querySelector('svg');
        const frame = svg.getBoundingClientRect();
        const texts = Array.from(svg.querySelectorAll('text'));
        const visible = (t) => { const r = t.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
        const outside = texts.filter((t) => {
          const r = t.getBoundingClientRect();
          return r.left < frame.left - 0.5 || r.right > frame.right + 0.5 || r.top < frame.top - 0.5 || r.bottom > frame.bottom + 0.5;
        }).length;
        const legend = Array.from(svg.querySelectorAll('.legend-entry')).filter(visible).map((t) => t.getBoundingClientRect());
        let overlaps = 0;
        for (let i = 0; i < legend.length; i++) for (let j = i + 1; j < legend.length; j++) {
          const a = legend[i], b = legend[j];
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlaps++;
        }
        charts.push({
          title: figure.dataset.chart, width: frame.width, height: frame.height,
          box: [frame.left + window.scrollX, frame.top + window.scrollY, frame.width, frame.height],
          tickLabels: Array.from(svg.querySelectorAll('.tick')).filter(visible).length,
          axisLabels: Array.from(svg.querySelectorAll('.axis-label')).filter(visible).length,
          legendEntries: legend.length,
          marks: svg.querySelectorAll('polyline, rect[fill]:not([fill="#ffffff"]), circle').length,
          textOutside: outside, overlappingLegendEntries: overlaps,
          smallestFontPixels: Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize)))
        });
      }
      const pre = document.createElement('pre');
      pre.id = 'layout-check';
      pre.textContent = JSON.stringify({ pageHeight: document.documentElement.scrollHeight, charts });
      document.body.appendChild(pre);
    })();
    </script>
    """

  /// Loads a copy of the report with the measuring script and returns what the browser measured.
  static func layout(ofReportAt path: String) throws -> RenderedLayout {
    let html = try String(contentsOfFile: path, encoding: .utf8)
    let copy = path.replacingOccurrences(of: ".html", with: "-measured.html")
    try html.replacingOccurrences(of: "</body>", with: measuringScript + "\n</body>")
      .write(toFile: copy, atomically: true, encoding: .utf8)
    let dom = try run(
      executable!, chromiumFlags(width: 1400, height: 1000) + ["--dump-dom", "file://" + copy])
    guard let start = dom.range(of: "<pre id=\"layout-check\">"),
      let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex)
    else {
      throw CheckError("Chromium's DOM has no layout-check element; it printed: \(dom.prefix(500))")
    }
    let json = String(dom[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "&amp;", with: "&")
      .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
      .replacingOccurrences(of: "&quot;", with: "\"")
    return try JSONDecoder().decode(RenderedLayout.self, from: Data(json.utf8))
  }

  /// Takes a full-page screenshot of the unmodified report and returns, for each box, the
  /// fraction of its pixels that are not white.
  static func inkedFractions(screenshotOf path: String, boxes: [[Double]], pageHeight: Double) throws
    -> [Double]
  {
    let png = path + ".png"
    _ = try run(
      executable!,
      chromiumFlags(width: 1400, height: Int(pageHeight.rounded(.up)) + 20) + [
        "--screenshot=" + png, "file://" + path,
      ])
    let boxText = boxes.map { $0.map { String(Int($0)) }.joined(separator: ",") }.joined(separator: ";")
    let output = try run(python!, ["-c", pngScript, png, boxText])
    return output.split(separator: "\n").compactMap { Double($0) }
  }

  private static func chromiumFlags(width: Int, height: Int) -> [String] {
    [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
      "--window-size=\(width),\(height)",
    ]
  }

  /// Decodes an 8-bit RGB or RGBA PNG with zlib from Python's standard library and prints, per
  /// box `x,y,w,h`, the fraction of pixels whose channels are not all above 245.
  private static let pngScript = """
    import struct, sys, zlib
    data = open(sys.argv[1], 'rb').read()
    pos, idat = 8, b''
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b'IHDR':
            width, height, depth, color = struct.unpack('>IIBB', body[:10])
        elif kind == b'IDAT':
            idat += body
        pos += 12 + length
    assert depth == 8 and color in (2, 6), (depth, color)
    channels = 3 if color == 2 else 4
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous, offset = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + left) & 255
            elif kind == 2: line[i] = (line[i] + up) & 255
            elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append(line)
        previous = line
    for box in sys.argv[2].split(';'):
        x, y, w, h = (int(v) for v in box.split(','))
        inked = total = 0
        for row in rows[y:min(y + h, height)]:
            for column in range(x, min(x + w, width)):
                pixel = row[column * channels:column * channels + 3]
                total += 1
                inked += min(pixel) <= 245
        print(inked / total if total else 0)
    """

  private static func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = FileManager.default.temporaryDirectory.appendingPathComponent(
      "chromium-\(UUID().uuidString).out")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    defer {
      try? handle.close()
      try? FileManager.default.removeItem(at: output)
    }
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CheckError(
        "\(executable) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
    return try String(contentsOf: output, encoding: .utf8)
  }

  struct CheckError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
  }
}
