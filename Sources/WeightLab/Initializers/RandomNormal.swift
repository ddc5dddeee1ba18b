// A normal distribution with a fixed std that ignores the fans.

import WeightLabCore

/// Draws from N(mean, std²) whatever the layer's fans.
///
/// ```
/// w ~ N(mean, std²)
/// ```
///
/// The spec default `normal` is N(0, 0.05²), Keras `RandomNormal`'s default; PyTorch's `normal_`
/// defaults to N(0, 1). Like `RandomUniform`, the fixed std does not adapt to the layer's width.
public struct RandomNormal: Initializer, Equatable {
  public var mean: Double
  /// The standard deviation; must be positive.
  public var std: Double

  public init(mean: Double = 0, std: Double) {
    precondition(mean.isFinite, "normal needs a finite mean, got \(mean)")
    precondition(std > 0 && std.isFinite, "normal needs a finite std > 0, got \(std)")
    self.mean = mean
    self.std = std
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    var values = [Float](repeating: 0, count: shape.reduce(1, *))
    Sampler.fillNormal(&values, mean: mean, std: std, using: &stream)
    return Tensor(shape: shape, scalars: values)
  }

  public var description: String {
    "normal:std=\(formatArgument(std)),mean=\(formatArgument(mean))"
  }
}
