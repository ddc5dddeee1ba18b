// One-step and two-step values of each optimizer, worked out by hand from the published update rules.

import Foundation
import Testing
import WeightLabCore

@testable import WeightLab

private func parameter(_ values: [Float], gradient: [Float]) -> Parameter {
  let parameter = Parameter(path: "p", role: .kernel, value: Tensor(shape: [values.count], scalars: values))
  parameter.gradient = Tensor(shape: [gradient.count], scalars: gradient)
  return parameter
}

@Suite("Optimizers")
struct OptimizerTests {
  @Test("SGD without momentum steps against the gradient")
  func plainSGD() {
    let p = parameter([1, -2], gradient: [0.5, -1])
    SGD(learningRate: 0.1).step([p])
    // θ − γ·g = 1 − 0.05, −2 + 0.1
    expectClose(p.value.scalars.map(Double.init), [0.95, -1.9], relativeTolerance: 1e-6)
  }

  @Test("SGD momentum accumulates velocity")
  func momentumSGD() {
    let p = parameter([1], gradient: [0.5])
    let optimizer = SGD(learningRate: 0.1, momentum: 0.9)
    optimizer.step([p])
    // Step 1: v = g = 0.5, θ = 1 − 0.05 = 0.95.
    expectClose(Double(p.value.scalars[0]), 0.95, relativeTolerance: 1e-6)
    p.gradient.scalars[0] = 0.25
    optimizer.step([p])
    // Step 2: v = 0.9·0.5 + 0.25 = 0.7, θ = 0.95 − 0.07 = 0.88.
    expectClose(Double(p.value.scalars[0]), 0.88, relativeTolerance: 1e-6)
  }

  @Test("SGD Nesterov momentum looks ahead")
  func nesterovSGD() {
    let p = parameter([1], gradient: [0.5])
    SGD(learningRate: 0.1, momentum: 0.9, nesterov: true).step([p])
    // v = 0.5, update g + μv = 0.5 + 0.45 = 0.95, θ = 1 − 0.095.
    expectClose(Double(p.value.scalars[0]), 0.905, relativeTolerance: 1e-6)
  }

  @Test("Adam's first step moves each weight by about the learning rate")
  func adamFirstStep() {
    let p = parameter([1, 1, 1], gradient: [0.5, -2, 1e-3])
    Adam(learningRate: 0.01).step([p])
    // m̂ = g and v̂ = g², so the step is γ·g/(|g| + ε) = ±γ·|g|/(|g| + 1e-8).
    let expected = [0.5, -2.0, 1e-3].map { g in 1 - 0.01 * g / (abs(g) + 1e-8) }
    expectClose(p.value.scalars.map(Double.init), expected, relativeTolerance: 1e-6)
  }

  @Test("Adam's second step applies bias correction")
  func adamSecondStep() {
    let p = parameter([0], gradient: [1])
    let optimizer = Adam(learningRate: 0.1)
    optimizer.step([p])
    p.gradient.scalars[0] = -0.5
    optimizer.step([p])
    // Step 1: m = 0.1, v = 0.001, θ = −0.1·(0.1/0.1)/(√(0.001/0.001) + ε) = −0.1.
    // Step 2: m = 0.09 − 0.05 = 0.04, v = 0.000999 + 0.00025 = 0.001249;
    // m̂ = 0.04/0.19, v̂ = 0.001249/(1 − 0.999²) = 0.001249/0.001999.
    let mHat = 0.04 / (1 - 0.9 * 0.9)
    let vHat = 0.001249 / (1 - 0.999 * 0.999)
    let expected = -0.1 - 0.1 * mHat / (vHat.squareRoot() + 1e-8)
    expectClose(Double(p.value.scalars[0]), expected, relativeTolerance: 1e-5)
  }

  @Test("Optimizer names parse and reject unknown ones")
  func optimizerCatalog() throws {
    #expect(try OptimizerCatalog.make(name: "sgd", learningRate: 0.1, momentum: 0.5) is SGD)
    #expect(try OptimizerCatalog.make(name: "adam", learningRate: 0.1, momentum: 0.5) is Adam)
    let error = #expect(throws: SpecError.self) {
      try OptimizerCatalog.make(name: "rmsprop", learningRate: 0.1, momentum: 0)
    }
    #expect(error?.reason.contains("sgd, adam") == true)
  }
}
