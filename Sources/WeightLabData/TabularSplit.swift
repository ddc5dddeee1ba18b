// Train, validation and test splits of a table's rows: stratified by class for classification,
// plain random for regression, reproducible from the seed alone.

import WeightLabCore

/// The row indices of the three parts of a table. Each part lists its rows in increasing order.
public struct TabularSplit: Sendable, Equatable {
  public var train: [Int]
  public var validation: [Int]
  public var test: [Int]
  /// Whether the parts were drawn class by class.
  public var isStratified: Bool

  /// The default share of rows for validation. With `defaultTestFraction`, it leaves 70% of the
  /// rows for training, and a minority class of 3% (credit default) still gets about 45 rows in
  /// each held-out part of a 10000-row table.
  public static let defaultValidationFraction = 0.15
  /// The default share of rows for the test part.
  public static let defaultTestFraction = 0.15

  /// The name of the random stream that shuffles the rows, combined with the seed.
  public static let streamName = "tabular-split"

  /// Splits rows so that each class keeps its share in every part.
  ///
  /// For a class with `n` rows, validation takes `round(validationFraction * n)` and test takes
  /// `round(testFraction * n)` (halves round away from zero), reduced when needed so that training
  /// keeps at least one row of every class. Which rows is decided by shuffling all row indices with
  /// `RandomStream(seed: seed, name: streamName)` and handing each class's rows out in that order:
  /// validation first, then test, then training.
  ///
  /// - Parameters:
  ///   - classes: The class index of each row, in `0 ..< classCount`.
  ///   - validationFraction: In `0 ..< 1`.
  ///   - testFraction: In `0 ..< 1`, with `validationFraction + testFraction < 1`.
  /// - Complexity: O(n log n) for n rows, from sorting the parts.
  public static func stratified(
    classes: [Int32], classCount: Int, validationFraction: Double, testFraction: Double, seed: UInt64
  ) -> TabularSplit {
    precondition(
      classes.allSatisfy { $0 >= 0 && Int($0) < classCount }, "every class index must be in 0..<\(classCount)"
    )
    return split(
      groups: classes.map(Int.init), groupCount: classCount, validationFraction: validationFraction,
      testFraction: testFraction, seed: seed, isStratified: true)
  }

  /// Splits `count` rows at random, with the sizes `stratified` gives a single class.
  public static func random(count: Int, validationFraction: Double, testFraction: Double, seed: UInt64)
    -> TabularSplit
  {
    split(
      groups: [Int](repeating: 0, count: count), groupCount: 1, validationFraction: validationFraction,
      testFraction: testFraction, seed: seed, isStratified: false)
  }

  static func split(
    groups: [Int], groupCount: Int, validationFraction: Double, testFraction: Double, seed: UInt64,
    isStratified: Bool
  ) -> TabularSplit {
    precondition(
      validationFraction >= 0 && validationFraction < 1,
      "validationFraction must be in 0..<1, got \(validationFraction)")
    precondition(testFraction >= 0 && testFraction < 1, "testFraction must be in 0..<1, got \(testFraction)")
    precondition(
      validationFraction + testFraction < 1,
      "validationFraction + testFraction must be below 1, got \(validationFraction) + \(testFraction)")

    var groupSizes = [Int](repeating: 0, count: groupCount)
    for group in groups { groupSizes[group] += 1 }
    var validationQuota = [Int](repeating: 0, count: groupCount)
    var testQuota = [Int](repeating: 0, count: groupCount)
    for group in 0..<groupCount where groupSizes[group] > 0 {
      let size = groupSizes[group]
      validationQuota[group] = min(Int((validationFraction * Double(size)).rounded()), size - 1)
      testQuota[group] = min(Int((testFraction * Double(size)).rounded()), size - 1 - validationQuota[group])
    }

    var generator = RandomStream(seed: seed, name: streamName)
    var result = TabularSplit(train: [], validation: [], test: [], isStratified: isStratified)
    for row in randomPermutation(count: groups.count, using: &generator) {
      let group = groups[row]
      if validationQuota[group] > 0 {
        validationQuota[group] -= 1
        result.validation.append(row)
      } else if testQuota[group] > 0 {
        testQuota[group] -= 1
        result.test.append(row)
      } else {
        result.train.append(row)
      }
    }
    result.train.sort()
    result.validation.sort()
    result.test.sort()
    return result
  }
}
