// The complete state of a training run between two steps: weights, optimizer state, position in
// the schedule and the history so far. A checkpoint stores it; `Trainer.restore` continues from it.

import WeightLabCore

/// Everything `Trainer.fit` needs to continue a run with bit-identical results.
///
/// The shuffled order of epoch `e` is drawn from the stream `(shuffleSeed, "shuffle/epoch<e>")`
/// afresh at the start of each epoch. The random-stream position is therefore a function of
/// (`shuffleSeed`, `epoch`, `completedSteps`), and storing those three numbers stores it.
///
/// NOTE: Constraints with their own state, such as the power-iteration vectors of `SpectralNorm`,
/// are not part of the snapshot, so a resumed run with such a constraint is not bit-identical.
public struct TrainingSnapshot: Sendable {
  /// The epoch in progress, or the next epoch to start when `completedSteps` is 0. It is
  /// `configuration.epochs + 1` after the last epoch.
  public var epoch: Int
  /// The mini-batches of `epoch` already trained, from 0 to `stepsPerEpoch - 1`.
  public var completedSteps: Int
  public var stepsPerEpoch: Int
  /// The steps trained since the start of the run, over every epoch.
  public var globalStep: Int
  /// The sum of batch mean loss × batch weight over the `completedSteps` steps of `epoch`.
  public var partialLossSum: Double
  /// The sum of the batch weights over the `completedSteps` steps of `epoch`: the row count
  /// unless the loss weighs classes.
  public var partialWeightSum: Double
  /// Seconds spent in the training steps of `epoch` before the snapshot.
  public var partialTrainingSeconds: Double
  /// The records of the finished epochs.
  public var history: [EpochRecord]
  /// The seed of the shuffling streams.
  public var shuffleSeed: UInt64
  /// The parameter values after the last trained step, by parameter path.
  public var parameters: [String: Tensor]
  /// The parameter values at the end of the last finished epoch (the initial values before the
  /// first), which a divergence restores.
  public var lastEpochParameters: [String: Tensor]
  /// Under early stopping, the parameter values of the epoch with the lowest validation loss so
  /// far; nil without early stopping or before the first epoch.
  public var bestParameters: [String: Tensor]?
  public var optimizer: OptimizerState

  public init(
    epoch: Int, completedSteps: Int, stepsPerEpoch: Int, globalStep: Int, partialLossSum: Double,
    partialWeightSum: Double, partialTrainingSeconds: Double, history: [EpochRecord], shuffleSeed: UInt64,
    parameters: [String: Tensor], lastEpochParameters: [String: Tensor],
    bestParameters: [String: Tensor]? = nil,
    optimizer: OptimizerState
  ) {
    self.epoch = epoch
    self.completedSteps = completedSteps
    self.stepsPerEpoch = stepsPerEpoch
    self.globalStep = globalStep
    self.partialLossSum = partialLossSum
    self.partialWeightSum = partialWeightSum
    self.partialTrainingSeconds = partialTrainingSeconds
    self.history = history
    self.shuffleSeed = shuffleSeed
    self.parameters = parameters
    self.lastEpochParameters = lastEpochParameters
    self.bestParameters = bestParameters
    self.optimizer = optimizer
  }
}

/// A snapshot that cannot continue this trainer's run.
public struct TrainingSnapshotError: Error, CustomStringConvertible {
  public var description: String
}

extension Trainer {
  /// Loads the weights and optimizer state of `snapshot`; the next `fit` continues from its
  /// epoch and step instead of starting at epoch 1.
  ///
  /// - Throws: `TrainingSnapshotError` when the snapshot's seed differs from the configuration's,
  ///   or a parameter or optimizer buffer is missing or has another shape.
  public func restore(_ snapshot: TrainingSnapshot) throws(TrainingSnapshotError) {
    guard snapshot.shuffleSeed == configuration.seed else {
      throw TrainingSnapshotError(
        description: "the snapshot was shuffled with seed \(snapshot.shuffleSeed), but this run uses seed "
          + "\(configuration.seed)")
    }
    guard snapshot.completedSteps >= 0, snapshot.completedSteps < snapshot.stepsPerEpoch, snapshot.epoch >= 1
    else {
      throw TrainingSnapshotError(
        description: "the snapshot's position, epoch \(snapshot.epoch) step \(snapshot.completedSteps) of "
          + "\(snapshot.stepsPerEpoch), is invalid")
    }
    let stored =
      [snapshot.parameters, snapshot.lastEpochParameters] + (snapshot.bestParameters.map { [$0] } ?? [])
    for source in stored {
      for parameter in parameters {
        guard let value = source[parameter.path] else {
          throw TrainingSnapshotError(
            description: "the snapshot has no value for parameter '\(parameter.path)'")
        }
        guard value.shape == parameter.value.shape else {
          throw TrainingSnapshotError(
            description: "parameter '\(parameter.path)' has shape \(value.shape) in the snapshot but "
              + "\(parameter.value.shape) in the model")
        }
      }
    }
    do {
      try optimizer.importState(snapshot.optimizer, for: parameters)
    } catch {
      throw TrainingSnapshotError(description: error.description)
    }

    for parameter in parameters { parameter.value = snapshot.parameters[parameter.path]! }
    resumePoint = snapshot
  }

  func makeSnapshot(
    epoch: Int, completedSteps: Int, stepsPerEpoch: Int, globalStep: Int, partialLossSum: Double,
    partialWeightSum: Double, partialTrainingSeconds: Double, history: [EpochRecord],
    lastEpochParameters: [Tensor], bestParameters: [Tensor]?
  ) -> TrainingSnapshot {
    let paths = parameters.map(\.path)
    return TrainingSnapshot(
      epoch: epoch, completedSteps: completedSteps, stepsPerEpoch: stepsPerEpoch, globalStep: globalStep,
      partialLossSum: partialLossSum, partialWeightSum: partialWeightSum,
      partialTrainingSeconds: partialTrainingSeconds, history: history, shuffleSeed: configuration.seed,
      parameters: Dictionary(uniqueKeysWithValues: zip(paths, parameters.map(\.value))),
      lastEpochParameters: Dictionary(uniqueKeysWithValues: zip(paths, lastEpochParameters)),
      bestParameters: bestParameters.map { Dictionary(uniqueKeysWithValues: zip(paths, $0)) },
      optimizer: optimizer.exportState(of: parameters))
  }
}
