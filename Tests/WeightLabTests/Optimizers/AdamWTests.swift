// One-step values of AdamW worked out by hand, and how it differs from Adam with coupled L2 and
// from Adam followed by the after-step decay rule.

import Testing
import WeightLabCore

@testable import WeightLab

private func parameter(_ values: [Float], gradient: [Float], role: ParameterRole = .kernel) -> Parameter {
  let parameter = Parameter(path: "p", role: role, value: Tensor(shape: [values.count], scalars: values))
  parameter.gradient = Tensor(shape: [gradient.count], scalars: gradient)
  return parameter
}

@Suite("AdamW")
struct AdamWTests {
  @Test("Zero gradient shrinks by exactly 1 − γλ")
  func zeroGradient() {
    let p = parameter([1, -2, 0.25], gradient: [0, 0, 0])
    AdamW(learningRate: 0.1, weightDecay: 0.01).step([p])
    // m = v = 0, so the Adam step is 0/(0 + ε) = 0 and only the decay 1 − 0.1·0.01 = 0.999 acts.
    let factor = Float(0.999)
    #expect(p.value.scalars == [1 * factor, -2 * factor, 0.25 * factor])
  }

  @Test("First step decays, then moves by the learning rate")
  func firstStep() {
    let p = parameter([1], gradient: [0.5])
    AdamW(learningRate: 0.1, weightDecay: 0.01).step([p])
    // θ·(1 − γλ) − γ·g/(|g| + ε) = 0.999 − 0.1·0.5/(0.5 + 1e-8).
    expectClose(Double(p.value.scalars[0]), 0.999 - 0.1 * 0.5 / (0.5 + 1e-8), relativeTolerance: 1e-6)
  }

  @Test("Decay before the step differs from decay after it")
  func decayOrder() {
    let before = parameter([1], gradient: [0.5])
    AdamW(learningRate: 0.1, weightDecay: 0.01).step([before])

    let after = parameter([1], gradient: [0.5])
    Adam(learningRate: 0.1).step([after])
    DecoupledWeightDecay(rate: 0.01).apply(to: after, learningRate: 0.1)

    // AdamW: 0.999 − 0.1 = 0.899. Adam then decay: (1 − 0.1)·0.999 = 0.8991. The gap is γ²λ·u with
    // u = g/(|g| + ε) ≈ 1, that is 0.01·0.01 = 1e-4.
    expectClose(Double(before.value.scalars[0]), 0.899, relativeTolerance: 1e-6)
    expectClose(Double(after.value.scalars[0]), 0.8991, relativeTolerance: 1e-6)
  }

  @Test("Coupled L2 enters Adam's moments")
  func coupledL2() {
    let p = parameter([1], gradient: [0.5])
    Regularization(penalties: [L2(0.01, convention: .half)]).addGradients(to: [p])
    #expect(p.gradient.scalars == [0.51])
    Adam(learningRate: 0.1).step([p])
    // On the first step Adam divides g + λθ = 0.51 by its own magnitude, so the decay term is
    // absorbed: θ = 1 − 0.1·0.51/(0.51 + ε) ≈ 0.9, where AdamW gives 0.899.
    expectClose(Double(p.value.scalars[0]), 1 - 0.1 * 0.51 / (0.51 + 1e-8), relativeTolerance: 1e-6)
  }

  @Test("Biases are not decayed by default")
  func biasNotDecayed() {
    let bias = parameter([2], gradient: [0], role: .bias)
    AdamW(learningRate: 0.1, weightDecay: 0.5).step([bias])
    #expect(bias.value.scalars == [2])
    let decayed = parameter([2], gradient: [0], role: .bias)
    AdamW(learningRate: 0.1, weightDecay: 0.5, decayedRoles: [.kernel, .bias]).step([decayed])
    #expect(decayed.value.scalars == [2 * Float(0.95)])
  }

  @Test("Catalog builds AdamW with PyTorch's default decay")
  func catalog() throws {
    let optimizer = try #require(
      try OptimizerCatalog.make(name: "adamw", learningRate: 1e-3, momentum: 0) as? AdamW)
    #expect(optimizer.weightDecay == 1e-2)
    let custom = try #require(
      try OptimizerCatalog.make(name: "adamw", learningRate: 1e-3, momentum: 0, weightDecay: 0.1) as? AdamW)
    #expect(custom.weightDecay == 0.1)
    #expect(throws: SpecError.self) {
      try OptimizerCatalog.make(name: "adamw", learningRate: 1, momentum: 0, weightDecay: 1)
    }
  }
}
