// Layer-sequential unit-variance (LSUV) initialization: orthonormal kernels, then each layer's
// kernel rescaled on a batch of real data until its pre-activations have variance close to 1.

import WeightLabCore

/// LSUV (Mishkin and Matas, "All you need is a good init", ICLR 2016).
///
/// ```
/// W ← orthonormal (Orthogonal, gain 1)            for every kernel, from the stream (seed, path)
/// for each layer, first to last:
///   z = x·Wᵀ + b on the batch, x = the previous layer's output
///   repeat while |Var(z) − 1| ≥ tolerance and fewer than maxIterations rescalings:
///     W ← W / √Var(z)
/// ```
/// `Var` is the population variance over every element of `z` (batch × units), mean included, as
/// NumPy's `np.var` in the authors' Keras script. Biases are left as they are.
///
/// WeightLab measures the pre-activation `z`. The authors' Keras script measures the layer's
/// output, which for a Dense layer with an activation is after the activation. With a sigmoid that
/// variance is at most 1/4 and with tanh below 1, so the loop would only inflate the weights until
/// they saturate. For ReLU the two targets differ by a constant: a ReLU of a centered Gaussian z has
/// variance about 0.34·Var(z). The logits layer has no activation, so there both agree.
/// The script also skips layers with fewer than 32 units; WeightLab rescales every layer.
///
/// With zero biases and ReLU, leaky ReLU or identity activations, z is linear in W and one rescaling
/// reaches variance 1 up to rounding; saturating activations in earlier layers may need more.
public struct LSUV: Initializer, Equatable {
  /// The accepted distance |Var(z) − 1|; the authors' default 0.1.
  public var tolerance: Double
  /// The maximum number of rescalings per layer; the authors' default 10.
  public var maxIterations: Int

  /// The training rows that `ExperimentRunner` calibrates on, drawn by `sampleBatch`.
  public static let batchRows = 512

  /// The variance below which a layer is treated as dead and left unscaled: √Var < 1e-7, the
  /// authors' guard against dividing by zero.
  static let deadVariance = 1e-14

  public init(tolerance: Double = 0.1, maxIterations: Int = 10) {
    precondition(tolerance > 0 && tolerance < 1, "LSUV tolerance must be in (0, 1), got \(tolerance)")
    precondition(maxIterations >= 1, "LSUV needs at least one iteration, got \(maxIterations)")
    self.tolerance = tolerance
    self.maxIterations = maxIterations
  }

  public var description: String {
    "lsuv:tolerance=\(formatArgument(tolerance)),max-iterations=\(maxIterations)"
  }

  /// Returns an orthonormal matrix, the data-free start of LSUV; `calibrate` then rescales it.
  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    Orthogonal(gain: 1).makeValues(shape: shape, fans: fans, using: &stream)
  }

  /// One layer's outcome.
  public struct LayerResult: Sendable, Equatable {
    /// The kernel's path, such as `dense1.weight`.
    public var path: String
    /// Var(z) before the first rescaling.
    public var initialVariance: Double
    /// Var(z) after the last rescaling.
    public var variance: Double
    /// The number of rescalings applied.
    public var iterations: Int
    /// Whether |variance − 1| < tolerance.
    public var converged: Bool

    /// A sentence for the user when the layer did not reach the tolerance; nil when it did.
    public var warning: String? {
      guard !converged else { return nil }
      return "lsuv: the pre-activation variance of \(path) is \(variance) after \(iterations) rescalings "
        + "(it started at \(initialVariance)), outside the tolerance around 1; the layer may be dead or saturated"
    }
  }

  /// Rescales each layer's kernel in order, on `batch` (a `[rows, inFeatures]` matrix), and
  /// returns each layer's final variance. The kernels should already hold their orthonormal start.
  ///
  /// - Complexity: O(maxIterations · rows · Σ in·out) in the worst case; one forward pass per
  ///   iteration per layer.
  @discardableResult
  public func calibrate(_ model: Sequential, batch: Tensor) -> [LayerResult] {
    precondition(batch.rank == 2 && batch.rows > 0, "LSUV needs a non-empty [rows, features] batch")
    precondition(
      batch.columns == model.layers[0].inFeatures,
      "the batch has \(batch.columns) features but the model expects \(model.layers[0].inFeatures)")
    let rows = batch.rows
    var results: [LayerResult] = []
    var layerInput = batch.scalars
    var preActivation: [Float] = []

    for layer in model.layers {
      preActivation = [Float](repeating: 0, count: rows * layer.outFeatures)
      var variance = Self.preActivationVariance(layer, input: layerInput, rows: rows, into: &preActivation)
      let initialVariance = variance
      var iterations = 0
      while abs(variance - 1) >= tolerance, iterations < maxIterations, variance > Self.deadVariance {
        let scale = Float(1 / variance.squareRoot())
        layer.kernel.value.scalars.withUnsafeMutableBufferPointer { weights in
          for index in weights.indices { weights[index] *= scale }
        }
        iterations += 1
        variance = Self.preActivationVariance(layer, input: layerInput, rows: rows, into: &preActivation)
      }
      results.append(
        LayerResult(
          path: layer.kernel.path, initialVariance: initialVariance, variance: variance,
          iterations: iterations,
          converged: abs(variance - 1) < tolerance))

      // Under weight norm the forward pass recomputes W from g and v, so they must take the calibrated W.
      layer.kernelDidChange()
      layerInput.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batchSize: rows) }
      layerInput = Array(UnsafeBufferPointer(start: layer.output.pointer, count: rows * layer.outFeatures))
    }
    return results
  }

  /// Computes z = x·Wᵀ + b into `z` and returns its population variance, accumulated in Double.
  private static func preActivationVariance(_ layer: Dense, input: [Float], rows: Int, into z: inout [Float])
    -> Double
  {
    let outFeatures = layer.outFeatures
    let inFeatures = layer.inFeatures
    // Row-major: x is [rows, in] (lda = in), W is [out, in] used transposed (ldb = in),
    // z is [rows, out] (ldc = out).
    input.withUnsafeBufferPointer { x in
      layer.kernel.value.scalars.withUnsafeBufferPointer { weights in
        z.withUnsafeMutableBufferPointer { output in
          gemm(
            .none, .transposed, m: rows, n: outFeatures, k: inFeatures, a: x.baseAddress!, lda: inFeatures,
            b: weights.baseAddress!, ldb: inFeatures, beta: 0, c: output.baseAddress!, ldc: outFeatures)
        }
      }
    }
    let bias = layer.bias.value.scalars
    var sum = 0.0
    var sumOfSquares = 0.0
    for row in 0..<rows {
      for unit in 0..<outFeatures {
        let value = z[row * outFeatures + unit] + bias[unit]
        z[row * outFeatures + unit] = value
        sum += Double(value)
        sumOfSquares += Double(value) * Double(value)
      }
    }
    let count = Double(rows * outFeatures)
    let mean = sum / count
    return max(sumOfSquares / count - mean * mean, 0)
  }
}

extension LSUV {
  /// Draws orthonormal kernels into every layer of `model` from the streams `(seed, kernel path)`,
  /// then calibrates them on `batch`. Biases are left as they are.
  @discardableResult
  public static func initialize(
    model: Sequential, batch: Tensor, tolerance: Double = 0.1, maxIterations: Int = 10, seed: UInt64
  ) -> [LayerResult] {
    let lsuv = LSUV(tolerance: tolerance, maxIterations: maxIterations)
    for layer in model.layers {
      var stream = RandomStream(seed: seed, name: layer.kernel.path)
      layer.kernel.value = lsuv.makeValues(shape: layer.kernel.value.shape, fans: layer.fans, using: &stream)
    }
    return lsuv.calibrate(model, batch: batch)
  }

  /// Returns `count` rows of `examples` (all of them when there are fewer) chosen without
  /// replacement from the stream `(seed, "lsuv/batch")`, as a `[count, featureCount]` matrix.
  public static func sampleBatch(from examples: Examples, count: Int, seed: UInt64) -> Tensor {
    let rows = min(count, examples.count)
    var stream = RandomStream(seed: seed, name: "lsuv/batch")
    let chosen = randomPermutation(count: examples.count, using: &stream).prefix(rows)
    let width = examples.featureCount
    var values = [Float](repeating: 0, count: rows * width)
    for (row, index) in chosen.enumerated() {
      for column in 0..<width {
        values[row * width + column] = examples.features.scalars[index * width + column]
      }
    }
    return Tensor(shape: [rows, width], scalars: values)
  }
}
