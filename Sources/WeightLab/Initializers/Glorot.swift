// Glorot/Xavier initializers in PyTorch's form: presets of variance scaling with scale = gain²
// and the fan-average mode.

import WeightLabCore

/// Glorot/Xavier uniform: U(-bound, bound) with the fan average.
///
/// ```
/// bound = gain · sqrt(6 / (fanIn + fanOut))     (variance scaling: scale = gain², mode fan-avg, uniform)
/// ```
///
/// The default gain 1 suits identity, tanh and sigmoid layers in Glorot's linear analysis; pass
/// `Activation.gain` for another nonlinearity. Matches PyTorch `xavier_uniform_(gain)` and, with
/// gain 1, Keras `GlorotUniform`. For fanIn = 256 and fanOut = 128 the bound is 0.125.
///
/// Source: Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward
/// neural networks".
public struct XavierUniform: Initializer, Equatable {
  /// The multiplier on the bound; must be positive.
  public var gain: Double

  public init(gain: Double = 1) {
    precondition(gain > 0 && gain.isFinite, "xavier-uniform needs a finite gain > 0, got \(gain)")
    self.gain = gain
  }

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: gain * gain, mode: .fanAverage, distribution: .uniform)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "xavier-uniform:gain=\(formatArgument(gain))" }
}

/// Glorot/Xavier normal: an untruncated N(0, std²) with the fan average.
///
/// ```
/// std = gain · sqrt(2 / (fanIn + fanOut))     (variance scaling: scale = gain², mode fan-avg, untruncated)
/// ```
///
/// Matches PyTorch `xavier_normal_(gain)`, which does not truncate. Keras `GlorotNormal` and JAX
/// `glorot_normal` truncate at 2 std instead; `variance-scaling:scale=1,mode=fan-avg` gives that form.
///
/// Source: Glorot and Bengio (2010), "Understanding the difficulty of training deep feedforward
/// neural networks".
public struct XavierNormal: Initializer, Equatable {
  /// The multiplier on the std; must be positive.
  public var gain: Double

  public init(gain: Double = 1) {
    precondition(gain > 0 && gain.isFinite, "xavier-normal needs a finite gain > 0, got \(gain)")
    self.gain = gain
  }

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: gain * gain, mode: .fanAverage, distribution: .untruncatedNormal)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "xavier-normal:gain=\(formatArgument(gain))" }
}
