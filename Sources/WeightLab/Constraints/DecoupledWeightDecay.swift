// Decoupled weight decay as an after-step rule: shrinks weights towards zero by a fixed fraction of
// the step size, outside the gradient, so adaptive optimizers do not rescale it.

/// Multiplies each selected weight by `1 − γλ` after every optimizer step:
///
/// ```
/// θ ← θ · (1 − γ·λ)      γ = the optimizer's learning rate, λ = rate
/// ```
/// The decay is coupled to the learning rate in the same way in PyTorch `AdamW` and
/// `Adam(decoupled_weight_decay=True)` (θ·(1 − γλ)), Keras 3's `weight_decay` on every optimizer
/// (v − v·λ·γ), Optax `adamw` (adds λ·θ to the update before scaling it by γ) and mlx-swift
/// `AdamW` (θ·(1 − γλ)). So `decay:λ` means the same λ as those libraries' `weight_decay`.
///
/// Order: those libraries shrink θ *before* adding the optimizer's update, and this rule runs
/// *after* it, so one step gives `(θ − γu)(1 − γλ)` here and `θ(1 − γλ) − γu` there: the two
/// differ by γ²λu per step. With a zero gradient both shrink θ by exactly `1 − γλ`. The `adamw`
/// optimizer (`AdamW`) decays before its Adam step and matches PyTorch exactly; `sgd` with
/// `decay:λ` is SGDW (Loshchilov and Hutter) up to that γ²λu term.
///
/// Unlike an L2 penalty, the decay never enters the gradient, so Adam's per-weight scaling does not
/// weaken it for weights with large gradients. Requires γλ < 1 (checked by
/// `Regularization.checkLearningRate`).
///
/// Source: Loshchilov and Hutter (2019), "Decoupled Weight Decay Regularization".
public struct DecoupledWeightDecay: ParameterConstraint, Equatable {
  /// λ, the fraction of the weight removed per unit of learning rate; ≥ 0.
  public let rate: Double

  public init(rate: Double) {
    precondition(rate >= 0 && rate.isFinite, "weight decay rate must be finite and ≥ 0, got \(rate)")
    self.rate = rate
  }

  public var description: String { "decay:\(formatArgument(rate))" }

  public func apply(to parameter: Parameter, learningRate: Double) {
    let shrink = learningRate * rate
    precondition(shrink < 1, "decoupled decay needs learningRate · rate < 1, got \(learningRate) · \(rate)")
    let factor = Float(1 - shrink)
    parameter.value.scalars.withUnsafeMutableBufferPointer { values in
      for index in values.indices { values[index] *= factor }
    }
  }
}
