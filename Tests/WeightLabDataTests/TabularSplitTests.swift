// Tests of the train, validation and test splits: stratified class ratios, disjoint and complete
// parts, reproducibility from the seed, and small classes that stay in training.

import Testing

@testable import WeightLabData

@Suite struct TabularSplitTests {
  /// Returns class labels sorted by class, with `counts[c]` rows of class `c`.
  func labels(counts: [Int]) -> [Int32] {
    counts.enumerated().flatMap { label, count in [Int32](repeating: Int32(label), count: count) }
  }

  func classCounts(_ rows: [Int], _ labels: [Int32], classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for row in rows { counts[Int(labels[row])] += 1 }
    return counts
  }

  @Test(arguments: [1, 2, 3, 99])
  func stratifiedKeepsClassRatios(seed: UInt64) {
    let counts = [967, 33, 250]
    let classes = labels(counts: counts)
    let split = TabularSplit.stratified(
      classes: classes, classCount: 3, validationFraction: 0.15, testFraction: 0.15, seed: seed)

    for (part, rows) in [("validation", split.validation), ("test", split.test), ("train", split.train)] {
      let fraction = part == "train" ? 0.7 : 0.15
      for (label, count) in classCounts(rows, classes, classCount: 3).enumerated() {
        let expected = fraction * Double(counts[label])
        #expect(
          abs(Double(count) - expected) <= 1, "\(part), class \(label): \(count) rows, expected \(expected)")
      }
    }
  }

  @Test func exactRoundedCounts() {
    // round(0.15 * 33) = round(4.95) = 5 for validation and test, so training keeps 23.
    let classes = labels(counts: [967, 33])
    let split = TabularSplit.stratified(
      classes: classes, classCount: 2, validationFraction: 0.15, testFraction: 0.15, seed: 5)

    #expect(classCounts(split.validation, classes, classCount: 2) == [145, 5])
    #expect(classCounts(split.test, classes, classCount: 2) == [145, 5])
    #expect(classCounts(split.train, classes, classCount: 2) == [677, 23])
  }

  @Test func partsAreDisjointSortedAndComplete() {
    let classes = labels(counts: [40, 30, 20])
    let split = TabularSplit.stratified(
      classes: classes, classCount: 3, validationFraction: 0.2, testFraction: 0.1, seed: 11)
    let all = split.train + split.validation + split.test

    #expect(all.sorted() == Array(0..<90))
    #expect(split.train == split.train.sorted())
    #expect(split.validation == split.validation.sorted())
    #expect(split.test == split.test.sorted())
    #expect(split.isStratified)
  }

  @Test func sameSeedSameSplit() {
    let classes = labels(counts: [50, 50])
    let first = TabularSplit.stratified(
      classes: classes, classCount: 2, validationFraction: 0.15, testFraction: 0.15, seed: 7)
    let second = TabularSplit.stratified(
      classes: classes, classCount: 2, validationFraction: 0.15, testFraction: 0.15, seed: 7)
    let other = TabularSplit.stratified(
      classes: classes, classCount: 2, validationFraction: 0.15, testFraction: 0.15, seed: 8)

    #expect(first == second)
    #expect(first != other)
  }

  @Test func smallClassesKeepATrainingRow() {
    // One row: nothing held out. Two rows with fractions 0.5 and 0.4: validation 1, test capped at 0.
    let classes = labels(counts: [1, 2, 10])
    let split = TabularSplit.stratified(
      classes: classes, classCount: 3, validationFraction: 0.5, testFraction: 0.4, seed: 3)

    #expect(classCounts(split.train, classes, classCount: 3) == [1, 1, 1])
    #expect(classCounts(split.validation, classes, classCount: 3) == [0, 1, 5])
    #expect(classCounts(split.test, classes, classCount: 3) == [0, 0, 4])
  }

  @Test func randomSplitSizes() {
    let split = TabularSplit.random(count: 1001, validationFraction: 0.15, testFraction: 0.15, seed: 2)

    #expect(split.validation.count == 150)
    #expect(split.test.count == 150)
    #expect(split.train.count == 701)
    #expect((split.train + split.validation + split.test).sorted() == Array(0..<1001))
    #expect(!split.isStratified)
  }
}
