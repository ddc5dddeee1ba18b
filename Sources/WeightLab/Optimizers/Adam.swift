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
  /// m and v for each parameter, allocated on the first step and reused afterwards.
  private var firstMoments: [ScratchBuffer] = []
  private var secondMoments: [ScratchBuffer] = []

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
      firstMoments = parameters.map { ScratchBuffer(capacity: $0.value.count) }
      secondMoments = parameters.map { ScratchBuffer(capacity: $0.value.count) }
    }
    precondition(
      firstMoments.count == parameters.count,
      "Adam was first stepped with \(firstMoments.count) parameters, now \(parameters.count)")
    stepCount += 1
    let t = Double(stepCount)
    // Fold both bias corrections into the step size and ε, computed in Double once per step:
    // γ·m̂/(√v̂ + ε) = (γ/c₁)·m / (√v/√c₂ + ε) with c₁ = 1 − β₁ᵗ, c₂ = 1 − β₂ᵗ.
    let correction1 = 1 - Foundation.pow(beta1, t)
    let correction2 = 1 - Foundation.pow(beta2, t)
    let constants = AdamStepConstants(
      beta1: Float(beta1), beta2: Float(beta2), stepSize: Float(learningRate / correction1),
      inverseRootCorrection2: Float(1 / correction2.squareRoot()), epsilon: Float(epsilon))
    for (index, parameter) in parameters.enumerated() {
      let m = firstMoments[index].pointer
      let v = secondMoments[index].pointer
      parameter.gradient.scalars.withUnsafeBufferPointer { g in
        parameter.value.scalars.withUnsafeMutableBufferPointer { theta in
          precondition(g.count == theta.count, "\(parameter.path): gradient and value sizes differ")
          VectorKernels.adamUpdate(
            count: g.count, gradient: g.baseAddress!, parameter: theta.baseAddress!, firstMoment: m,
            secondMoment: v, constants: constants)
        }
      }
    }
  }

  public func exportState(of parameters: [Parameter]) -> OptimizerState {
    guard !firstMoments.isEmpty else { return OptimizerState(counters: ["step": stepCount]) }
    let buffers = OptimizerState.export("firstMoment", of: firstMoments, parameters: parameters)
      .merging(OptimizerState.export("secondMoment", of: secondMoments, parameters: parameters)) { $1 }
    return OptimizerState(buffers: buffers, counters: ["step": stepCount])
  }

  public func importState(_ state: OptimizerState, for parameters: [Parameter]) throws(OptimizerStateError) {
    guard let steps = state.counters["step"], steps >= 0 else {
      throw OptimizerStateError(description: "the Adam state has no valid 'step' counter")
    }
    if state.buffers.isEmpty {
      firstMoments = []
      secondMoments = []
    } else {
      firstMoments = try state.importBuffers("firstMoment", parameters: parameters)
      secondMoments = try state.importBuffers("secondMoment", parameters: parameters)
    }
    stepCount = steps
  }
}
