// The unit-norm constraint: projects each vector onto the unit sphere.

/// Divides every vector by its L2 norm, as Keras `UnitNorm`:
///
/// ```
/// w ← w / (ε + ‖w‖),   ε = 1e-7
/// ```
/// A zero vector stays zero. `axis` defaults to `.perUnit`, Keras's `axis=0` on its `(in, out)`
/// kernel layout (see `NormAxis`).
public struct UnitNorm: ParameterConstraint, Equatable {
  public let axis: NormAxis

  public init(axis: NormAxis = .perUnit) {
    self.axis = axis
  }

  public var description: String { "unit-norm" + (axis == .perUnit ? "" : ":axis=\(axis.rawValue)") }

  public func apply(to parameter: Parameter, learningRate: Double) {
    axis.rescale(parameter) { norm in 1 / (constraintEpsilon + norm) }
  }
}
