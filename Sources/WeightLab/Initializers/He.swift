// He/Kaiming initializers in PyTorch's form: presets of variance scaling with scale = gain², where
// the gain comes from the layer's activation.

import WeightLabCore

/// He/Kaiming uniform: U(-bound, bound) with std `gain / sqrt(fan)`.
///
/// ```
/// std = gain / sqrt(fan),  bound = sqrt(3) · std     (variance scaling: scale = gain², uniform)
/// ```
///
/// `fan` is fan-in (the default, which keeps the forward activations' variance) or fan-out (which
/// keeps the gradients' variance). The gain is `Activation.gain` of the layer's nonlinearity: √2 for
/// ReLU, √(2 / (1 + slope²)) for leaky ReLU. Matches PyTorch `kaiming_uniform_(a, mode,
/// nonlinearity)`; Keras `HeUniform` is the ReLU case with fan-in.
///
/// Source: He, Zhang, Ren and Sun (2015), "Delving deep into rectifiers: surpassing human-level
/// performance on ImageNet classification".
public struct HeUniform: Initializer, Equatable {
  /// The activation gain; must be positive.
  public var gain: Double
  public var mode: FanMode

  public init(gain: Double = 2.0.squareRoot(), mode: FanMode = .fanIn) {
    precondition(gain > 0 && gain.isFinite, "he-uniform needs a finite gain > 0, got \(gain)")
    self.gain = gain
    self.mode = mode
  }

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: gain * gain, mode: mode, distribution: .uniform)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "he-uniform:gain=\(formatArgument(gain)),mode=\(mode.rawValue)" }
}

/// He/Kaiming normal: an untruncated N(0, std²) with std `gain / sqrt(fan)`.
///
/// ```
/// std = gain / sqrt(fan)     (variance scaling: scale = gain², untruncated normal)
/// ```
///
/// Matches PyTorch `kaiming_normal_`, which does not truncate. Keras `HeNormal` and JAX `he_normal`
/// truncate at 2 std; `variance-scaling:scale=2` gives that form.
///
/// Source: He, Zhang, Ren and Sun (2015), "Delving deep into rectifiers: surpassing human-level
/// performance on ImageNet classification".
public struct HeNormal: Initializer, Equatable {
  /// The activation gain; must be positive.
  public var gain: Double
  public var mode: FanMode

  public init(gain: Double = 2.0.squareRoot(), mode: FanMode = .fanIn) {
    precondition(gain > 0 && gain.isFinite, "he-normal needs a finite gain > 0, got \(gain)")
    self.gain = gain
    self.mode = mode
  }

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: gain * gain, mode: mode, distribution: .untruncatedNormal)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "he-normal:gain=\(formatArgument(gain)),mode=\(mode.rawValue)" }
}
