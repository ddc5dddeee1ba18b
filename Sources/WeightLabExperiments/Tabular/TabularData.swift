// A tabular dataset turned into the task examples a run trains on, with the encoder that a saved
// model needs and the class weights of its training rows.

import WeightLab
import WeightLabCore
import WeightLabData

/// The train, validation and test examples of a tabular dataset, shared by every run.
public struct TabularData: Sendable {
  /// The dataset name or the CSV path, for output.
  public var name: String
  public var train: Examples
  public var validation: Examples?
  public var test: Examples
  public var encoder: TabularEncoder
  public var summary: TabularSummary
  /// The 0-based data rows (header excluded) of each split in the CSV file. For Khan the test
  /// rows index the official test file.
  public var split: TabularSplit

  public var task: TabularTask { encoder.target.task }
  public var featureCount: Int { train.featureCount }
  /// The network's outputs: one logit per class, or 1 for regression.
  public var outputCount: Int { task.isClassification ? encoder.target.classCount : 1 }

  public init(name: String, dataset: TabularDataset) {
    self.name = name
    encoder = dataset.encoder
    summary = dataset.summary
    split = dataset.split
    switch dataset.splits {
    case .classification(let splits):
      train = Examples(features: splits.train.features, labels: splits.train.labels)
      validation =
        splits.validation.count > 0
        ? Examples(features: splits.validation.features, labels: splits.validation.labels) : nil
      test = Examples(features: splits.test.features, labels: splits.test.labels)
    case .regression(let splits):
      train = Examples(features: splits.train.features, targets: splits.train.targets)
      validation =
        splits.validation.count > 0
        ? Examples(features: splits.validation.features, targets: splits.validation.targets) : nil
      test = Examples(features: splits.test.features, targets: splits.test.targets)
    }
  }

  /// Returns the loss of the task: cross-entropy, with the training rows' balanced class weights when
  /// `balancedClassWeights` is set, or mean squared error on the standardized target.
  public func loss(balancedClassWeights: Bool) -> Loss {
    guard task.isClassification else { return .meanSquaredError }
    guard balancedClassWeights else { return .softmaxCrossEntropy(classWeights: nil) }
    let weights = ClassWeights.balanced(labels: train.labels, classCount: outputCount)
    return .softmaxCrossEntropy(classWeights: weights.map(Float.init))
  }

  /// Returns the task's metrics of `network` on `examples`; regression metrics are in the target's units.
  public func metrics(of network: Sequential, on examples: Examples) -> TaskMetrics {
    let outputs = SavedModel.outputs(of: network, features: examples.features)
    if task.isClassification {
      let probabilities = ClassificationMetrics.softmax(logits: outputs, classCount: outputCount)
      return TaskMetrics.classification(
        probabilities: probabilities, labels: examples.labels, classCount: outputCount)
    }
    let target = encoder.target
    return TaskMetrics.regression(
      predictions: outputs.map { target.destandardized(Double($0)) },
      targets: examples.targets.map { target.destandardized(Double($0)) })
  }
}
