// The min-max-norm constraint: moves each vector's L2 norm into [minValue, maxValue].

/// Moves the L2 norm of every vector towards the interval `[minValue, maxValue]`, as Keras
/// `MinMaxNorm`:
///
/// ```
/// desired = rate · clip(‖w‖, minValue, maxValue) + (1 − rate) · ‖w‖
/// w ← w · desired / (ε + ‖w‖),   ε = 1e-7
/// ```
/// `rate` = 1 enforces the interval at every step; a smaller rate moves the norm part of the way.
/// Defaults are Keras's: minValue 0, maxValue 1, rate 1; `axis` defaults to `.perUnit`, Keras's
/// `axis=0` on its `(in, out)` kernel layout (see `NormAxis`).
public struct MinMaxNorm: ParameterConstraint, Equatable {
  public let minValue: Double
  public let maxValue: Double
  /// The fraction of the way to the interval that each application moves the norm, in (0, 1].
  public let rate: Double
  public let axis: NormAxis

  public init(minValue: Double = 0, maxValue: Double = 1, rate: Double = 1, axis: NormAxis = .perUnit) {
    precondition(
      minValue >= 0 && minValue <= maxValue && maxValue.isFinite,
      "min-max-norm needs 0 ≤ minValue ≤ maxValue, got \(minValue), \(maxValue)")
    precondition(rate > 0 && rate <= 1, "min-max-norm needs a rate in (0, 1], got \(rate)")
    self.minValue = minValue
    self.maxValue = maxValue
    self.rate = rate
    self.axis = axis
  }

  public var description: String {
    "min-max-norm:min=\(formatArgument(minValue)),max=\(formatArgument(maxValue)),rate=\(formatArgument(rate))"
      + (axis == .perUnit ? "" : ",axis=\(axis.rawValue)")
  }

  public func apply(to parameter: Parameter, learningRate: Double) {
    axis.rescale(parameter) { norm in
      let desired = rate * min(max(norm, minValue), maxValue) + (1 - rate) * norm
      return desired / (constraintEpsilon + norm)
    }
  }
}
