// Penalty values against Keras's documented examples and hand computation, role selection, and
// spec parsing.

import Testing
import WeightLabCore

@testable import WeightLab

private func penalty(_ regularizer: any ElementwiseRegularizer, _ values: [Float]) -> Double {
  values.withUnsafeBufferPointer { regularizer.penalty($0.baseAddress!, count: $0.count) }
}

@Suite("Regularizers")
struct RegularizerTests {
  @Test("L2 on a 5x5 ones kernel matches Keras's docstring")
  func l2KerasExample() {
    // Keras: L2(2.0) on ones((5, 5)) = 2 · 25 = 50.
    #expect(penalty(L2(2.0), [Float](repeating: 1, count: 25)) == 50)
    #expect(penalty(L2(2.0, convention: .half), [Float](repeating: 1, count: 25)) == 25)
  }

  @Test("L1 on a 5x5 ones kernel matches Keras's docstring")
  func l1KerasExample() {
    // Keras: L1(0.01) on ones((5, 5)) = 0.25.
    expectClose(penalty(L1(0.01), [Float](repeating: 1, count: 25)), 0.25, relativeTolerance: 1e-12)
  }

  @Test("Elastic net is the sum of its parts")
  func elasticNet() {
    let values: [Float] = [1, -2, 0.5]
    // 0.1·(1 + 2 + 0.5) + 0.2·(1 + 4 + 0.25) = 0.35 + 1.05
    expectClose(penalty(ElasticNet(l1: 0.1, l2: 0.2), values), 1.4, relativeTolerance: 1e-12)
  }

  @Test("L1 gradient is zero at zero")
  func l1SubgradientAtZero() {
    let values: [Float] = [0, 2, -3]
    var gradient: [Float] = [0, 0, 0]
    values.withUnsafeBufferPointer { v in
      gradient.withUnsafeMutableBufferPointer { g in
        L1(0.5).addGradient(v.baseAddress!, count: 3, to: g.baseAddress!)
      }
    }
    #expect(gradient == [0, 0.5, -0.5])
  }

  @Test("Penalties select kernels and skip biases by default")
  func roleSelection() {
    let kernel = Parameter(path: "dense1.weight", role: .kernel, value: Tensor(shape: [2], scalars: [1, 1]))
    let bias = Parameter(path: "dense1.bias", role: .bias, value: Tensor(shape: [2], scalars: [10, 10]))
    let regularization = Regularization(penalties: [L2(1)])
    #expect(regularization.penalty(of: [kernel, bias]) == 2)
    regularization.addGradients(to: [kernel, bias])
    #expect(kernel.gradient.scalars == [2, 2])
    #expect(bias.gradient.scalars == [0, 0])
    let withBiases = Regularization(penalties: [L2(1)], roles: [.kernel, .bias])
    #expect(withBiases.penalty(of: [kernel, bias]) == 202)
  }

  @Test(
    "Regularizer specs parse",
    arguments: [
      ("none", "none"), ("l1:1e-5", "l1:1e-05"), ("l2:1e-4", "l2:0.0001"),
      ("l2:1e-4,convention=half", "l2:0.0001,convention=half"),
      ("elastic-net:l1=1e-5,l2=1e-4", "elastic-net:l1=1e-05,l2=0.0001"),
    ])
  func specParsing(text: String, expected: String) throws {
    #expect(try RegularizerCatalog.regularization(text).description == expected)
  }

  @Test("Unknown regularizer lists the valid names")
  func unknownRegularizer() {
    let error = #expect(throws: SpecError.self) { try RegularizerCatalog.regularization("l3:1") }
    #expect(error?.reason.contains("none, l1, l2, elastic-net") == true)
  }

  @Test(
    "Regularizer specs reject bad values",
    arguments: ["l2", "l2:-1", "l2:abc", "l1:1e-4,foo=2", "l2:1,convention=x"])
  func badSpecs(text: String) {
    #expect(throws: SpecError.self) { try RegularizerCatalog.regularization(text) }
  }

  @Test("Spec lists keep key-value arguments with their spec")
  func specLists() throws {
    let specs = try Spec.parseList("none,l1:1e-5,elastic-net:l1=1e-5,l2=1e-4,l2:1e-4,convention=half")
    #expect(
      specs.map(\.text) == ["none", "l1:1e-5", "elastic-net:l1=1e-5,l2=1e-4", "l2:1e-4,convention=half"])
  }
}
