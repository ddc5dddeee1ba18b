// One-step values of every after-step rule, worked out by hand: decoupled decay, proximal L1,
// max-norm, min-max-norm, unit-norm and non-negativity, with their axes and role selection.

import Testing
import WeightLabCore

@testable import WeightLab

private func kernel(_ rows: [[Float]]) -> Parameter {
  Parameter(
    path: "dense1.weight", role: .kernel,
    value: Tensor(shape: [rows.count, rows[0].count], scalars: rows.flatMap { $0 }))
}

private func values(_ parameter: Parameter) -> [Double] { parameter.value.scalars.map(Double.init) }

/// Keras's ε in the norm constraints.
private let epsilon = 1e-7

@Suite("After-step rules")
struct ConstraintTests {
  @Test("Decoupled decay with a zero gradient shrinks by 1 − γλ")
  func decayWithZeroGradient() {
    let p = kernel([[1, -2, 0.5]])
    let sgd = SGD(learningRate: 0.1)
    let regularization = Regularization(constraints: [DecoupledWeightDecay(rate: 0.01)])

    sgd.step([p])
    regularization.applyConstraints(to: [p], learningRate: sgd.learningRate)

    // The gradient is zero, so SGD leaves θ and the decay multiplies it by 1 − 0.1·0.01 = 0.999.
    let factor = Float(1 - 0.1 * 0.01)
    #expect(p.value.scalars == [1 * factor, -2 * factor, 0.5 * factor])
  }

  @Test("Decoupled decay runs after the SGD update")
  func decayAfterUpdate() {
    let p = kernel([[1]])
    p.gradient = Tensor(shape: [1, 1], scalars: [0.5])
    SGD(learningRate: 0.1).step([p])
    DecoupledWeightDecay(rate: 0.2).apply(to: p, learningRate: 0.1)
    // (θ − γg)(1 − γλ) = (1 − 0.05)·(1 − 0.02) = 0.931; decaying first would give 0.98 − 0.05 = 0.93.
    expectClose(values(p), [0.931], relativeTolerance: 1e-6)
  }

  @Test("Proximal L1 zeroes every weight within γλ")
  func proximalL1ExactZeros() {
    let p = kernel([[0.3, -0.3, 0.05, -0.05, 0.02, 0, 1e-9]])
    ProximalL1(strength: 0.5).apply(to: p, learningRate: 0.1)
    // γλ = 0.05: |θ| ≤ 0.05 becomes 0.0 exactly, the rest moves 0.05 towards zero.
    expectClose(values(p), [0.25, -0.25, 0, 0, 0, 0, 0], relativeTolerance: 1e-6)
    for index in 2..<7 { #expect(p.value.scalars[index] == 0, "element \(index)") }
  }

  @Test("Plain L1 steps across zero where the prox step stops")
  func plainL1Overshoots() {
    let p = kernel([[0.01]])
    let regularization = Regularization(penalties: [L1(0.5)])
    regularization.addGradients(to: [p])
    SGD(learningRate: 0.1).step([p])
    // A subgradient step moves by γλ = 0.05 whatever θ is, so 0.01 lands on −0.04, not on 0.
    expectClose(values(p), [-0.04], relativeTolerance: 1e-6)
  }

  @Test("Max-norm caps rows above the limit")
  func maxNormRows() {
    // Row norms 5, 0.5 and 13.
    let p = kernel([[3, 4, 0], [0.3, 0, 0.4], [5, 12, 0]])
    MaxNorm(maxValue: 2).apply(to: p, learningRate: 0.1)
    let long1 = 2 / (epsilon + 5)
    let short = 0.5 / (epsilon + 0.5)
    let long2 = 2 / (epsilon + 13)
    let expected = [3 * long1, 4 * long1, 0, 0.3 * short, 0, 0.4 * short, 5 * long2, 12 * long2, 0]
    expectClose(values(p), expected, relativeTolerance: 1e-6)
  }

  @Test("Max-norm per input rescales columns")
  func maxNormColumns() {
    // Column norms 5 and 0.5.
    let p = kernel([[3, 0.3], [4, 0.4]])
    MaxNorm(maxValue: 1, axis: .perInput).apply(to: p, learningRate: 0.1)
    let scale = 1 / (epsilon + 5)
    let expected = [3 * scale, 0.3, 4 * scale, 0.4]
    expectClose(values(p), expected, relativeTolerance: 1e-6)
  }

  @Test("Min-max-norm moves norms into the interval")
  func minMaxNorm() {
    // Row norms 5 (above 2), 0.5 (below 1) and 1.5 (inside).
    let p = kernel([[3, 4], [0.3, 0.4], [0.9, 1.2]])
    MinMaxNorm(minValue: 1, maxValue: 2, rate: 0.5).apply(to: p, learningRate: 0.1)
    // desired = 0.5·clip(n, 1, 2) + 0.5·n: 3.5, 0.75 and 1.5.
    let factors = [3.5 / (epsilon + 5), 0.75 / (epsilon + 0.5), 1.5 / (epsilon + 1.5)]
    let expected = [
      3 * factors[0], 4 * factors[0], 0.3 * factors[1], 0.4 * factors[1], 0.9 * factors[2], 1.2 * factors[2],
    ]
    expectClose(values(p), expected, relativeTolerance: 1e-6)
  }

  @Test("Unit-norm divides each row by its norm")
  func unitNorm() {
    let p = kernel([[3, 4], [0, 0]])
    UnitNorm().apply(to: p, learningRate: 0.1)
    expectClose(values(p), [0.6, 0.8, 0, 0], relativeTolerance: 1e-6)
  }

  @Test("Whole-tensor norm treats the parameter as one vector")
  func wholeNorm() {
    let p = kernel([[3, 0], [0, 4]])
    UnitNorm(axis: .whole).apply(to: p, learningRate: 0.1)
    expectClose(values(p), [0.6, 0, 0, 0.8], relativeTolerance: 1e-6)
  }

  @Test("Non-negativity clamps negatives to zero")
  func nonNegative() {
    let p = kernel([[-1, 2, -0.001, 0]])
    NonNegative().apply(to: p, learningRate: 0.1)
    #expect(p.value.scalars == [0, 2, 0, 0])
  }

  @Test("After-step rules skip biases by default")
  func roleSelection() {
    let weights = kernel([[3, 4]])
    let bias = Parameter(path: "dense1.bias", role: .bias, value: Tensor(shape: [2], scalars: [-3, 4]))
    let regularization = Regularization(constraints: [NonNegative(), DecoupledWeightDecay(rate: 1)])

    regularization.applyConstraints(to: [weights, bias], learningRate: 0.5)

    #expect(weights.value.scalars == [1.5, 2])
    #expect(bias.value.scalars == [-3, 4])
    Regularization(constraints: [NonNegative()], roles: [.bias]).applyConstraints(
      to: [bias], learningRate: 0.5)
    #expect(bias.value.scalars == [0, 4])
  }

  @Test("Decay rejects γλ ≥ 1")
  func decayLearningRateCheck() throws {
    let regularization = Regularization(constraints: [DecoupledWeightDecay(rate: 2)])
    try regularization.checkLearningRate(0.4)
    let error = #expect(throws: SpecError.self) { try regularization.checkLearningRate(0.5) }
    #expect(error?.reason.contains("below 1") == true)
  }
}

@Suite("Spectral norm")
struct SpectralNormTests {
  @Test("Diagonal kernel is divided by its largest entry")
  func diagonal() {
    let p = kernel([[3, 0], [0, 1]])
    SpectralNorm().apply(to: p, learningRate: 0.1)
    // σ = 3; 15 power iterations on diag(3, 1) leave an error of order (1/3)^30 in σ.
    expectClose(values(p), [1, 0, 0, 1.0 / 3], relativeTolerance: 1e-6, absoluteTolerance: 1e-7)
  }

  @Test("Repeated steps keep the spectral norm at one")
  func randomKernel() {
    var stream = RandomStream(seed: 11, name: "spectral")
    var scalars = [Float](repeating: 0, count: 6 * 4)
    Sampler.fillNormal(&scalars, mean: 0, std: 1, using: &stream)
    let p = Parameter(path: "dense1.weight", role: .kernel, value: Tensor(shape: [6, 4], scalars: scalars))
    let constraint = SpectralNorm()

    for _ in 0..<5 { constraint.apply(to: p, learningRate: 0.1) }

    // An independent σ: √(largest eigenvalue of WᵀW) by 500 power iterations in Double.
    let w = p.value.scalars.map(Double.init)
    var v = [Double](repeating: 1, count: 4)
    var eigenvalue = 0.0
    for _ in 0..<500 {
      var next = [Double](repeating: 0, count: 4)
      for i in 0..<4 {
        for j in 0..<4 {
          var gram = 0.0
          for row in 0..<6 { gram += w[row * 4 + i] * w[row * 4 + j] }
          next[i] += gram * v[j]
        }
      }
      eigenvalue = next.reduce(0) { $0 + $1 * $1 }.squareRoot()
      v = next.map { $0 / eigenvalue }
    }
    expectClose(eigenvalue.squareRoot(), 1, relativeTolerance: 1e-4)
  }

  @Test("A vector is divided by its L2 norm")
  func vector() {
    let p = Parameter(path: "dense1.bias", role: .bias, value: Tensor(shape: [2], scalars: [3, 4]))
    SpectralNorm().apply(to: p, learningRate: 0.1)
    expectClose(values(p), [0.6, 0.8], relativeTolerance: 1e-6)
  }
}
