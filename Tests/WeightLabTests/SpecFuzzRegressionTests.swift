// Spec strings that the spec fuzzer (Fuzz/spec) found to trap or to draw non-finite weights,
// kept as regression tests. Each case states what it triggered before the fix.

import Testing
import WeightLab
import WeightLabCore

@Suite struct SpecFuzzRegressionTests {
  /// `identity:gain=relu` as a bias initializer passed the spec checks, then `Identity.makeValues`
  /// hit its precondition on the bias's one-dimensional shape. Orthogonal and sparse did the same.
  @Test(arguments: ["identity:gain=relu", "orthogonal", "sparse:0.5"])
  func matrixOnlyBiasIsRejected(text: String) throws {
    let spec = try Spec(parsing: text)

    #expect(throws: SpecError.self) {
      try InitializerCatalog.makeBias(spec, activation: .relu)
    }
  }

  /// Arguments beyond Float32's range were accepted and drew infinite weights:
  /// `uniform:low=-1e308,high=1e308` made the interval's width overflow to infinity.
  @Test(arguments: ["uniform:low=-1e308,high=1e308", "uniform:1e39", "constant:1e39", "normal:std=3e38"])
  func argumentBeyondFloatRangeIsRejected(text: String) throws {
    let spec = try Spec(parsing: text)

    #expect(throws: SpecError.self) {
      try InitializerCatalog.make(spec, activation: .relu)
    }
  }

  /// At the largest accepted magnitude, 2.1e37, normal draws stay finite: mean + 8.66 · std < 3.4e38.
  @Test func largestAcceptedStdDrawsFiniteValues() throws {
    let initialization = try InitializerCatalog.make(
      Spec(parsing: "normal:mean=2.1e37,std=2.1e37"), activation: .relu)
    var stream = RandomStream(seed: 5, name: "dense1.weight")

    let values = initialization.weight.makeValues(
      shape: [64, 64], fans: .dense(inFeatures: 64, outFeatures: 64), using: &stream)

    #expect(values.scalars.allSatisfy { $0.isFinite })
  }
}
