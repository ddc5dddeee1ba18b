// The penalties and after-step rules of a run, and the parameter roles they select.

import WeightLabCore

/// The penalties and after-step rules of a training run, and the parameter roles they apply to.
public struct Regularization: Sendable, CustomStringConvertible {
  /// The penalties added to the loss; empty means none.
  public var penalties: [any Regularizer]
  /// The rules applied after each optimizer step, in order; empty means none.
  public var constraints: [any ParameterConstraint]
  /// The roles that penalties and after-step rules select. The default is kernels only: biases and
  /// normalization parameters are never penalized, decayed or constrained unless asked for.
  public var roles: Set<ParameterRole>

  public init(
    penalties: [any Regularizer] = [], constraints: [any ParameterConstraint] = [],
    roles: Set<ParameterRole> = [.kernel]
  ) {
    self.penalties = penalties
    self.constraints = constraints
    self.roles = roles
  }

  public static let none = Regularization()

  public var description: String {
    let parts = penalties.map(\.description) + constraints.map(\.description)
    return parts.isEmpty ? "none" : parts.joined(separator: "+")
  }

  /// Whether `parameter` is selected.
  public func applies(to parameter: Parameter) -> Bool { roles.contains(parameter.role) }

  /// Returns Σ R(w) over the selected parameters.
  public func penalty(of parameters: [Parameter]) -> Double {
    guard !penalties.isEmpty else { return 0 }
    var total = 0.0
    for parameter in parameters where applies(to: parameter) {
      let shape = parameter.value.shape
      parameter.value.scalars.withUnsafeBufferPointer { values in
        for penalty in penalties { total += penalty.penalty(values.baseAddress!, shape: shape) }
      }
    }
    return total
  }

  /// Adds each selected parameter's penalty gradient to its gradient.
  public func addGradients(to parameters: [Parameter]) {
    guard !penalties.isEmpty else { return }
    for parameter in parameters where applies(to: parameter) {
      let shape = parameter.value.shape
      parameter.value.scalars.withUnsafeBufferPointer { values in
        parameter.gradient.scalars.withUnsafeMutableBufferPointer { gradient in
          for penalty in penalties {
            penalty.addGradient(values.baseAddress!, shape: shape, to: gradient.baseAddress!)
          }
        }
      }
    }
  }
}

extension Regularization {
  /// Applies every after-step rule to each selected parameter.
  public func applyConstraints(to parameters: [Parameter], learningRate: Double) {
    guard !constraints.isEmpty else { return }
    for parameter in parameters where applies(to: parameter) {
      for constraint in constraints { constraint.apply(to: parameter, learningRate: learningRate) }
    }
  }

  /// Throws when a rule cannot run with the step size `learningRate`, such as decoupled decay
  /// with γλ ≥ 1, which would zero or flip the sign of every selected weight at each step.
  public func checkLearningRate(_ learningRate: Double) throws(SpecError) {
    for constraint in constraints {
      guard let decay = constraint as? DecoupledWeightDecay else { continue }
      let shrink = learningRate * decay.rate
      guard shrink < 1 else {
        throw SpecError(
          spec: decay.description,
          reason:
            "learning rate × decay rate is \(shrink), so θ·(1 − γλ) would zero or flip every weight; "
            + "it must be below 1: lower the decay rate or the learning rate")
      }
    }
  }
}
