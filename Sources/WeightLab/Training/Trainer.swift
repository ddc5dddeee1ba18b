// The training loop: shuffled mini-batches, forward, loss, backward, penalties, optimizer step,
// an evaluation pass after each epoch, and optional early stopping on the validation loss.

import Foundation
import WeightLabCore

/// Settings of one training run.
public struct TrainingConfiguration: Sendable {
  public var epochs: Int
  public var batchSize: Int
  /// Keys the shuffling streams: epoch `e` uses the stream `(seed, "shuffle/epoch<e>")`.
  public var seed: UInt64
  /// Rows per forward pass during evaluation.
  public var evaluationBatchSize: Int
  /// Whether each epoch ends with a pass over the training set for `EpochRecord.trainAccuracy`.
  /// Tabular runs skip it, because they report only losses per epoch.
  public var evaluatesTrainingSet: Bool

  public init(
    epochs: Int, batchSize: Int, seed: UInt64, evaluationBatchSize: Int = 1024,
    evaluatesTrainingSet: Bool = true
  ) {
    precondition(epochs >= 1, "epochs must be at least 1, got \(epochs)")
    precondition(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.evaluationBatchSize = evaluationBatchSize
    self.evaluatesTrainingSet = evaluatesTrainingSet
  }
}

/// Callbacks that report a run's progress and can stop it.
public struct TrainingObserver {
  /// Called after each mini-batch with (epoch, batches done in this epoch, batches per epoch).
  public var batchCompleted: ((Int, Int, Int) -> Void)?
  /// Called after each epoch.
  public var epochCompleted: ((EpochRecord) -> Void)?
  /// Called after `epochCompleted` with the state at the epoch boundary, for example to write a checkpoint.
  public var epochCheckpoint: ((TrainingSnapshot) -> Void)?
  /// Polled after each step. When it returns true, `fit` returns at once with the state after
  /// that step in `TrainingResult.interruption`.
  public var shouldStop: (() -> Bool)?

  public init(
    batchCompleted: ((Int, Int, Int) -> Void)? = nil, epochCompleted: ((EpochRecord) -> Void)? = nil,
    epochCheckpoint: ((TrainingSnapshot) -> Void)? = nil, shouldStop: (() -> Bool)? = nil
  ) {
    self.batchCompleted = batchCompleted
    self.epochCompleted = epochCompleted
    self.epochCheckpoint = epochCheckpoint
    self.shouldStop = shouldStop
  }
}

/// Trains a `Sequential` network with a task's loss: softmax cross-entropy, weighted by class or
/// not, or mean squared error.
public final class Trainer {
  public let model: Sequential
  public let optimizer: any Optimizer
  public let regularization: Regularization
  public let loss: Loss
  public let configuration: TrainingConfiguration
  /// The number of epochs without a lower validation loss after which training stops, or nil to
  /// train every epoch. With a value, the model ends with the weights of its best validation epoch.
  public let patience: Int?

  let parameters: [Parameter]
  let batchFeatures = ScratchBuffer()
  let outputGradient = ScratchBuffer()
  var batchLabels: [Int32]
  var batchTargets: [Float]
  /// The state that the next `fit` continues from, set by `restore(_:)`.
  var resumePoint: TrainingSnapshot?

  /// Creates a trainer. The default loss is unweighted softmax cross-entropy.
  ///
  /// - Precondition: `patience`, when given, is at least 1.
  public init(
    model: Sequential, optimizer: any Optimizer, regularization: Regularization,
    loss: Loss = .softmaxCrossEntropy(classWeights: nil), configuration: TrainingConfiguration,
    patience: Int? = nil
  ) {
    precondition(patience.map { $0 >= 1 } ?? true, "patience must be at least 1, got \(patience!)")
    self.model = model
    self.optimizer = optimizer
    self.regularization = regularization
    self.loss = loss
    self.configuration = configuration
    self.patience = patience
    parameters = model.parameters
    batchLabels = [Int32](repeating: 0, count: configuration.batchSize)
    batchTargets = [Float](repeating: 0, count: configuration.batchSize)
  }

  var outputCount: Int { model.layers[model.layers.count - 1].outFeatures }

  /// Trains up to `configuration.epochs` epochs, evaluates after each one, and stops early when
  /// `patience` is set.
  ///
  /// After `restore(_:)`, training continues from the restored epoch and step with the same
  /// shuffled order, so the final weights are bit-identical to those of an uninterrupted run.
  ///
  /// - Precondition: `validation` has rows when `patience` is set.
  public func fit(
    train: Examples, validation: Examples?, test: Examples?, observer: TrainingObserver = TrainingObserver()
  ) -> TrainingResult {
    precondition(train.count > 0, "the training set is empty")
    precondition(patience == nil || (validation?.count ?? 0) > 0, "early stopping needs validation examples")
    precondition(
      train.featureCount == model.layers[0].inFeatures,
      "the data has \(train.featureCount) features but the model expects \(model.layers[0].inFeatures)")
    let batchSize = configuration.batchSize
    let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
    batchFeatures.reserve(batchSize * train.featureCount)
    outputGradient.reserve(batchSize * outputCount)

    let resume = resumePoint
    resumePoint = nil
    if let resume {
      precondition(
        resume.stepsPerEpoch == batchesPerEpoch,
        "the snapshot has \(resume.stepsPerEpoch) steps per epoch but this data gives \(batchesPerEpoch)")
    }
    var history = resume?.history ?? []
    var lastGoodWeights =
      resume.map { snapshot in parameters.map { snapshot.lastEpochParameters[$0.path]! } }
      ?? parameters.map(\.value)
    var best = resume.flatMap { bestEpoch(history: $0.history, weights: $0.bestParameters) }
    var globalStep = resume?.globalStep ?? 0
    let firstEpoch = resume?.epoch ?? 1

    // Builds the result of a run that ends without an interruption. The model keeps the best
    // epoch's weights under early stopping, or the last complete epoch's after a divergence.
    func finish(divergence: Divergence? = nil, stoppedEarly: Bool = false) -> TrainingResult {
      if let best {
        restore(best.weights)
      } else if divergence != nil {
        restore(lastGoodWeights)
      }
      return TrainingResult(
        history: history, keptEpoch: best?.epoch ?? history.count, stoppedEarly: stoppedEarly,
        divergence: divergence)
    }
    guard firstEpoch <= configuration.epochs else { return finish() }

    for epoch in firstEpoch...configuration.epochs {
      let epochStart = DispatchTime.now().uptimeNanoseconds
      let resumesHere = epoch == firstEpoch
      let order = epochOrder(count: train.count, seed: configuration.seed, epoch: epoch)

      // A resumed epoch skips the batches the snapshot had trained, but draws the same order.
      let firstBatch = resumesHere ? resume?.completedSteps ?? 0 : 0
      var lossSum = resumesHere ? resume?.partialLossSum ?? 0 : 0
      var weightSum = resumesHere ? resume?.partialWeightSum ?? 0 : 0
      let earlierSeconds = resumesHere ? resume?.partialTrainingSeconds ?? 0 : 0
      for batchIndex in firstBatch..<batchesPerEpoch {
        let start = batchIndex * batchSize
        let rows = min(batchSize, train.count - start)
        globalStep += 1
        let batch = trainStep(train, order: order[start..<(start + rows)])
        let batchLoss = batch.meanLoss
        if !batchLoss.isFinite {
          // Locate the failure before restoring: the layers' output buffers still hold this
          // step's forward pass, and the parameters this step's update.
          return finish(
            divergence: Divergence(
              epoch: epoch, step: globalStep, parameterPath: firstNonFiniteParameter(),
              layer: firstNonFiniteLayer(rows: rows), loss: batchLoss))
        }
        lossSum += batchLoss * batch.weightSum
        weightSum += batch.weightSum
        observer.batchCompleted?(epoch, batchIndex + 1, batchesPerEpoch)
        // A stop on the last batch waits for the epoch's evaluation and stops at the boundary.
        if batchIndex + 1 < batchesPerEpoch, observer.shouldStop?() == true {
          let seconds = earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
          let snapshot = makeSnapshot(
            epoch: epoch, completedSteps: batchIndex + 1, stepsPerEpoch: batchesPerEpoch,
            globalStep: globalStep, partialLossSum: lossSum, partialWeightSum: weightSum,
            partialTrainingSeconds: seconds, history: history, lastEpochParameters: lastGoodWeights,
            bestParameters: best?.weights)
          return TrainingResult(
            history: history, keptEpoch: history.count, divergence: nil, interruption: snapshot)
        }
      }
      let trainingSeconds = earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
      // Parameters are checked once per epoch rather than every step: a non-finite weight makes
      // the next step's loss non-finite anyway, so the per-step loss check catches it within a step.
      if let path = firstNonFiniteParameter() {
        return finish(divergence: Divergence(epoch: epoch, step: globalStep, parameterPath: path, loss: .nan))
      }

      let record = epochRecord(
        epoch: epoch, trainLoss: lossSum / weightSum, train: train, validation: validation, test: test,
        epochStart: epochStart, earlierSeconds: earlierSeconds, trainingSeconds: trainingSeconds)
      history.append(record)
      lastGoodWeights = parameters.map(\.value)
      observer.epochCompleted?(record)

      if let patience, let validationLoss = record.validationLoss {
        if best == nil || validationLoss < best!.loss {
          best = BestEpoch(epoch: epoch, loss: validationLoss, weights: lastGoodWeights)
        } else if epoch - best!.epoch >= patience {
          return finish(stoppedEarly: true)
        }
      }

      let stops = epoch < configuration.epochs && observer.shouldStop?() == true
      guard observer.epochCheckpoint != nil || stops else { continue }
      let boundary = makeSnapshot(
        epoch: epoch + 1, completedSteps: 0, stepsPerEpoch: batchesPerEpoch, globalStep: globalStep,
        partialLossSum: 0, partialWeightSum: 0, partialTrainingSeconds: 0, history: history,
        lastEpochParameters: lastGoodWeights, bestParameters: best?.weights)
      observer.epochCheckpoint?(boundary)
      if stops {
        return TrainingResult(
          history: history, keptEpoch: history.count, divergence: nil, interruption: boundary)
      }
    }
    return finish()
  }

  /// Evaluates the end-of-epoch weights and returns the epoch's record, whose `seconds` include
  /// the evaluation.
  private func epochRecord(
    epoch: Int, trainLoss: Double, train: Examples, validation: Examples?, test: Examples?,
    epochStart: UInt64, earlierSeconds: Double, trainingSeconds: Double
  ) -> EpochRecord {
    let trainEvaluation = configuration.evaluatesTrainingSet ? evaluate(train) : nil
    let validationEvaluation = validation.map(evaluate)
    let testEvaluation = test.map(evaluate)
    let scoresAccuracy = loss.isClassification
    return EpochRecord(
      epoch: epoch,
      trainLoss: trainLoss,
      penalty: regularization.penalty(of: parameters),
      trainAccuracy: scoresAccuracy ? trainEvaluation?.accuracy : nil,
      validationLoss: validationEvaluation?.loss,
      validationAccuracy: scoresAccuracy ? validationEvaluation?.accuracy : nil,
      testLoss: testEvaluation?.loss,
      testAccuracy: scoresAccuracy ? testEvaluation?.accuracy : nil,
      seconds: earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9,
      trainingSeconds: trainingSeconds,
      samplesPerSecond: Double(train.count) / trainingSeconds)
  }
}

/// The epoch with the lowest validation loss so far, kept under early stopping.
struct BestEpoch {
  var epoch: Int
  var loss: Double
  var weights: [Tensor]
}

extension Trainer {
  /// Rebuilds the early-stopping state of a resumed run from its finished epochs, applying the
  /// rule of `fit`: an epoch replaces the best when its validation loss is strictly lower.
  func bestEpoch(history: [EpochRecord], weights: [String: Tensor]?) -> BestEpoch? {
    guard patience != nil, let weights else { return nil }
    var best: (epoch: Int, loss: Double)?
    for record in history {
      guard let loss = record.validationLoss else { continue }
      if best == nil || loss < best!.loss { best = (record.epoch, loss) }
    }
    guard let best else { return nil }
    return BestEpoch(epoch: best.epoch, loss: best.loss, weights: parameters.map { weights[$0.path]! })
  }
}
