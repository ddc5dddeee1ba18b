// Measures how a batch's signal and its loss gradient pass through a network's layers: one
// forward pass, the pre-activations recomputed from each layer's input, then one backward pass.

import WeightLab
import WeightLabCore

/// Computes `LayerStatistics` for every layer of a model on one labeled batch.
public enum SignalProbe {
  /// Runs `batch` through `model` and returns one `LayerStatistics` per layer, input to output.
  ///
  /// The backward pass overwrites every parameter's gradient and each layer's output and
  /// input-gradient buffers. Call it only where nothing reads those until the next training step
  /// writes them again, such as before training or at an epoch boundary.
  ///
  /// - Complexity: one forward pass, one extra matrix product per layer for the pre-activations,
  ///   and one backward pass on `batch.count` rows.
  public static func measure(_ model: Sequential, batch: Examples) -> [LayerStatistics] {
    measure(
      model, batch: batch,
      loss: .softmaxCrossEntropy(classWeights: nil))
  }

  /// Runs `batch` through `model` with the gradient of `loss`, for tabular tasks whose loss is a
  /// weighted cross-entropy or a mean squared error; otherwise as `measure(_:batch:)`.
  public static func measure(_ model: Sequential, batch: Examples, loss: Loss) -> [LayerStatistics] {
    precondition(batch.count > 0, "the probe batch is empty")
    precondition(
      batch.featureCount == model.layers[0].inFeatures,
      "the batch has \(batch.featureCount) features but the model expects \(model.layers[0].inFeatures)")
    let rows = batch.count
    let classCount = model.layers[model.layers.count - 1].outFeatures
    let preActivations = ScratchBuffer()
    let logitGradient = ScratchBuffer(capacity: rows * classCount)

    return batch.features.scalars.withUnsafeBufferPointer { featureBuffer in
      let input = featureBuffer.baseAddress!
      let logits = model.forward(input, batchSize: rows)

      var forwardStatistics: [ForwardStatistics] = []
      for (index, layer) in model.layers.enumerated() {
        let layerInput = index == 0 ? input : UnsafePointer(model.layers[index - 1].output.pointer)
        computePreActivations(layer, input: layerInput, rows: rows, into: preActivations)
        forwardStatistics.append(
          ForwardStatistics(layer: layer, preActivations: preActivations.pointer, rows: rows))
      }

      batch.labels.withUnsafeBufferPointer { labels in
        batch.targets.withUnsafeBufferPointer { targets in
          _ = loss.evaluate(
            outputs: logits, labels: labels.baseAddress, targets: targets.baseAddress, batchSize: rows,
            outputCount: classCount, gradient: logitGradient.pointer)
        }
      }
      model.backward(input: input, logitGradient: logitGradient.pointer, batchSize: rows)

      return model.layers.enumerated().map { index, layer in
        let forward = forwardStatistics[index]
        let kernel = kernelFigures(layer)
        return LayerStatistics(
          layer: index + 1, name: layerName(layer), activation: layer.activation.description,
          preActivationMean: forward.preActivation.mean, preActivationStd: forward.preActivation.std,
          activationMean: forward.activation.mean, activationStd: forward.activation.std,
          saturatedFraction: forward.saturatedFraction, deadFraction: forward.deadFraction,
          kernelGradientNorm: gradientNorm(layer), kernelNorm: kernel.norm, kernelSparsity: kernel.sparsity)
      }
    }
  }

  /// Writes `z = x · Wᵀ + b` into `buffer`, because `Dense` keeps only the activated output.
  private static func computePreActivations(
    _ layer: Dense, input: UnsafePointer<Float>, rows: Int, into buffer: ScratchBuffer
  ) {
    buffer.reserve(rows * layer.outFeatures)
    let z = buffer.pointer
    // Row-major: x is [rows, in] (lda = in), W is [out, in] used transposed (ldb = in),
    // z is [rows, out] (ldc = out).
    layer.kernel.value.scalars.withUnsafeBufferPointer { weights in
      gemm(
        .none, .transposed, m: rows, n: layer.outFeatures, k: layer.inFeatures,
        a: input, lda: layer.inFeatures, b: weights.baseAddress!, ldb: layer.inFeatures,
        beta: 0, c: z, ldc: layer.outFeatures)
    }
    layer.bias.value.scalars.withUnsafeBufferPointer { bias in
      for row in 0..<rows {
        let rowStart = z + row * layer.outFeatures
        for column in 0..<layer.outFeatures { rowStart[column] += bias[column] }
      }
    }
  }

  private static func layerName(_ layer: Dense) -> String {
    layer.kernel.path.split(separator: ".").first.map(String.init) ?? layer.kernel.path
  }

  private static func gradientNorm(_ layer: Dense) -> Double {
    layer.kernel.gradient.scalars.withUnsafeBufferPointer {
      VectorKernels.sumOfSquares(count: $0.count, x: $0.baseAddress!).squareRoot()
    }
  }

  private static func kernelFigures(_ layer: Dense) -> (norm: Double, sparsity: Double) {
    layer.kernel.value.scalars.withUnsafeBufferPointer { values in
      let squares = VectorKernels.sumOfSquares(count: values.count, x: values.baseAddress!)
      let small = VectorKernels.countSmall(
        count: values.count, x: values.baseAddress!, threshold: KernelStatistics.nearZeroThreshold)
      return (squares.squareRoot(), Double(small.belowThreshold) / Double(values.count))
    }
  }
}

/// The forward-pass figures of one layer, taken before the backward pass reuses its buffers.
private struct ForwardStatistics {
  var preActivation: (mean: Double, std: Double)
  var activation: (mean: Double, std: Double)
  var saturatedFraction: Double?
  var deadFraction: Double?

  init(layer: Dense, preActivations: UnsafePointer<Float>, rows: Int) {
    let count = rows * layer.outFeatures
    let outputs = UnsafePointer(layer.output.pointer)
    preActivation = Self.meanAndStd(preActivations, count: count)
    activation = Self.meanAndStd(outputs, count: count)

    switch layer.activation {
    case .tanh:
      let limit = 1 - LayerStatistics.saturationMargin
      saturatedFraction = Self.fraction(outputs, count: count) { abs($0) > limit }
    case .sigmoid:
      let margin = LayerStatistics.saturationMargin
      saturatedFraction = Self.fraction(outputs, count: count) { $0 < margin || $0 > 1 - margin }
    default:
      saturatedFraction = nil
    }

    switch layer.activation {
    case .relu, .leakyReLU:
      deadFraction = Self.deadUnitFraction(outputs, rows: rows, columns: layer.outFeatures)
    default:
      deadFraction = nil
    }
  }

  /// The mean and population std, accumulated in Double.
  static func meanAndStd(_ values: UnsafePointer<Float>, count: Int) -> (mean: Double, std: Double) {
    var sum = 0.0
    for index in 0..<count { sum += Double(values[index]) }
    let mean = sum / Double(count)
    var squares = 0.0
    for index in 0..<count {
      let deviation = Double(values[index]) - mean
      squares += deviation * deviation
    }
    return (mean, (squares / Double(count)).squareRoot())
  }

  static func fraction(
    _ values: UnsafePointer<Float>, count: Int, where predicate: (Float) -> Bool
  ) -> Double {
    var matches = 0
    for index in 0..<count where predicate(values[index]) { matches += 1 }
    return Double(matches) / Double(count)
  }

  /// The fraction of columns (units) whose output is at most 0 in every row.
  static func deadUnitFraction(_ values: UnsafePointer<Float>, rows: Int, columns: Int) -> Double {
    var alive = [Bool](repeating: false, count: columns)
    for row in 0..<rows {
      let rowStart = values + row * columns
      for column in 0..<columns where rowStart[column] > 0 { alive[column] = true }
    }
    return Double(alive.filter { !$0 }.count) / Double(columns)
  }
}
