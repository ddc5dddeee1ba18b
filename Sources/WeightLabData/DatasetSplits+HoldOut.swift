// Holding out a validation set from the training set, stratified by class so that both parts keep
// the training set's class balance, and reproducible from the seed alone.

import WeightLabCore

extension DatasetSplits {
  /// Splits `train` into a training part and a stratified validation part, and keeps `test` as it is.
  ///
  /// For each class `c` with `n_c` training examples, the validation part takes
  /// `round(validationFraction * n_c)` of them (halves round away from zero). Which ones is decided by
  /// shuffling all training indices with `RandomStream(seed: seed, name: "validation-split")` and
  /// taking each class's first examples in that order. Both parts list their examples in their
  /// original order.
  ///
  /// - Parameters:
  ///   - validationFraction: The share of each class to hold out, in `0 ..< 1`.
  ///   - testDescription: How the test set was made, quoted in `description`.
  /// - Precondition: Every label of `train` is in `0 ..< train.classCount`.
  /// - Complexity: O(n log n) for n training examples, from sorting the two parts' indices.
  public static func holdOut(
    train: LabeledDataset, test: LabeledDataset, validationFraction: Double, seed: UInt64,
    testDescription: String = "the official test set"
  ) -> DatasetSplits {
    precondition(
      validationFraction >= 0 && validationFraction < 1,
      "validationFraction must be in 0..<1, got \(validationFraction)")
    precondition(
      train.labels.allSatisfy { $0 >= 0 && Int($0) < train.classCount },
      "every training label must be in 0..<\(train.classCount)")

    var classCounts = [Int](repeating: 0, count: train.classCount)
    for label in train.labels { classCounts[Int(label)] += 1 }
    var remainingQuota = classCounts.map { Int((validationFraction * Double($0)).rounded()) }

    var generator = RandomStream(seed: seed, name: "validation-split")
    var validationIndices = [Int]()
    var trainIndices = [Int]()
    for index in randomPermutation(count: train.count, using: &generator) {
      let label = Int(train.labels[index])
      if remainingQuota[label] > 0 {
        remainingQuota[label] -= 1
        validationIndices.append(index)
      } else {
        trainIndices.append(index)
      }
    }
    validationIndices.sort()
    trainIndices.sort()

    let description =
      "validation: \(validationIndices.count) examples (\(percentText(validationFraction)) of the training set, "
      + "stratified by class, seed \(seed)) held out from \(train.count); "
      + "train: \(trainIndices.count); test: \(test.count) (\(testDescription))"
    return DatasetSplits(
      train: train.subset(trainIndices), validation: train.subset(validationIndices), test: test,
      description: description)
  }

  /// Formats a fraction as a percentage, `0.1` as `10%` and `0.125` as `12.5%`.
  static func percentText(_ fraction: Double) -> String {
    // Rounding to six decimals hides binary noise such as 0.07 * 100 = 7.000000000000001.
    let percent = (fraction * 100 * 1e6).rounded() / 1e6
    if percent == percent.rounded() {
      return "\(Int(percent))%"
    }
    return "\(percent)%"
  }
}
