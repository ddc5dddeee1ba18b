// Seeded synthetic examples for tests that need data but not Fashion-MNIST: standard-normal
// features and labels that depend on the first feature, so that a network can learn them.

import WeightLab
import WeightLabCore

@testable import WeightLabExperiments

/// `count` rows of `features` standard-normal values, labelled by which of `classes` equal-width
/// ranges of the first feature's normal CDF they fall in.
func syntheticExamples(count: Int, features: Int, classes: Int, seed: UInt64) -> Examples {
  var stream = RandomStream(seed: seed, name: "synthetic")
  var values: [Float] = []
  var labels: [Int32] = []
  for _ in 0..<count {
    let row = (0..<features).map { _ in Float(stream.nextStandardNormal()) }
    values += row
    let position = Statistics.normalCDF(Double(row[0]))
    labels.append(Int32(min(Int(position * Double(classes)), classes - 1)))
  }
  return Examples(features: Tensor(shape: [count, features], scalars: values), labels: labels)
}

/// Prepared data with synthetic train, validation and test splits.
func syntheticPreparedData(features: Int = 16, classes: Int = 3) -> PreparedData {
  PreparedData(
    name: "synthetic", train: syntheticExamples(count: 300, features: features, classes: classes, seed: 1),
    validation: syntheticExamples(count: 60, features: features, classes: classes, seed: 2),
    test: syntheticExamples(count: 60, features: features, classes: classes, seed: 3),
    featureCount: features, classCount: classes, classNames: (0..<classes).map { "class \($0)" },
    splitDescription: "synthetic", loadSeconds: 0)
}
