// The max-norm constraint: caps the L2 norm of each unit's incoming weight vector.

/// Rescales every vector whose L2 norm exceeds `maxValue` back onto the ball of radius `maxValue`,
/// as Keras `MaxNorm`:
///
/// ```
/// w ← w · clip(‖w‖, 0, maxValue) / (ε + ‖w‖),   ε = 1e-7
/// ```
/// The ε is Keras's, kept so that values match: a vector inside the ball is multiplied by
/// ‖w‖/(ε + ‖w‖), a relative change of about ε/‖w‖ (below Float32 resolution for ‖w‖ ≳ 1).
/// The default `maxValue` 2 is Keras's; `axis` defaults to `.perUnit`, Keras's `axis=0` on its
/// `(in, out)` kernel layout (see `NormAxis`).
///
/// Source: Srivastava et al. (2014), "Dropout: A Simple Way to Prevent Neural Networks from Overfitting".
public struct MaxNorm: ParameterConstraint, Equatable {
  /// The largest L2 norm a vector keeps, > 0.
  public let maxValue: Double
  public let axis: NormAxis

  public init(maxValue: Double = 2, axis: NormAxis = .perUnit) {
    precondition(maxValue > 0 && maxValue.isFinite, "max-norm needs a finite maxValue > 0, got \(maxValue)")
    self.maxValue = maxValue
    self.axis = axis
  }

  public var description: String {
    "max-norm:\(formatArgument(maxValue))" + (axis == .perUnit ? "" : ",axis=\(axis.rawValue)")
  }

  public func apply(to parameter: Parameter, learningRate: Double) {
    axis.rescale(parameter) { norm in min(norm, maxValue) / (constraintEpsilon + norm) }
  }
}
