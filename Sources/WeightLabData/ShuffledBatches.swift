// Mini-batches cut from an epoch's reproducible example order, `epochOrder(count:seed:epoch:)`
// in WeightLabCore, which the trainer shuffles with too.

import WeightLabCore

/// The mini-batches of one epoch: consecutive slices of `epochOrder(count:seed:epoch:)`.
///
/// Every batch contains `batchSize` indices except the last, which contains the remainder when
/// `batchSize` does not divide `count`.
public struct ShuffledBatches: Sequence, Sendable {
  /// The permutation of example indices for this epoch.
  public let order: [Int]
  public let batchSize: Int

  public init(count: Int, batchSize: Int, seed: UInt64, epoch: Int) {
    precondition(batchSize > 0, "batchSize must be positive, got \(batchSize)")
    self.order = epochOrder(count: count, seed: seed, epoch: epoch)
    self.batchSize = batchSize
  }

  /// The number of batches, counting a final partial batch.
  public var batchCount: Int { (order.count + batchSize - 1) / batchSize }

  public func makeIterator() -> Iterator {
    Iterator(order: order, batchSize: batchSize)
  }

  /// Yields the example indices of each batch in turn.
  public struct Iterator: IteratorProtocol {
    let order: [Int]
    let batchSize: Int
    var start = 0

    public mutating func next() -> ArraySlice<Int>? {
      guard start < order.count else { return nil }
      let end = Swift.min(start + batchSize, order.count)
      defer { start = end }
      return order[start..<end]
    }
  }
}
