// The examples a trainer reads: a feature matrix and integer class labels.

import WeightLabCore

/// Labeled examples as rows of a `[count, featureCount]` matrix.
public struct Examples: Sendable {
  public var features: Tensor
  public var labels: [Int32]

  public init(features: Tensor, labels: [Int32]) {
    precondition(features.rank == 2, "features must be a matrix, got shape \(features.shape)")
    precondition(features.rows == labels.count, "\(features.rows) feature rows but \(labels.count) labels")
    self.features = features
    self.labels = labels
  }

  public var count: Int { labels.count }
  public var featureCount: Int { features.columns }
}

/// One epoch's measurements.
///
/// `trainLoss` is the mean data loss over the epoch's mini-batches as they were trained, without
/// the penalty; `penalty` is the regularization term at the end of the epoch; accuracies come from
/// an evaluation pass with the end-of-epoch weights. `samplesPerSecond` counts training samples
/// over the training time only, excluding evaluation.
public struct EpochRecord: Sendable, Equatable {
  public var epoch: Int
  public var trainLoss: Double
  public var penalty: Double
  public var trainAccuracy: Double
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
    epoch: Int, trainLoss: Double, penalty: Double, trainAccuracy: Double, validationLoss: Double?,
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

/// Where and why a run stopped early because the loss or a parameter became non-finite.
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
  /// Set when the run stopped on a non-finite loss; the model then holds the weights from the
  /// end of the last complete epoch (the initial weights if it diverged in the first).
  public var divergence: Divergence?
  /// Set when `TrainingObserver.shouldStop` stopped the run: the state after the last step,
  /// which `Trainer.restore(_:)` accepts to continue it.
  public var interruption: TrainingSnapshot? = nil
}
