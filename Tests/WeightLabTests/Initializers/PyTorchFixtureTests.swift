// WeightLab's gains and bounds against values computed with PyTorch by
// scripts/fixtures/make_init_fixture.py (the JSON beside this file records the torch version).

import Foundation
import Testing
import WeightLab

/// The contents of Fixtures/init_formulas.json.
private struct InitFormulaFixture: Decodable {
  struct Gain: Decodable {
    var nonlinearity: String
    var param: Double?
    var gain: Double
  }

  struct Formula: Decodable {
    var fanIn: Int
    var fanOut: Int
    var xavierUniformBound: Double
    var xavierNormalStd: Double
    var kaimingUniformReluFanInBound: Double
    var kaimingNormalReluFanInStd: Double
    var kaimingNormalReluFanOutStd: Double
    var kaimingUniformLinearFanInBound: Double
    var torchDefaultBound: Double
  }

  var torch: String
  var gains: [Gain]
  var formulas: [Formula]

  static func load() throws -> InitFormulaFixture {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/init_formulas.json")
    return try JSONDecoder().decode(InitFormulaFixture.self, from: Data(contentsOf: url))
  }
}

@Suite("PyTorch formula fixture")
struct PyTorchFixtureTests {
  @Test("gains match calculate_gain")
  func gainsMatchCalculateGain() throws {
    let fixture = try InitFormulaFixture.load()

    #expect(fixture.gains.count == 7)
    for entry in fixture.gains {
      let gain = Activation.gain(
        named: entry.nonlinearity, slope: entry.param ?? Activation.defaultLeakyReLUSlope)
      expectClose(
        gain ?? .nan, entry.gain, relativeTolerance: 1e-15, "\(entry.nonlinearity) \(entry.param ?? 0)")
    }
  }

  @Test("bounds and stds match torch")
  func boundsAndStdsMatchTorch() throws {
    let fixture = try InitFormulaFixture.load()
    let relu = Activation.relu.gain

    #expect(fixture.formulas.count == 4)
    for row in fixture.formulas {
      let fans = Fans.dense(inFeatures: row.fanIn, outFeatures: row.fanOut)
      let label = "fanIn \(row.fanIn), fanOut \(row.fanOut)"
      let tolerance = 1e-14
      expectClose(
        XavierUniform().varianceScaling.uniformLimit(for: fans) ?? .nan, row.xavierUniformBound,
        relativeTolerance: tolerance, "xavier-uniform \(label)")
      expectClose(
        XavierNormal().varianceScaling.normalStd(for: fans) ?? .nan, row.xavierNormalStd,
        relativeTolerance: tolerance, "xavier-normal \(label)")
      expectClose(
        HeUniform(gain: relu).varianceScaling.uniformLimit(for: fans) ?? .nan,
        row.kaimingUniformReluFanInBound,
        relativeTolerance: tolerance, "he-uniform \(label)")
      expectClose(
        HeNormal(gain: relu).varianceScaling.normalStd(for: fans) ?? .nan, row.kaimingNormalReluFanInStd,
        relativeTolerance: tolerance, "he-normal fan-in \(label)")
      expectClose(
        HeNormal(gain: relu, mode: .fanOut).varianceScaling.normalStd(for: fans) ?? .nan,
        row.kaimingNormalReluFanOutStd, relativeTolerance: tolerance, "he-normal fan-out \(label)")
      expectClose(
        LeCunUniform().varianceScaling.uniformLimit(for: fans) ?? .nan, row.kaimingUniformLinearFanInBound,
        relativeTolerance: tolerance, "lecun-uniform \(label)")
      expectClose(
        TorchDefault().varianceScaling.uniformLimit(for: fans) ?? .nan, row.torchDefaultBound,
        relativeTolerance: tolerance, "torch-default \(label)")
    }
  }

  @Test("xavier bound example is 0.125")
  func xavierBoundExample() {
    let fans = Fans.dense(inFeatures: 256, outFeatures: 128)

    #expect(XavierUniform().varianceScaling.uniformLimit(for: fans) == 0.125)
  }
}
