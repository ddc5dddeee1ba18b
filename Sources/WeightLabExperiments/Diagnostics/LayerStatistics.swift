// Per-layer measurements of a network on one batch: how the signal and its gradient travel
// through depth, which units are dead or saturated, and the size and sparsity of each kernel.

/// One dense layer's statistics on a batch, as `SignalProbe.measure` computes them.
///
/// Means and standard deviations are over every element of the `[batch, outFeatures]` matrix
/// (population std, dividing by the element count).
public struct LayerStatistics: Sendable, Codable, Equatable {
  /// The 1-based position of the layer; the last layer is the linear output layer.
  public var layer: Int
  /// The layer's name, such as `dense3`.
  public var name: String
  /// The activation after this layer, such as `relu` (`identity` for the output layer).
  public var activation: String
  public var preActivationMean: Double
  /// The std of `z = x · Wᵀ + b`.
  public var preActivationStd: Double
  public var activationMean: Double
  /// The std of `y = f(z)`.
  public var activationStd: Double
  /// The fraction of outputs within `saturationMargin` of a limit of tanh (±1) or sigmoid (0, 1);
  /// nil for activations without limits.
  public var saturatedFraction: Double?
  /// The fraction of units whose output is at most 0 for every row of the batch (ReLU and leaky
  /// ReLU); nil for other activations.
  public var deadFraction: Double?
  /// ‖∂L/∂W‖₂ (Frobenius norm) of the mean cross-entropy over the batch.
  public var kernelGradientNorm: Double
  /// ‖W‖₂ (Frobenius norm).
  public var kernelNorm: Double
  /// The fraction of kernel elements with |w| < `KernelStatistics.nearZeroThreshold`.
  public var kernelSparsity: Double

  /// The distance from a limit within which an output counts as saturated: |y| > 1 − 0.01 for tanh, and
  /// y < 0.01 or y > 0.99 for sigmoid, where the derivative is below 2 % of its maximum.
  public static let saturationMargin: Float = 0.01

  public init(
    layer: Int, name: String, activation: String, preActivationMean: Double, preActivationStd: Double,
    activationMean: Double, activationStd: Double, saturatedFraction: Double?, deadFraction: Double?,
    kernelGradientNorm: Double, kernelNorm: Double, kernelSparsity: Double
  ) {
    self.layer = layer
    self.name = name
    self.activation = activation
    self.preActivationMean = preActivationMean
    self.preActivationStd = preActivationStd
    self.activationMean = activationMean
    self.activationStd = activationStd
    self.saturatedFraction = saturatedFraction
    self.deadFraction = deadFraction
    self.kernelGradientNorm = kernelGradientNorm
    self.kernelNorm = kernelNorm
    self.kernelSparsity = kernelSparsity
  }
}
