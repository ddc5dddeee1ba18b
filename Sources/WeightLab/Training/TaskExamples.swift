// The examples of a tabular task: a feature matrix with a class label or a real target per row,
// and the per-epoch record of a task training run.

import WeightLabCore

/// Examples as rows of a `[count, featureCount]` matrix, with class labels or real targets.
public struct TaskExamples: Sendable {
  public var features: Tensor
  /// Classification: the class of each row. Empty for regression.
  public var labels: [Int32]
  /// Regression: the target of each row. Empty for classification.
  public var targets: [Float]

  /// Creates classification examples.
  public init(features: Tensor, labels: [Int32]) {
    precondition(features.rank == 2, "features must be a matrix, got shape \(features.shape)")
    precondition(features.rows == labels.count, "\(features.rows) feature rows but \(labels.count) labels")
    self.features = features
    self.labels = labels
    self.targets = []
  }

  /// Creates regression examples.
  public init(features: Tensor, targets: [Float]) {
    precondition(features.rank == 2, "features must be a matrix, got shape \(features.shape)")
    precondition(features.rows == targets.count, "\(features.rows) feature rows but \(targets.count) targets")
    self.features = features
    self.labels = []
    self.targets = targets
  }

  public var count: Int { features.rows }
  public var featureCount: Int { features.columns }
}

/// One epoch of a task training run.
///
/// Losses are data losses without the penalty: the training loss is the mean over the epoch's
/// mini-batches as they were trained, the validation loss uses the end-of-epoch weights. Both are
/// weighted by class when the loss has class weights.
public struct TaskEpochRecord: Sendable, Equatable {
  public var epoch: Int
  public var trainLoss: Double
  /// The regularization term at the end of the epoch.
  public var penalty: Double
  public var validationLoss: Double?
  /// Wall-clock seconds of the epoch, training and validation.
  public var seconds: Double
  /// Training rows per second of training time.
  public var samplesPerSecond: Double
}

/// The outcome of `TaskTrainer.fit`.
public struct TaskTrainingResult: Sendable {
  public var history: [TaskEpochRecord]
  /// The epoch whose weights the model holds: the lowest validation loss under early stopping,
  /// otherwise the last epoch trained (0 when the first epoch diverged).
  public var keptEpoch: Int
  /// Whether early stopping ended the run before its last epoch.
  public var stoppedEarly: Bool
  /// Set when a loss or a parameter became non-finite.
  public var divergence: Divergence?

  /// The record of `keptEpoch`, nil when no epoch finished.
  public var keptRecord: TaskEpochRecord? {
    history.first { $0.epoch == keptEpoch }
  }
}
