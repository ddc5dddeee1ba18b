// One training step of `Trainer` and its evaluation pass: gather a batch, forward, loss with its
// gradient, backward, penalties, optimizer step and constraints.

import WeightLabCore

extension Trainer {
  /// Runs one mini-batch step on the rows `indices` of `data` and returns the batch's loss.
  ///
  /// The step gathers the rows into one contiguous batch with their labels or targets, runs
  /// forward, loss and backward, adds the penalty gradients, updates the parameters and applies
  /// the constraints. `fit` calls it for every batch; benchmarks call it directly to time steps
  /// without the per-epoch evaluation.
  public func trainStep(_ data: Examples, order indices: ArraySlice<Int>) -> Loss.BatchResult {
    let rows = indices.count
    precondition(
      rows >= 1 && rows <= configuration.batchSize,
      "a step needs 1...\(configuration.batchSize) rows, got \(rows)")
    let width = data.featureCount
    batchFeatures.reserve(configuration.batchSize * width)
    outputGradient.reserve(configuration.batchSize * outputCount)

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

  /// Returns the mean data loss of the model on `data`, weighted by class when the loss is, and
  /// the fraction of correct arg-max predictions (0 for a regression loss). The rows go through
  /// the model in chunks of the evaluation batch size.
  public func evaluate(_ data: Examples) -> (loss: Double, accuracy: Double) {
    let chunk = configuration.evaluationBatchSize
    var lossSum = 0.0
    var weightSum = 0.0
    var correct = 0
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
            correct += result.correct
            start += rows
          }
        }
      }
    }
    return (lossSum / weightSum, Double(correct) / Double(data.count))
  }

  func firstNonFiniteParameter() -> String? {
    for parameter in parameters {
      let finite = parameter.value.scalars.withUnsafeBufferPointer {
        VectorKernels.allFinite(count: $0.count, x: $0.baseAddress!)
      }
      if !finite { return parameter.path }
    }
    return nil
  }

  /// Returns the name of the first layer whose output in the last forward pass of `rows` rows
  /// contains a non-finite value.
  func firstNonFiniteLayer(rows: Int) -> String? {
    for layer in model.layers
    where !VectorKernels.allFinite(count: rows * layer.outFeatures, x: layer.output.pointer) {
      return String(layer.kernel.path.prefix { $0 != "." })
    }
    return nil
  }

  func restore(_ values: [Tensor]) {
    for (parameter, value) in zip(parameters, values) { parameter.value = value }
  }
}
