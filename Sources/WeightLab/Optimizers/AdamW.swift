// AdamW: Adam with decoupled weight decay applied before the Adam step, PyTorch's order.

/// AdamW (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019), as
/// `torch.optim.AdamW`:
///
/// ```
/// θ ← θ·(1 − γλ)          decay first, for the parameters whose role is in `decayedRoles`
/// m, v, θ ← Adam step     the `Adam` update with the gradient g, which λ never enters
/// ```
/// Defaults are PyTorch's: γ = 1e-3, λ = 1e-2, β₁ = 0.9, β₂ = 0.999, ε = 1e-8. Keras's AdamW
/// defaults to λ = 0.004 and ε = 1e-7, and Optax's adamw to λ = 1e-4; all three multiply λ by the
/// learning rate. With a zero gradient one step gives exactly θ·(1 − γλ).
///
/// The decay comes before the Adam update, as in PyTorch, Optax and Keras. The `decay:λ` after-step
/// rule combined with `adam` runs after the update instead and differs by γ²λ times the update.
/// Adam with coupled L2 (`torch.optim.Adam(weight_decay=λ)`) is `adam` with the penalty
/// `l2:λ,convention=half`, whose gradient λθ enters m and v and is then rescaled per weight.
///
/// Only kernels are decayed by default; PyTorch decays every parameter of a parameter group, so
/// biases too unless they are put in a group with `weight_decay=0`.
public final class AdamW: Optimizer {
  /// The Adam update that follows the decay, with the moments and the step count.
  public let adam: Adam
  /// λ, the decoupled weight decay rate; ≥ 0, with γλ < 1.
  public let weightDecay: Double
  /// The roles whose parameters are decayed.
  public let decayedRoles: Set<ParameterRole>

  public init(
    learningRate: Double = 1e-3, weightDecay: Double = 1e-2, beta1: Double = 0.9, beta2: Double = 0.999,
    epsilon: Double = 1e-8, decayedRoles: Set<ParameterRole> = [.kernel]
  ) {
    precondition(
      weightDecay >= 0 && weightDecay.isFinite, "AdamW weight decay must be ≥ 0, got \(weightDecay)")
    precondition(
      learningRate * weightDecay < 1,
      "AdamW needs learningRate · weightDecay < 1, got \(learningRate) · \(weightDecay)")
    adam = Adam(learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
    self.weightDecay = weightDecay
    self.decayedRoles = decayedRoles
  }

  public var learningRate: Double {
    get { adam.learningRate }
    set { adam.learningRate = newValue }
  }

  public var description: String {
    "adamw(lr=\(learningRate), weight_decay=\(weightDecay), betas=(\(adam.beta1), \(adam.beta2)), "
      + "eps=\(adam.epsilon))"
  }

  public func step(_ parameters: [Parameter]) {
    let factor = Float(1 - learningRate * weightDecay)
    for parameter in parameters where decayedRoles.contains(parameter.role) {
      parameter.value.scalars.withUnsafeMutableBufferPointer { values in
        for index in values.indices { values[index] *= factor }
      }
    }

    adam.step(parameters)
  }

  /// Exports the state of the inner Adam; the decay itself has no state.
  public func exportState(of parameters: [Parameter]) -> OptimizerState {
    adam.exportState(of: parameters)
  }

  public func importState(_ state: OptimizerState, for parameters: [Parameter]) throws(OptimizerStateError) {
    try adam.importState(state, for: parameters)
  }
}
