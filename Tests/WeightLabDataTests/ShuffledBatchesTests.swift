// Tests of the per-epoch example order and the mini-batches cut from it.

import Testing
import WeightLabCore

@testable import WeightLabData

@Suite struct ShuffledBatchesTests {
  @Test(arguments: [0, 1, 2, 17, 1000])
  func epochOrderIsPermutation(count: Int) {
    let order = epochOrder(count: count, seed: 42, epoch: 3)

    #expect(order.sorted() == Array(0..<count))
  }

  @Test func epochOrderIsDeterministic() {
    #expect(epochOrder(count: 500, seed: 9, epoch: 2) == epochOrder(count: 500, seed: 9, epoch: 2))
  }

  @Test func epochOrderChangesWithEpochAndSeed() {
    let base = epochOrder(count: 500, seed: 9, epoch: 2)

    #expect(epochOrder(count: 500, seed: 9, epoch: 3) != base)
    #expect(epochOrder(count: 500, seed: 10, epoch: 2) != base)
  }

  /// Each of 5 values should come first in about 1/5 of 5000 epochs. The count is binomial with
  /// std sqrt(5000 * 0.2 * 0.8) ≈ 28, so a band of 5 standard errors (±141) fails only on a real bias.
  @Test func firstPositionIsUniform() {
    var firstCounts = [Int](repeating: 0, count: 5)
    for epoch in 0..<5000 {
      firstCounts[epochOrder(count: 5, seed: 1, epoch: epoch)[0]] += 1
    }

    for (value, count) in firstCounts.enumerated() {
      #expect(abs(count - 1000) <= 141, "value \(value) came first \(count) times in 5000 epochs")
    }
  }

  @Test func batchesCoverEpochOrder() {
    let batches = ShuffledBatches(count: 10, batchSize: 4, seed: 7, epoch: 1)

    let slices = Array(batches)

    #expect(batches.batchCount == 3)
    #expect(slices.map(\.count) == [4, 4, 2])
    #expect(slices.flatMap { $0 } == epochOrder(count: 10, seed: 7, epoch: 1))
  }

  @Test func batchesOfEmptyDataset() {
    let batches = ShuffledBatches(count: 0, batchSize: 4, seed: 7, epoch: 0)

    #expect(batches.batchCount == 0)
    #expect(Array(batches).isEmpty)
  }
}
