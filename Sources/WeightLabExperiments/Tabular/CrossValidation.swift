// K-fold cross-validation for choosing a penalty strength: every training and validation row
// serves once as held-out data, so the choice does not rest on one small validation split.

import WeightLab
import WeightLabCore

extension Examples {
  /// Returns the rows at `indices`, in that order.
  func rows(_ indices: [Int]) -> Examples {
    let width = featureCount
    var scalars = [Float]()
    scalars.reserveCapacity(indices.count * width)
    features.scalars.withUnsafeBufferPointer { source in
      for index in indices { scalars.append(contentsOf: source[index * width..<(index + 1) * width]) }
    }
    let gathered = Tensor(shape: [indices.count, width], scalars: scalars)
    if labels.isEmpty { return Examples(features: gathered, targets: indices.map { targets[$0] }) }
    return Examples(features: gathered, labels: indices.map { labels[$0] })
  }

  /// Returns the first `count` rows.
  public func firstRows(_ count: Int) -> Examples {
    rows(Array(0..<min(count, self.count)))
  }

  /// Returns these rows followed by `other`'s.
  func appending(_ other: Examples) -> Examples {
    let joined = Tensor(
      shape: [count + other.count, featureCount], scalars: features.scalars + other.features.scalars)
    if labels.isEmpty { return Examples(features: joined, targets: targets + other.targets) }
    return Examples(features: joined, labels: labels + other.labels)
  }
}

/// Assigns rows to `k` folds: stratified by class for classification (each class's shuffled rows
/// are dealt to the folds in turn), shuffled for regression.
///
/// Returns each fold's held-out row indices. Every row is held out exactly once.
func crossValidationFolds(of examples: Examples, folds k: Int, seed: UInt64) -> [[Int]] {
  precondition(k >= 2, "cross-validation needs at least 2 folds, got \(k)")
  var stream = RandomStream(seed: seed, name: "cross-validation")
  let order = randomPermutation(count: examples.count, using: &stream)
  var folds = [[Int]](repeating: [], count: k)
  if examples.labels.isEmpty {
    for (position, row) in order.enumerated() { folds[position % k].append(row) }
    return folds
  }
  // Dealing class by class keeps every fold's class mix close to the whole set's; the running
  // position carries over between classes so fold sizes differ by at most one row.
  var next = 0
  for label in Set(examples.labels).sorted() {
    for row in order where examples.labels[row] == label {
      folds[next % k].append(row)
      next += 1
    }
  }
  return folds
}
