// One epoch's losses, accuracies and timings in a form the run store can write and read back.

import WeightLab

/// The figures of one finished epoch, with the same fields as the trainer's `EpochRecord`.
///
/// `trainLoss` is the mean data loss over the epoch's mini-batches as they were trained, without
/// the penalty. Accuracies come from an evaluation pass with the end-of-epoch weights.
public struct EpochMetrics: Sendable, Codable, Equatable {
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

  public init(_ record: EpochRecord) {
    self.init(
      epoch: record.epoch, trainLoss: record.trainLoss, penalty: record.penalty,
      trainAccuracy: record.trainAccuracy ?? .nan, validationLoss: record.validationLoss,
      validationAccuracy: record.validationAccuracy, testLoss: record.testLoss,
      testAccuracy: record.testAccuracy,
      seconds: record.seconds, trainingSeconds: record.trainingSeconds,
      samplesPerSecond: record.samplesPerSecond)
  }
}
