// The examples a trainer reads, a feature matrix with a class label or a real target per row,
// and the records and outcome of a training run.

import WeightLabCore

/// Examples as rows of a `[count, featureCount]` matrix, with class labels or real targets.
public struct Examples: Sendable {
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

/// One epoch's measurements.
///
/// `trainLoss` is the mean data loss over the epoch's mini-batches as they were trained, without
/// the penalty, and weighted by class when the loss has class weights. `penalty` is the
/// regularization term at the end of the epoch. Validation and test losses and all accuracies
/// come from an evaluation pass with the end-of-epoch weights. Accuracies are nil for a
/// regression loss, and `trainAccuracy` is also nil when the configuration skips the pass over
/// the training set. `samplesPerSecond` counts training samples over the training time only,
/// excluding evaluation.
public struct EpochRecord: Sendable, Equatable {
  public var epoch: Int
  public var trainLoss: Double
  public var penalty: Double
  public var trainAccuracy: Double?
  public var validationLoss: Double?
  public var validationAccuracy: Double?
  public var testLoss: Double?
  public var testAccuracy: Double?
  /// Wall-clock seconds for the epoch, training and evaluation.
  public var seconds: Double
  /// Seconds spent in training steps.
  public var trainingSeconds: Double
  public var samplesPerSecond: Double

  public init(
    epoch: Int, trainLoss: Double, penalty: Double, trainAccuracy: Double?, validationLoss: Double?,
    validationAccuracy: Double?, testLoss: Double?, testAccuracy: Double?, seconds: Double,
    trainingSeconds: Double, samplesPerSecond: Double
  ) {
    self.epoch = epoch
    self.trainLoss = trainLoss
    self.penalty = penalty
    self.trainAccuracy = trainAccuracy
    self.validationLoss = validationLoss
    self.validationAccuracy = validationAccuracy
    self.testLoss = testLoss
    self.testAccuracy = testAccuracy
    self.seconds = seconds
    self.trainingSeconds = trainingSeconds
    self.samplesPerSecond = samplesPerSecond
  }
}

/// The place and cause of an early stop because the loss or a parameter became non-finite.
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
  public var epoch: Int
  /// The 1-based global step at which the non-finite value first appeared.
  public var step: Int
  /// The first parameter, in model order, whose value was non-finite after the failed step.
  public var parameterPath: String?
  /// The first layer whose output was non-finite in the failed step's forward pass; nil when the
  /// forward pass was finite and only the loss or the update overflowed.
  public var layer: String?
  /// The loss at that step: NaN or infinite, or NaN when only a parameter became non-finite.
  public var loss: Double

  public init(epoch: Int, step: Int, parameterPath: String?, layer: String? = nil, loss: Double) {
    self.epoch = epoch
    self.step = step
    self.parameterPath = parameterPath
    self.layer = layer
    self.loss = loss
  }

  public var description: String {
    var text = "the loss became \(loss) at step \(step) (epoch \(epoch))"
    if let layer { text += "; the output of \(layer) was the first non-finite activation" }
    if let parameterPath { text += "; \(parameterPath) was the first non-finite parameter" }
    return text
  }
}

/// The outcome of `Trainer.fit`.
public struct TrainingResult: Sendable {
  public var history: [EpochRecord]
  /// The epoch whose weights the model holds: the lowest validation loss under early stopping,
  /// otherwise the last epoch trained (0 when the first epoch diverged).
  public var keptEpoch: Int
  /// Whether early stopping ended the run before its last epoch.
  public var stoppedEarly: Bool = false
  /// Set when the run stopped on a non-finite loss or parameter. The model then holds the weights
  /// of the best epoch under early stopping, otherwise those from the end of the last complete
  /// epoch (the initial weights if it diverged in the first).
  public var divergence: Divergence?
  /// Set when `TrainingObserver.shouldStop` stopped the run: the state after the last step,
  /// which `Trainer.restore(_:)` accepts to continue it.
  public var interruption: TrainingSnapshot? = nil

  /// The record of `keptEpoch`, nil when no epoch finished.
  public var keptRecord: EpochRecord? {
    history.first { $0.epoch == keptEpoch }
  }
}
