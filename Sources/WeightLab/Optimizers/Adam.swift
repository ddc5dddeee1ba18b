// Adam with bias correction, PyTorch's formulation.

import Foundation
import WeightLabCore

/// Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", 2015), as `torch.optim.Adam`:
///
/// ```
/// m ← β₁·m + (1 − β₁)·g
/// v ← β₂·v + (1 − β₂)·g²
/// θ ← θ − γ · (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε)
/// ```
/// Defaults β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (PyTorch's; Keras uses ε = 1e-7).
public final class Adam: Optimizer {
  public var learningRate: Double
  public let beta1: Double
  public let beta2: Double
  public let epsilon: Double
  /// The number of steps taken, t in the formula.
  public private(set) var stepCount = 0
  private var firstMoments: [[Float]] = []
  private var secondMoments: [[Float]] = []

  public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8)
  {
    precondition(learningRate > 0, "Adam learning rate must be positive, got \(learningRate)")
    precondition((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam betas must be in [0, 1)")
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  public var description: String { "adam(lr=\(learningRate), betas=(\(beta1), \(beta2)), eps=\(epsilon))" }

  public func step(_ parameters: [Parameter]) {
    if firstMoments.isEmpty {
      firstMoments = parameters.map { [Float](repeating: 0, count: $0.value.count) }
      secondMoments = firstMoments
    }
    stepCount += 1
    let t = Double(stepCount)
    // Fold both bias corrections into the step size and ε, computed in Double once per step:
    // γ·m̂/(√v̂ + ε) = (γ/c₁)·m / (√v/√c₂ + ε) with c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ.
    let correction1 = 1 - Foundation.pow(beta1, t)
    let correction2 = 1 - Foundation.pow(beta2, t)
    let stepSize = Float(learningRate / correction1)
    let inverseRootCorrection2 = Float(1 / correction2.squareRoot())
    let b1 = Float(beta1)
    let b2 = Float(beta2)
    let eps = Float(epsilon)
    for (index, parameter) in parameters.enumerated() {
      parameter.gradient.scalars.withUnsafeBufferPointer { g in
        parameter.value.scalars.withUnsafeMutableBufferPointer { theta in
          firstMoments[index].withUnsafeMutableBufferPointer { m in
            secondMoments[index].withUnsafeMutableBufferPointer { v in
              for i in 0..<g.count {
                let gradient = g[i]
                let mean = b1 * m[i] + (1 - b1) * gradient
                let variance = b2 * v[i] + (1 - b2) * gradient * gradient
                m[i] = mean
                v[i] = variance
                theta[i] -= stepSize * mean / (variance.squareRoot() * inverseRootCorrection2 + eps)
              }
            }
          }
        }
      }
    }
  }
}
