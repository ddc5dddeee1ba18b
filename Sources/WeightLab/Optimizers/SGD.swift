// Stochastic gradient descent with heavy-ball or Nesterov momentum, PyTorch's formulation.

import WeightLabCore

/// SGD with momentum, as `torch.optim.SGD` with `dampening = 0`:
///
/// ```
/// v ← μ·v + g                (v starts as g on the first step)
/// θ ← θ − γ·v                (Nesterov: θ ← θ − γ·(g + μ·v))
/// ```
/// With μ = 0 this is plain SGD, `θ ← θ − γ·g`.
public final class SGD: Optimizer {
  public var learningRate: Double
  public let momentum: Double
  public let nesterov: Bool
  private var velocities: [[Float]] = []

  public init(learningRate: Double, momentum: Double = 0, nesterov: Bool = false) {
    precondition(learningRate > 0, "SGD learning rate must be positive, got \(learningRate)")
    precondition(momentum >= 0 && momentum < 1, "SGD momentum must be in [0, 1), got \(momentum)")
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
  }

  public var description: String {
    "sgd(lr=\(learningRate), momentum=\(momentum)\(nesterov ? ", nesterov" : ""))"
  }

  public func step(_ parameters: [Parameter]) {
    let firstStep = velocities.isEmpty
    if firstStep { velocities = parameters.map { [Float](repeating: 0, count: $0.value.count) } }
    let rate = Float(learningRate)
    let mu = Float(momentum)
    for (index, parameter) in parameters.enumerated() {
      parameter.gradient.scalars.withUnsafeBufferPointer { g in
        parameter.value.scalars.withUnsafeMutableBufferPointer { theta in
          if mu == 0 {
            VectorKernels.axpy(count: g.count, alpha: -rate, x: g.baseAddress!, y: theta.baseAddress!)
            return
          }
          velocities[index].withUnsafeMutableBufferPointer { v in
            for i in 0..<g.count {
              let velocity = firstStep ? g[i] : mu * v[i] + g[i]
              v[i] = velocity
              theta[i] -= rate * (nesterov ? g[i] + mu * velocity : velocity)
            }
          }
        }
      }
    }
  }
}
