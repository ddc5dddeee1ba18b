// The training loop of tabular tasks: any `Loss` (cross-entropy, weighted or not, or mean squared
// error), a validation loss after each epoch, and early stopping that restores the best weights.

import Foundation
import WeightLabCore

/// Trains a `Sequential` network on `TaskExamples` with a task's loss.
///
/// Each step gathers a shuffled mini-batch, runs forward, the loss and backward, adds the penalty
/// gradients, steps the optimizer and applies the constraints. Epoch `e` shuffles with the stream
/// `(seed, "shuffle/epoch<e>")`, as `Trainer` does, so runs replay from the seed.
///
/// NOTE: The loop repeats `Trainer.fit`, which trains only unweighted softmax cross-entropy on
/// `Examples`; `Trainer` could take a `Loss` and replace this type.
public final class TaskTrainer {
  public let model: Sequential
  public let optimizer: any Optimizer
  public let regularization: Regularization
  public let loss: Loss
  public let configuration: TrainingConfiguration
  /// The number of epochs without a lower validation loss after which training stops, or nil to
  /// train every epoch. With a value, the model ends with the weights of its best validation epoch.
  public let patience: Int?

  private let parameters: [Parameter]
  private let batchFeatures = ScratchBuffer()
  private let outputGradient = ScratchBuffer()
  private var batchLabels: [Int32]
  private var batchTargets: [Float]

  public init(
    model: Sequential, optimizer: any Optimizer, regularization: Regularization, loss: Loss,
    configuration: TrainingConfiguration, patience: Int? = nil
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

  private var outputCount: Int { model.layers[model.layers.count - 1].outFeatures }

  /// Trains up to `configuration.epochs` epochs, stopping early when `patience` is set.
  ///
  /// - Precondition: `validation` is given when `patience` is set.
  public func fit(
    train: TaskExamples, validation: TaskExamples?, epochCompleted: ((TaskEpochRecord) -> Void)? = nil
  ) -> TaskTrainingResult {
    precondition(train.count > 0, "the training set is empty")
    precondition(patience == nil || (validation?.count ?? 0) > 0, "early stopping needs validation examples")
    precondition(
      train.featureCount == model.layers[0].inFeatures,
      "the data has \(train.featureCount) features but the model expects \(model.layers[0].inFeatures)")
    let batchSize = configuration.batchSize
    let batchesPerEpoch = (train.count + batchSize - 1) / batchSize

    var history: [TaskEpochRecord] = []
    var lastGoodWeights = parameters.map(\.value)
    var best: (epoch: Int, loss: Double, weights: [Tensor])? = nil
    var globalStep = 0

    for epoch in 1...configuration.epochs {
      let epochStart = DispatchTime.now().uptimeNanoseconds
      var stream = RandomStream(seed: configuration.seed, name: "shuffle/epoch\(epoch)")
      let order = randomPermutation(count: train.count, using: &stream)

      // One pass of mini-batches; a non-finite loss or weight ends the run with the last good weights.
      var lossSum = 0.0
      var weightSum = 0.0
      for batchIndex in 0..<batchesPerEpoch {
        let start = batchIndex * batchSize
        let rows = min(batchSize, train.count - start)
        globalStep += 1
        let result = trainStep(train, order: order[start..<(start + rows)])
        if !result.meanLoss.isFinite {
          return diverged(
            Divergence(epoch: epoch, step: globalStep, parameterPath: nil, loss: result.meanLoss),
            history: history,
            lastGoodWeights: lastGoodWeights, best: best)
        }
        lossSum += result.lossSum
        weightSum += result.weightSum
      }
      let trainingSeconds = Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9
      if let path = firstNonFiniteParameter() {
        return diverged(
          Divergence(epoch: epoch, step: globalStep, parameterPath: path, loss: .nan), history: history,
          lastGoodWeights: lastGoodWeights, best: best)
      }

      // The epoch's record, then the early-stopping bookkeeping.
      let validationLoss = validation.map { meanLoss($0) }
      let record = TaskEpochRecord(
        epoch: epoch, trainLoss: lossSum / weightSum, penalty: regularization.penalty(of: parameters),
        validationLoss: validationLoss,
        seconds: Double(DispatchTime.now().uptimeNanoseconds - epochStart) / 1e9,
        samplesPerSecond: Double(train.count) / trainingSeconds)
      history.append(record)
      lastGoodWeights = parameters.map(\.value)
      epochCompleted?(record)

      guard let patience, let validationLoss else { continue }
      if best == nil || validationLoss < best!.loss {
        best = (epoch, validationLoss, lastGoodWeights)
      } else if epoch - best!.epoch >= patience {
        restore(best!.weights)
        return TaskTrainingResult(
          history: history, keptEpoch: best!.epoch, stoppedEarly: true, divergence: nil)
      }
    }

    if let best {
      restore(best.weights)
      return TaskTrainingResult(history: history, keptEpoch: best.epoch, stoppedEarly: false, divergence: nil)
    }
    return TaskTrainingResult(
      history: history, keptEpoch: history.count, stoppedEarly: false, divergence: nil)
  }

  /// Restores the best weights under early stopping, or the last good ones, after a divergence.
  private func diverged(
    _ divergence: Divergence, history: [TaskEpochRecord], lastGoodWeights: [Tensor],
    best: (epoch: Int, loss: Double, weights: [Tensor])?
  ) -> TaskTrainingResult {
    restore(best?.weights ?? lastGoodWeights)
    return TaskTrainingResult(
      history: history, keptEpoch: best?.epoch ?? history.count, stoppedEarly: false, divergence: divergence)
  }

  /// Runs one mini-batch step on the rows `indices` of `data` and returns the batch's loss.
  public func trainStep(_ data: TaskExamples, order indices: ArraySlice<Int>) -> Loss.BatchResult {
    let rows = indices.count
    precondition(
      rows >= 1 && rows <= configuration.batchSize,
      "a step needs 1...\(configuration.batchSize) rows, got \(rows)")
    let width = data.featureCount
    batchFeatures.reserve(configuration.batchSize * width)
    outputGradient.reserve(configuration.batchSize * outputCount)

    // Gather the rows into one contiguous batch with their labels or targets.
    let x = batchFeatures.pointer
    let isClassification = loss.isClassification
    data.features.scalars.withUnsafeBufferPointer { source in
      for (row, index) in indices.enumerated() {
        (x + row * width).update(from: source.baseAddress! + index * width, count: width)
        if isClassification {
          batchLabels[row] = data.labels[index]
        } else {
          batchTargets[row] = data.targets[index]
        }
      }
    }

    let outputs = model.forward(x, batchSize: rows)
    let result = batchLabels.withUnsafeBufferPointer { labels in
      batchTargets.withUnsafeBufferPointer { targets in
        loss.evaluate(
          outputs: outputs, labels: labels.baseAddress, targets: targets.baseAddress, batchSize: rows,
          outputCount: outputCount, gradient: outputGradient.pointer)
      }
    }
    model.backward(input: x, logitGradient: outputGradient.pointer, batchSize: rows)
    regularization.addGradients(to: parameters)
    optimizer.step(parameters)
    regularization.applyConstraints(to: parameters, learningRate: optimizer.learningRate)
    return result
  }

  /// Returns the mean data loss of the model on `data` (weighted by class when the loss is).
  public func meanLoss(_ data: TaskExamples) -> Double {
    let chunk = configuration.evaluationBatchSize
    var lossSum = 0.0
    var weightSum = 0.0
    data.features.scalars.withUnsafeBufferPointer { features in
      data.labels.withUnsafeBufferPointer { labels in
        data.targets.withUnsafeBufferPointer { targets in
          var start = 0
          while start < data.count {
            let rows = min(chunk, data.count - start)
            let outputs = model.forward(features.baseAddress! + start * data.featureCount, batchSize: rows)
            let result = loss.evaluate(
              outputs: outputs, labels: labels.baseAddress.map { $0 + start },
              targets: targets.baseAddress.map { $0 + start }, batchSize: rows, outputCount: outputCount,
              gradient: nil)
            lossSum += result.lossSum
            weightSum += result.weightSum
            start += rows
          }
        }
      }
    }
    return lossSum / weightSum
  }

  private func firstNonFiniteParameter() -> String? {
    parameters.first { parameter in !parameter.value.scalars.allSatisfy(\.isFinite) }?.path
  }

  private func restore(_ values: [Tensor]) {
    for (parameter, value) in zip(parameters, values) { parameter.value = value }
  }
}
