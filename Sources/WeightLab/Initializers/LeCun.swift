// LeCun initializers: presets of variance scaling with scale 1 and the fan-in mode (gain 1).

import WeightLabCore

/// LeCun uniform: U(-bound, bound) with `bound = sqrt(3 / fanIn)`.
///
/// ```
/// std = 1 / sqrt(fanIn),  bound = sqrt(3 / fanIn)     (variance scaling: scale 1, fan-in, uniform)
/// ```
///
/// Equal to PyTorch `kaiming_uniform_(nonlinearity='linear')` and to Keras `LecunUniform`.
///
/// Source: LeCun, Bottou, Orr and Müller (1998), "Efficient BackProp".
public struct LeCunUniform: Initializer, Equatable {
  public init() {}

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: 1, mode: .fanIn, distribution: .uniform)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "lecun-uniform" }
}

/// LeCun normal: an untruncated N(0, 1 / fanIn).
///
/// ```
/// std = 1 / sqrt(fanIn)     (variance scaling: scale 1, fan-in, untruncated normal)
/// ```
///
/// Equal to PyTorch `kaiming_normal_(nonlinearity='linear')`. Keras `LecunNormal` and JAX
/// `lecun_normal` (Flax's default kernel initializer) truncate at 2 std and rescale; that form is
/// `variance-scaling:scale=1,mode=fan-in,distribution=truncated-normal`.
///
/// Source: LeCun, Bottou, Orr and Müller (1998), "Efficient BackProp"; Klambauer et al. (2017),
/// "Self-normalizing neural networks", use it with SELU.
public struct LeCunNormal: Initializer, Equatable {
  public init() {}

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: 1, mode: .fanIn, distribution: .untruncatedNormal)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "lecun-normal" }
}
