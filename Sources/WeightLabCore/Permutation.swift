// Random permutations for shuffling, written out so the order never depends on the standard
// library's shuffle algorithm, which may change between Swift versions.

/// Returns a uniformly random permutation of `0 ..< count` by the Fisher-Yates shuffle.
///
/// Each swap position is drawn with `Int.random(in:using:)`'s unbiased rejection from `generator`.
/// - Complexity: O(count).
public func randomPermutation(count: Int, using generator: inout some RandomNumberGenerator) -> [Int] {
  var order = Array(0..<count)
  guard count > 1 else { return order }
  for index in stride(from: count - 1, to: 0, by: -1) {
    let other = Int(boundedRandom(UInt64(index + 1), using: &generator))
    order.swapAt(index, other)
  }
  return order
}

/// Returns the order in which to visit `count` examples in epoch `epoch`: a permutation of `0 ..< count`.
///
/// The permutation is a Fisher-Yates shuffle driven by `RandomStream(seed: seed, name: "shuffle/epoch<epoch>")`.
///
/// - Complexity: O(`count`).
public func epochOrder(count: Int, seed: UInt64, epoch: Int) -> [Int] {
  precondition(count >= 0, "count must not be negative, got \(count)")
  var generator = RandomStream(seed: seed, name: "shuffle/epoch\(epoch)")
  return randomPermutation(count: count, using: &generator)
}

/// Returns a uniform integer in `0 ..< bound` by Lemire's multiply-and-reject method.
func boundedRandom(_ bound: UInt64, using generator: inout some RandomNumberGenerator) -> UInt64 {
  precondition(bound > 0, "bound must be positive")
  var product = generator.next().multipliedFullWidth(by: bound)
  if product.low < bound {
    let threshold = (0 &- bound) % bound
    while product.low < threshold {
      product = generator.next().multipliedFullWidth(by: bound)
    }
  }
  return product.high
}
