// The `--layers` syntax: hidden-layer widths separated by commas, where `NxW` repeats width W
// N times, so `30x256` is thirty layers of 256 units and `512,2x128` is 512, 128, 128.

import Foundation

extension ParsedOptions {
  /// Converts a `--layers` value to hidden-layer widths of at least 1.
  ///
  /// Items are `W` or `NxW` with N, W ≥ 1; spaces around items are ignored. The list may not be
  /// empty, and the expansion may hold at most `maximumLayers` layers, so that a typo such as
  /// `256x256` fails with a message instead of building a network of 256 layers by mistake.
  func layerWidths(_ name: String, maximumLayers: Int = 1000) throws -> [Int] {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) has no default value")
    }
    let expected =
      "widths of at least 1 separated by commas, where NxW repeats width W N times, such as 256,128 or 30x256"
    let items = raw.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard !items.allSatisfy(\.isEmpty) else {
      throw invalidValueError(name, raw, problem: "the list is empty", expected: expected)
    }

    var widths: [Int] = []
    for (position, item) in items.enumerated() {
      guard !item.isEmpty else {
        throw invalidValueError(name, raw, problem: "item \(position + 1) is empty", expected: expected)
      }
      let parts = item.lowercased().split(separator: "x", omittingEmptySubsequences: false)
      let numbers = parts.map { Int($0) }
      guard (1...2).contains(parts.count), numbers.allSatisfy({ ($0 ?? 0) >= 1 }) else {
        throw invalidValueError(
          name, raw,
          problem: "item '\(item)' is not an integer of at least 1 or a repeat NxW of such integers",
          expected: expected)
      }
      let count = parts.count == 2 ? numbers[0]! : 1
      let width = numbers[parts.count - 1]!
      guard widths.count + count <= maximumLayers else {
        throw invalidValueError(
          name, raw, problem: "it expands to more than \(maximumLayers) layers", expected: expected)
      }
      widths += Array(repeating: width, count: count)
    }
    return widths
  }
}
