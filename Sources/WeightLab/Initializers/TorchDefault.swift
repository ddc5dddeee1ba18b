// PyTorch's default initialization of Linear and Conv layers, for weights and biases alike.

import WeightLabCore

/// Draws from U(-1/sqrt(fanIn), 1/sqrt(fanIn)), the default of PyTorch's Linear and Conv layers.
///
/// ```
/// bound = 1 / sqrt(fanIn)     (variance scaling: scale 1/3, fan-in, uniform)
/// ```
///
/// PyTorch calls `kaiming_uniform_(a=sqrt(5))`: gain = sqrt(2 / (1 + 5)) = sqrt(1/3), so the bound
/// sqrt(3)·gain/sqrt(fanIn) is 1/sqrt(fanIn) and the weight variance 1/(3·fanIn), a third of LeCun's.
/// PyTorch draws the bias from the same range. For a bias, the layer must pass its own `Fans`
/// (the kernel's fan-in), since a bias vector has no fan-in of its own. A fan-in of 0 gives zeros,
/// as PyTorch's bias rule `bound = 1/sqrt(fanIn) if fanIn > 0 else 0` does.
public struct TorchDefault: Initializer, Equatable {
  public init() {}

  /// The variance-scaling form this preset fixes.
  public var varianceScaling: VarianceScaling {
    VarianceScaling(scale: 1.0 / 3.0, mode: .fanIn, distribution: .uniform)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    guard fans.fanIn > 0 else { return Tensor(shape: shape) }
    return varianceScaling.makeValues(shape: shape, fans: fans, using: &stream)
  }

  public var description: String { "torch-default" }
}
