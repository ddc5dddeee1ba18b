// The JSON header of a checkpoint file: position, seed, configuration, optimizer counters and the
// history of finished epochs. Tensors live in the safetensors data section beside it.

import Foundation
import WeightLab

/// The `weightlab.checkpoint` metadata of a checkpoint file.
struct CheckpointHeader: Codable {
  var formatVersion: Int
  var writtenAt: String
  var configuration: StoredConfiguration
  var storeRunID: Int64?
  var epoch: Int
  var completedSteps: Int
  var stepsPerEpoch: Int
  var globalStep: Int
  /// The bit pattern of `TrainingSnapshot.partialLossSum`, so the resumed epoch's mean loss
  /// comes out bit-identical whatever the JSON number formatting.
  var partialLossSumBits: UInt64
  /// The bit pattern of `TrainingSnapshot.partialWeightSum`. Checkpoints written before
  /// weighted losses lack it; their weight sum is the row count of the completed steps.
  var partialWeightSumBits: UInt64?
  var partialTrainingSeconds: Double
  var shuffleSeed: UInt64
  var optimizerCounters: [String: Int]
  var history: [StoredEpochRecord]

  init(_ checkpoint: RunCheckpoint) {
    let snapshot = checkpoint.snapshot
    formatVersion = RunCheckpoint.formatVersion
    writtenAt = RunStore.timestamp()
    configuration = checkpoint.configuration
    storeRunID = checkpoint.storeRunID
    epoch = snapshot.epoch
    completedSteps = snapshot.completedSteps
    stepsPerEpoch = snapshot.stepsPerEpoch
    globalStep = snapshot.globalStep
    partialLossSumBits = snapshot.partialLossSum.bitPattern
    partialWeightSumBits = snapshot.partialWeightSum.bitPattern
    partialTrainingSeconds = snapshot.partialTrainingSeconds
    shuffleSeed = snapshot.shuffleSeed
    optimizerCounters = snapshot.optimizer.counters
    history = snapshot.history.map(StoredEpochRecord.init)
  }
}

/// An `EpochRecord` in the header. Swift's JSON encoder writes the shortest decimal that reads
/// back as the same Double, so the records round-trip exactly.
struct StoredEpochRecord: Codable {
  var epoch: Int
  var trainLoss: Double
  var penalty: Double
  var trainAccuracy: Double?
  var validationLoss: Double?
  var validationAccuracy: Double?
  var testLoss: Double?
  var testAccuracy: Double?
  var seconds: Double
  var trainingSeconds: Double
  var samplesPerSecond: Double

  init(_ record: EpochRecord) {
    epoch = record.epoch
    trainLoss = record.trainLoss
    penalty = record.penalty
    trainAccuracy = record.trainAccuracy
    validationLoss = record.validationLoss
    validationAccuracy = record.validationAccuracy
    testLoss = record.testLoss
    testAccuracy = record.testAccuracy
    seconds = record.seconds
    trainingSeconds = record.trainingSeconds
    samplesPerSecond = record.samplesPerSecond
  }

  var record: EpochRecord {
    EpochRecord(
      epoch: epoch, trainLoss: trainLoss, penalty: penalty, trainAccuracy: trainAccuracy,
      validationLoss: validationLoss, validationAccuracy: validationAccuracy, testLoss: testLoss,
      testAccuracy: testAccuracy, seconds: seconds, trainingSeconds: trainingSeconds,
      samplesPerSecond: samplesPerSecond)
  }
}
