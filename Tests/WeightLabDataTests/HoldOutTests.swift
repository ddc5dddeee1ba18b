// Tests of the stratified validation split.

import Testing
import WeightLabCore

@testable import WeightLabData

@Suite struct HoldOutTests {
  /// Returns a dataset whose single feature of example `i` is `i`, so every row can be traced to its source.
  func dataset(classCounts: [Int]) -> LabeledDataset {
    var labels = [Int32]()
    // Interleave the classes so that the labels are not sorted.
    var remaining = classCounts
    while remaining.contains(where: { $0 > 0 }) {
      for label in remaining.indices where remaining[label] > 0 {
        labels.append(Int32(label))
        remaining[label] -= 1
      }
    }
    let features = Tensor(shape: [labels.count, 1], scalars: labels.indices.map { Float($0) })
    return LabeledDataset(features: features, labels: labels, classCount: classCounts.count)
  }

  func classCounts(_ labels: [Int32], classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[Int(label)] += 1 }
    return counts
  }

  /// Returns the source index of each row, read back from the feature.
  func sourceIndices(_ data: LabeledDataset) -> [Int] {
    data.features.scalars.map { Int($0) }
  }

  @Test func stratifiedCounts() {
    // round(0.1 * n): 100 -> 10, 25 -> 2.5 rounds away from zero to 3, 7 -> 0.7 rounds to 1, 4 -> 0.
    let train = dataset(classCounts: [100, 25, 7, 4])
    let test = dataset(classCounts: [5, 5, 5, 5])

    let splits = DatasetSplits.holdOut(train: train, test: test, validationFraction: 0.1, seed: 3)

    #expect(classCounts(splits.validation.labels, classCount: 4) == [10, 3, 1, 0])
    #expect(classCounts(splits.train.labels, classCount: 4) == [90, 22, 6, 4])
    #expect(splits.test.count == 20)
  }

  @Test func partsAreDisjointAndComplete() {
    let train = dataset(classCounts: [40, 30, 20])

    let splits = DatasetSplits.holdOut(train: train, test: train, validationFraction: 0.25, seed: 11)

    let trainSources = sourceIndices(splits.train)
    let validationSources = sourceIndices(splits.validation)
    #expect(Set(trainSources).isDisjoint(with: validationSources))
    #expect((trainSources + validationSources).sorted() == Array(0..<90))
    #expect(trainSources == trainSources.sorted())
    #expect(validationSources == validationSources.sorted())
    #expect(splits.train.labels == trainSources.map { train.labels[$0] })
    #expect(splits.validation.labels == validationSources.map { train.labels[$0] })
  }

  @Test func sameSeedSameSplit() {
    let train = dataset(classCounts: [50, 50, 50])

    let first = DatasetSplits.holdOut(train: train, test: train, validationFraction: 0.2, seed: 5)
    let second = DatasetSplits.holdOut(train: train, test: train, validationFraction: 0.2, seed: 5)

    #expect(sourceIndices(first.validation) == sourceIndices(second.validation))
  }

  @Test func otherSeedOtherSplit() {
    let train = dataset(classCounts: [50, 50, 50])

    let first = DatasetSplits.holdOut(train: train, test: train, validationFraction: 0.2, seed: 5)
    let second = DatasetSplits.holdOut(train: train, test: train, validationFraction: 0.2, seed: 6)

    #expect(sourceIndices(first.validation) != sourceIndices(second.validation))
  }

  @Test func zeroFractionKeepsEverything() {
    let train = dataset(classCounts: [3, 4])

    let splits = DatasetSplits.holdOut(train: train, test: train, validationFraction: 0, seed: 0)

    #expect(splits.validation.count == 0)
    #expect(splits.train.count == 7)
  }

  @Test func descriptionStatesCounts() {
    let train = dataset(classCounts: [Int](repeating: 6000, count: 10))
    let test = dataset(classCounts: [Int](repeating: 1000, count: 10))

    let splits = DatasetSplits.holdOut(train: train, test: test, validationFraction: 0.1, seed: 0)

    #expect(
      splits.description
        == "validation: 6000 examples (10% of the training set, stratified by class, seed 0) held out from 60000; "
        + "train: 54000; test: 10000 (the official test set)")
  }

  @Test(arguments: [(0.1, "10%"), (0.125, "12.5%"), (0.07, "7%"), (0, "0%"), (0.333, "33.3%")])
  func percentText(fraction: Double, expected: String) {
    #expect(DatasetSplits.percentText(fraction) == expected)
  }
}
