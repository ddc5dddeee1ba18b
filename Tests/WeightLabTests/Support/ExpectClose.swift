// Shared numeric assertions for the WeightLab tests.

import Testing
import WeightLabCore

/// Checks that two equally shaped arrays agree elementwise within
/// `absoluteTolerance + relativeTolerance · |expected|`, and names the worst element on failure.
func expectClose(
  _ actual: [Double], _ expected: [Double], relativeTolerance: Double, absoluteTolerance: Double = 0,
  _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  #expect(
    actual.count == expected.count, "\(label): \(actual.count) values, expected \(expected.count)",
    sourceLocation: sourceLocation)
  guard actual.count == expected.count else { return }
  var worstIndex = -1
  var worstExcess = 0.0
  for index in actual.indices {
    let allowed = absoluteTolerance + relativeTolerance * abs(expected[index])
    let excess = abs(actual[index] - expected[index]) - allowed
    if excess > worstExcess || (actual[index].isNaN != expected[index].isNaN) {
      worstExcess = max(excess, worstExcess)
      worstIndex = index
    }
  }
  #expect(
    worstIndex < 0,
    "\(label): element \(worstIndex) is \(worstIndex >= 0 ? actual[worstIndex] : 0), expected \(worstIndex >= 0 ? expected[worstIndex] : 0)",
    sourceLocation: sourceLocation)
}

/// Checks a single value within `absoluteTolerance + relativeTolerance · |expected|`.
func expectClose(
  _ actual: Double, _ expected: Double, relativeTolerance: Double = 0, absoluteTolerance: Double = 0,
  _ label: String = "", sourceLocation: SourceLocation = #_sourceLocation
) {
  expectClose(
    [actual], [expected], relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance,
    label, sourceLocation: sourceLocation)
}
