// The training loop: shuffled mini-batches, forward, loss, backward, penalties, optimizer step,
// and an evaluation pass after each epoch.

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

  public init(epochs: Int, batchSize: Int, seed: UInt64, evaluationBatchSize: Int = 1024) {
    precondition(epochs >= 1, "epochs must be at least 1, got \(epochs)")
    precondition(batchSize >= 1, "batch size must be at least 1, got \(batchSize)")
    self.epochs = epochs
    self.batchSize = batchSize
    self.seed = seed
    self.evaluationBatchSize = evaluationBatchSize
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

/// Trains a `Sequential` classifier with softmax cross-entropy.
public final class Trainer {
  public let model: Sequential
  public let optimizer: any Optimizer
  public let regularization: Regularization
  public let configuration: TrainingConfiguration

  let parameters: [Parameter]
  private let batchFeatures = ScratchBuffer()
  private let logitGradient = ScratchBuffer()
  private var batchLabels: [Int32]
  /// The state that the next `fit` continues from, set by `restore(_:)`.
  var resumePoint: TrainingSnapshot?

  public init(
    model: Sequential, optimizer: any Optimizer, regularization: Regularization,
    configuration: TrainingConfiguration
  ) {
    self.model = model
    self.optimizer = optimizer
    self.regularization = regularization
    self.configuration = configuration
    parameters = model.parameters
    batchLabels = [Int32](repeating: 0, count: configuration.batchSize)
  }

  private var classCount: Int { model.layers[model.layers.count - 1].outFeatures }

  /// Trains for `configuration.epochs` epochs and evaluates after each one.
  ///
  /// After `restore(_:)`, training continues from the restored epoch and step with the same
  /// shuffled order, so the final weights are bit-identical to those of an uninterrupted run.
  public func fit(
    train: Examples, validation: Examples?, test: Examples?, observer: TrainingObserver = TrainingObserver()
  ) -> TrainingResult {
    precondition(train.count > 0, "the training set is empty")
    precondition(
      train.featureCount == model.layers[0].inFeatures,
      "the data has \(train.featureCount) features but the model expects \(model.layers[0].inFeatures)")
    let batchSize = configuration.batchSize
    let batchesPerEpoch = (train.count + batchSize - 1) / batchSize
    batchFeatures.reserve(batchSize * train.featureCount)
    logitGradient.reserve(batchSize * classCount)

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
    var globalStep = resume?.globalStep ?? 0
    let firstEpoch = resume?.epoch ?? 1
    guard firstEpoch <= configuration.epochs else {
      return TrainingResult(history: history, divergence: nil)
    }

    for epoch in firstEpoch...configuration.epochs {
      let epochStart = DispatchTime.now().uptimeNanoseconds
      let resumesHere = epoch == firstEpoch
      var stream = RandomStream(seed: configuration.seed, name: "shuffle/epoch\(epoch)")
      let order = randomPermutation(count: train.count, using: &stream)

      // A resumed epoch skips the batches the snapshot had trained, but draws the same order.
      let firstBatch = resumesHere ? resume?.completedSteps ?? 0 : 0
      var lossSum = resumesHere ? resume?.partialLossSum ?? 0 : 0
      let earlierSeconds = resumesHere ? resume?.partialTrainingSeconds ?? 0 : 0
      for batchIndex in firstBatch..<batchesPerEpoch {
        let start = batchIndex * batchSize
        let rows = min(batchSize, train.count - start)
        globalStep += 1
        let batchLoss = trainStep(train, order: order[start..<(start + rows)])
        if !batchLoss.isFinite {
          // Locate the failure before restoring: the layers' output buffers still hold this
          // step's forward pass, and the parameters this step's update.
          let divergence = Divergence(
            epoch: epoch, step: globalStep, parameterPath: firstNonFiniteParameter(),
            layer: firstNonFiniteLayer(rows: rows), loss: batchLoss)
          restore(lastGoodWeights)
          return TrainingResult(history: history, divergence: divergence)
        }
        lossSum += batchLoss * Double(rows)
        observer.batchCompleted?(epoch, batchIndex + 1, batchesPerEpoch)
        // A stop on the last batch waits for the epoch's evaluation and stops at the boundary.
        if batchIndex + 1 < batchesPerEpoch, observer.shouldStop?() == true {
          let seconds = earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
          let snapshot = makeSnapshot(
            epoch: epoch, completedSteps: batchIndex + 1, stepsPerEpoch: batchesPerEpoch,
            globalStep: globalStep, partialLossSum: lossSum, partialTrainingSeconds: seconds,
            history: history, lastEpochParameters: lastGoodWeights)
          return TrainingResult(history: history, divergence: nil, interruption: snapshot)
        }
      }
      let trainingSeconds = earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
      // Parameters are checked once per epoch rather than every step: a non-finite weight makes
      // the next step's loss non-finite anyway, so the per-step loss check catches it within a step.
      if let path = firstNonFiniteParameter() {
        restore(lastGoodWeights)
        let divergence = Divergence(epoch: epoch, step: globalStep, parameterPath: path, loss: .nan)
        return TrainingResult(history: history, divergence: divergence)
      }

      let trainEvaluation = evaluate(train)
      let validationEvaluation = validation.map(evaluate)
      let testEvaluation = test.map(evaluate)
      let record = EpochRecord(
        epoch: epoch,
        trainLoss: lossSum / Double(train.count),
        penalty: regularization.penalty(of: parameters),
        trainAccuracy: trainEvaluation.accuracy,
        validationLoss: validationEvaluation?.loss,
        validationAccuracy: validationEvaluation?.accuracy,
        testLoss: testEvaluation?.loss,
        testAccuracy: testEvaluation?.accuracy,
        seconds: earlierSeconds + Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9,
        trainingSeconds: trainingSeconds,
        samplesPerSecond: Double(train.count) / trainingSeconds)
      history.append(record)
      lastGoodWeights = parameters.map(\.value)
      observer.epochCompleted?(record)

      let stops = epoch < configuration.epochs && observer.shouldStop?() == true
      guard observer.epochCheckpoint != nil || stops else { continue }
      let boundary = makeSnapshot(
        epoch: epoch + 1, completedSteps: 0, stepsPerEpoch: batchesPerEpoch, globalStep: globalStep,
        partialLossSum: 0, partialTrainingSeconds: 0, history: history, lastEpochParameters: lastGoodWeights)
      observer.epochCheckpoint?(boundary)
      if stops { return TrainingResult(history: history, divergence: nil, interruption: boundary) }
    }
    return TrainingResult(history: history, divergence: nil)
  }

  /// Runs one mini-batch step on the rows `indices` of `data` and returns the batch's mean data loss.
  ///
  /// The step gathers the rows into one contiguous batch, runs forward, loss and backward, adds the
  /// penalty gradients, updates the parameters and applies the constraints. `fit` calls it for every
  /// batch; benchmarks call it directly to time steps without the per-epoch evaluation.
  public func trainStep(_ data: Examples, order indices: ArraySlice<Int>) -> Double {
    let rows = indices.count
    precondition(
      rows >= 1 && rows <= configuration.batchSize,
      "a step needs 1...\(configuration.batchSize) rows, got \(rows)")
    let width = data.featureCount
    batchFeatures.reserve(configuration.batchSize * width)
    logitGradient.reserve(configuration.batchSize * classCount)
    let x = batchFeatures.pointer
    data.features.scalars.withUnsafeBufferPointer { source in
      for (row, index) in indices.enumerated() {
        (x + row * width).update(from: source.baseAddress! + index * width, count: width)
        batchLabels[row] = data.labels[index]
      }
    }

    let logits = model.forward(x, batchSize: rows)
    let result = batchLabels.withUnsafeBufferPointer { labels in
      SoftmaxCrossEntropy.evaluate(
        logits: logits, labels: labels.baseAddress!, batchSize: rows, classCount: classCount,
        gradient: logitGradient.pointer)
    }
    model.backward(input: x, logitGradient: logitGradient.pointer, batchSize: rows)
    regularization.addGradients(to: parameters)
    optimizer.step(parameters)
    regularization.applyConstraints(to: parameters, learningRate: optimizer.learningRate)
    return result.lossSum / Double(rows)
  }

  /// The mean loss and accuracy of the model on `data`, in chunks of the evaluation batch size.
  public func evaluate(_ data: Examples) -> (loss: Double, accuracy: Double) {
    let chunk = configuration.evaluationBatchSize
    var lossSum = 0.0
    var correct = 0
    data.features.scalars.withUnsafeBufferPointer { features in
      data.labels.withUnsafeBufferPointer { labels in
        var start = 0
        while start < data.count {
          let rows = min(chunk, data.count - start)
          let logits = model.forward(features.baseAddress! + start * data.featureCount, batchSize: rows)
          let result = SoftmaxCrossEntropy.evaluate(
            logits: logits, labels: labels.baseAddress! + start, batchSize: rows, classCount: classCount,
            gradient: nil)
          lossSum += result.lossSum
          correct += result.correct
          start += rows
        }
      }
    }
    return (lossSum / Double(data.count), Double(correct) / Double(data.count))
  }

  private func firstNonFiniteParameter() -> String? {
    for parameter in parameters {
      let finite = parameter.value.scalars.withUnsafeBufferPointer {
        VectorKernels.allFinite(count: $0.count, x: $0.baseAddress!)
      }
      if !finite { return parameter.path }
    }
    return nil
  }

  /// The name of the first layer whose output in the last forward pass of `rows` rows holds a
  /// non-finite value.
  private func firstNonFiniteLayer(rows: Int) -> String? {
    for layer in model.layers
    where !VectorKernels.allFinite(count: rows * layer.outFeatures, x: layer.output.pointer) {
      return String(layer.kernel.path.prefix { $0 != "." })
    }
    return nil
  }

  private func restore(_ values: [Tensor]) {
    for (parameter, value) in zip(parameters, values) { parameter.value = value }
  }
}
