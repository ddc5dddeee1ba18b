// Proximal L1: soft-thresholding after each optimizer step, which sets small weights to exactly zero.

/// Applies the proximal operator of `γλ·|θ|` after every optimizer step (soft-thresholding):
///
/// ```
/// θ ← sign(θ) · max(|θ| − γ·λ, 0)      γ = the optimizer's learning rate, λ = strength
/// ```
/// Every weight with |θ| ≤ γλ becomes exactly 0.0, and the others move γλ towards zero. A plain L1
/// penalty instead adds λ·sign(θ) to the gradient: a weight near zero steps across it and back, so it
/// ends up oscillating within about γλ of zero but almost never equal to it. The prox step cannot
/// overshoot, so the zeros are exact and stay until the data gradient pushes a weight past γλ.
///
/// With plain SGD this is proximal gradient descent (ISTA) on `data loss + λ·Σ|θ|`, the same
/// objective as `l1:λ`. With Adam it uses the global step γ, not Adam's per-weight step, so it is a
/// heuristic there: it still gives exact zeros, but its strength is not λ in the objective's units.
///
/// Source: Parikh and Boyd (2014), "Proximal Algorithms", soft-thresholding as the prox of the L1 norm.
public struct ProximalL1: ParameterConstraint, Equatable {
  /// λ, the L1 strength; ≥ 0.
  public let strength: Double

  public init(strength: Double) {
    precondition(
      strength >= 0 && strength.isFinite, "prox-l1 strength must be finite and ≥ 0, got \(strength)")
    self.strength = strength
  }

  public var description: String { "prox-l1:\(formatArgument(strength))" }

  public func apply(to parameter: Parameter, learningRate: Double) {
    let threshold = Float(learningRate * strength)
    parameter.value.scalars.withUnsafeMutableBufferPointer { values in
      for index in values.indices {
        let value = values[index]
        if value > threshold {
          values[index] = value - threshold
        } else if value < -threshold {
          values[index] = value + threshold
        } else {
          values[index] = 0
        }
      }
    }
  }
}
