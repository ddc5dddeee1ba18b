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
}

/// Where and why a run stopped early because the loss or a parameter became non-finite.
public struct Divergence: Sendable, Equatable, CustomStringConvertible {
  public var epoch: Int
  /// The 1-based global step at which the non-finite value first appeared.
  public var step: Int
  /// The first parameter whose value or gradient was non-finite, if the loss itself was finite.
  public var parameterPath: String?
  public var loss: Double

  public var description: String {
    let location = parameterPath.map { " in \($0)" } ?? ""
    return "the loss became \(loss) at step \(step) (epoch \(epoch))\(location)"
  }
}

/// The outcome of `Trainer.fit`.
public struct TrainingResult: Sendable {
  public var history: [EpochRecord]
  /// Set when the run stopped on a non-finite loss; the model then holds the weights from the
  /// end of the last complete epoch (the initial weights if it diverged in the first).
  public var divergence: Divergence?
}
