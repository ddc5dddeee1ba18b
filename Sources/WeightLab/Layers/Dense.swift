// A fully connected layer with its activation: y = f(x · Wᵀ + b), forward and backward together.

import WeightLabCore

/// A dense (fully connected) layer followed by an element-wise activation.
///
/// ```
/// z = x · Wᵀ + b      x: [batch, inFeatures], W: [outFeatures, inFeatures], b: [outFeatures]
/// y = f(z)            y: [batch, outFeatures]
/// ```
/// The kernel layout `[outFeatures, inFeatures]` is PyTorch's, so weights exchange without
/// transposes. The layer owns its output and input-gradient buffers and reuses them across steps.
///
/// With `KernelParametrization.weightNorm` the layer trains `weightNorm`'s g and v instead of W:
/// `forward` computes W = g·v/‖v‖ into `kernel` first, and `backward` turns ∂L/∂W into the
/// gradients of g and v.
public final class Dense {
  public let inFeatures: Int
  public let outFeatures: Int
  public let activation: Activation
  /// The kernel `W`, shape `[outFeatures, inFeatures]`, role `.kernel`. Under weight norm it contains
  /// the W of the last forward pass and is not trained itself: see `trainableParameters`.
  public let kernel: Parameter
  /// The bias `b`, shape `[outFeatures]`, role `.bias`.
  public let bias: Parameter
  /// The direction and magnitude that compute the kernel; nil when the kernel is trained directly.
  public let weightNorm: WeightNorm?

  /// The activations `y` of the last forward pass, row-major `[batch, outFeatures]`.
  public let output = ScratchBuffer()
  /// The gradient with respect to the input of the last backward pass, `[batch, inFeatures]`.
  public let inputGradient = ScratchBuffer()

  /// Creates a layer with zero parameters; call `initialize` before use.
  public init(
    inFeatures: Int, outFeatures: Int, activation: Activation, name: String,
    parametrization: KernelParametrization = .none
  ) {
    precondition(
      inFeatures > 0 && outFeatures > 0, "Dense needs positive sizes, got \(inFeatures) → \(outFeatures)")
    self.inFeatures = inFeatures
    self.outFeatures = outFeatures
    self.activation = activation
    kernel = Parameter(
      path: "\(name).weight", role: .kernel, value: Tensor(shape: [outFeatures, inFeatures]))
    bias = Parameter(path: "\(name).bias", role: .bias, value: Tensor(shape: [outFeatures]))
    switch parametrization {
    case .none: weightNorm = nil
    case .weightNorm:
      weightNorm = WeightNorm(outFeatures: outFeatures, inFeatures: inFeatures, layerName: name)
    }
  }

  /// The parameters an optimizer updates: the kernel then the bias, or under weight norm the
  /// direction v, the magnitude g, then the bias.
  public var trainableParameters: [Parameter] {
    guard let weightNorm else { return [kernel, bias] }
    return [weightNorm.direction, weightNorm.magnitude, bias]
  }

  /// The fans of this layer's kernel: fan-in is `inFeatures`, fan-out is `outFeatures`.
  ///
  /// The bias is given the same fans, so schemes such as PyTorch's default, U(±1/√fan-in) for
  /// the bias too, can use the layer's fan-in.
  public var fans: Fans { .dense(inFeatures: inFeatures, outFeatures: outFeatures) }

  /// Draws the kernel and the bias, each from the stream keyed by `(seed, its path)`.
  public func initialize(weight: any Initializer, bias biasInitializer: any Initializer, seed: UInt64) {
    var kernelStream = RandomStream(seed: seed, name: kernel.path)
    kernel.value = weight.makeValues(shape: kernel.value.shape, fans: fans, using: &kernelStream)
    var biasStream = RandomStream(seed: seed, name: bias.path)
    bias.value = biasInitializer.makeValues(shape: bias.value.shape, fans: fans, using: &biasStream)
    kernelDidChange()
  }

  /// Sets weight norm's g and v from `kernel.value` (v = W, gᵢ = ‖Wᵢ‖) after code outside the
  /// training step has written the kernel, as `initialize` and LSUV do. Without weight norm it does nothing.
  public func kernelDidChange() {
    weightNorm?.assign(from: kernel.value)
  }

  /// Computes `kernel.value` = g·v/‖v‖ from the current weight-norm parameters. `forward` calls it,
  /// so only code that reads the kernel after an update without a forward pass in between needs
  /// to, such as code that saves the weights. Without weight norm it does nothing.
  public func materializeKernel() {
    weightNorm?.materialize(into: &kernel.value)
  }

  /// Computes `y = f(x · Wᵀ + b)` for `batchSize` rows of `input` into `output`.
  public func forward(_ input: UnsafePointer<Float>, batchSize: Int) {
    materializeKernel()
    output.reserve(batchSize * outFeatures)
    let y = output.pointer
    // Row-major GEMM: x is [batch, in] (lda = in), W is [out, in] used transposed (ldb = in),
    // y is [batch, out] (ldc = out).
    kernel.value.scalars.withUnsafeBufferPointer { weights in
      gemm(
        .none, .transposed, m: batchSize, n: outFeatures, k: inFeatures,
        a: input, lda: inFeatures, b: weights.baseAddress!, ldb: inFeatures,
        beta: 0, c: y, ldc: outFeatures)
    }
    addBiasAndActivate(y, batchSize: batchSize)
  }

  /// Adds the bias to every row and applies the activation, one row at a time while it is in cache.
  private func addBiasAndActivate(_ y: UnsafeMutablePointer<Float>, batchSize: Int) {
    bias.value.scalars.withUnsafeBufferPointer { b in
      let biasPointer = b.baseAddress!
      let width = outFeatures
      if activation == .relu {
        // ReLU, the common case, is fused into the bias loop: one load and one store per element.
        for row in 0..<batchSize {
          let rowStart = y + row * width
          for column in 0..<width { rowStart[column] = max(rowStart[column] + biasPointer[column], 0) }
        }
        return
      }
      for row in 0..<batchSize {
        let rowStart = y + row * width
        for column in 0..<width { rowStart[column] += biasPointer[column] }
        activation.apply(rowStart, count: width)
      }
    }
  }

  /// Back-propagates `outputGradient` (dL/dy, `[batch, outFeatures]`, overwritten with dL/dz).
  ///
  /// Writes dL/dW and dL/db into the parameters' gradients (overwriting them), and dL/dx into
  /// `inputGradient` when `computeInputGradient` is true (the first layer skips it). Under weight
  /// norm it also overwrites the gradients of g and v, computed from dL/dW.
  public func backward(
    input: UnsafePointer<Float>, outputGradient: UnsafeMutablePointer<Float>, batchSize: Int,
    computeInputGradient: Bool
  ) {
    let count = batchSize * outFeatures
    activation.multiplyByDerivative(gradient: outputGradient, output: output.pointer, count: count)

    // dW = dZᵀ · x: dZ is [batch, out] used transposed (lda = out), x is [batch, in] (ldb = in),
    // dW is [out, in] (ldc = in).
    kernel.gradient.scalars.withUnsafeMutableBufferPointer { weightGradient in
      gemm(
        .transposed, .none, m: outFeatures, n: inFeatures, k: batchSize,
        a: outputGradient, lda: outFeatures, b: input, ldb: inFeatures,
        beta: 0, c: weightGradient.baseAddress!, ldc: inFeatures)
    }
    weightNorm?.backpropagate(kernelGradient: kernel.gradient)

    bias.gradient.scalars.withUnsafeMutableBufferPointer { biasGradient in
      biasGradient.update(repeating: 0)
      VectorKernels.addColumnSums(
        rows: batchSize, columns: outFeatures, matrix: outputGradient, into: biasGradient.baseAddress!)
    }

    guard computeInputGradient else { return }
    inputGradient.reserve(batchSize * inFeatures)
    // dX = dZ · W: dZ is [batch, out] (lda = out), W is [out, in] (ldb = in), dX is [batch, in].
    kernel.value.scalars.withUnsafeBufferPointer { weights in
      gemm(
        .none, .none, m: batchSize, n: inFeatures, k: outFeatures,
        a: outputGradient, lda: outFeatures, b: weights.baseAddress!, ldb: inFeatures,
        beta: 0, c: inputGradient.pointer, ldc: inFeatures)
    }
  }
}
