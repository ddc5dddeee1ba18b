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
  /// The velocity v of each parameter, allocated on the first step and reused afterwards.
  private var velocities: [ScratchBuffer] = []

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
    if firstStep { velocities = parameters.map { ScratchBuffer(capacity: $0.value.count) } }
    precondition(
      velocities.count == parameters.count,
      "SGD was first stepped with \(velocities.count) parameters, now \(parameters.count)")
    let rate = Float(learningRate)
    let mu = Float(momentum)
    for (index, parameter) in parameters.enumerated() {
      let v = velocities[index].pointer
      parameter.gradient.scalars.withUnsafeBufferPointer { g in
        parameter.value.scalars.withUnsafeMutableBufferPointer { theta in
          precondition(g.count == theta.count, "\(parameter.path): gradient and value sizes differ")
          if mu == 0 {
            VectorKernels.axpy(count: g.count, alpha: -rate, x: g.baseAddress!, y: theta.baseAddress!)
          } else {
            Self.momentumUpdate(
              count: g.count, gradient: g.baseAddress!, parameter: theta.baseAddress!, velocity: v,
              rate: rate, momentum: mu, firstStep: firstStep, nesterov: nesterov)
          }
        }
      }
    }
  }

  public func exportState(of parameters: [Parameter]) -> OptimizerState {
    guard !velocities.isEmpty else { return OptimizerState() }
    return OptimizerState(buffers: OptimizerState.export("velocity", of: velocities, parameters: parameters))
  }

  public func importState(_ state: OptimizerState, for parameters: [Parameter]) throws(OptimizerStateError) {
    // No buffers means the exporting optimizer had not stepped, so the next step is a first step.
    velocities = state.buffers.isEmpty ? [] : try state.importBuffers("velocity", parameters: parameters)
  }

  /// Updates v and θ for `count` elements. Each case has its own loop without branches inside,
  /// so the compiler vectorizes all four.
  static func momentumUpdate(
    count: Int, gradient g: UnsafePointer<Float>, parameter theta: UnsafeMutablePointer<Float>,
    velocity v: UnsafeMutablePointer<Float>, rate: Float, momentum mu: Float, firstStep: Bool,
    nesterov: Bool
  ) {
    switch (firstStep, nesterov) {
    case (true, false):
      for i in 0..<count {
        v[i] = g[i]
        theta[i] -= rate * g[i]
      }
    case (true, true):
      for i in 0..<count {
        v[i] = g[i]
        theta[i] -= rate * (g[i] + mu * g[i])
      }
    case (false, false):
      for i in 0..<count {
        let velocity = mu * v[i] + g[i]
        v[i] = velocity
        theta[i] -= rate * velocity
      }
    case (false, true):
      for i in 0..<count {
        let velocity = mu * v[i] + g[i]
        v[i] = velocity
        theta[i] -= rate * (g[i] + mu * velocity)
      }
    }
  }
}
