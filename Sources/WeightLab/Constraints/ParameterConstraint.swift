// After-step rules: they rewrite parameters after each optimizer update instead of changing the
// gradient (decoupled weight decay, proximal L1, norm constraints).

/// A rule applied to a parameter's values after every optimizer step.
public protocol ParameterConstraint: Sendable, CustomStringConvertible {
  /// Rewrites `parameter.value` in place. `learningRate` is the optimizer's current step size γ,
  /// which rules such as decoupled decay (`θ ← θ·(1 − γλ)`) scale by.
  func apply(to parameter: Parameter, learningRate: Double)
}
