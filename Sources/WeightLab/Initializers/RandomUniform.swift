// A uniform distribution with fixed bounds that ignores the fans.

import WeightLabCore

/// Draws from U(low, high) whatever the layer's fans.
///
/// ```
/// w ~ U(low, high), mean (low + high) / 2, std (high - low) / sqrt(12)
/// ```
///
/// The spec default `uniform` is U(-0.05, 0.05), Keras `RandomUniform`'s default. PyTorch's
/// `uniform_` defaults to U(0, 1). A fixed range gives a fan-independent variance, so deep or wide
/// layers grow or shrink their activations. This is the baseline the fan-scaled schemes improve on.
/// Values lie in [low, high] after rounding to Float.
public struct RandomUniform: Initializer, Equatable {
  public var low: Double
  public var high: Double

  public init(low: Double, high: Double) {
    precondition(
      low.isFinite && high.isFinite && low < high, "uniform needs finite low < high, got \(low), \(high)")
    self.low = low
    self.high = high
  }

  /// U(-limit, limit); `limit` must be positive.
  public init(limit: Double) {
    precondition(limit > 0 && limit.isFinite, "uniform needs a finite limit > 0, got \(limit)")
    self.init(low: -limit, high: limit)
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    var values = [Float](repeating: 0, count: shape.reduce(1, *))
    Sampler.fillUniform(&values, low: low, high: high, using: &stream)
    return Tensor(shape: shape, scalars: values)
  }

  public var description: String {
    if low == -high { return "uniform:limit=\(formatArgument(high))" }
    return "uniform:low=\(formatArgument(low)),high=\(formatArgument(high))"
  }
}
