// Variance scaling: the std and limit follow scale / max(1, fan) for each fan mode, and the
// truncation constant matches an independent integral.

import Foundation
import Testing
import WeightLab
import WeightLabCore

@Suite("Variance scaling")
struct VarianceScalingTests {
  /// (fans, mode, fan the formula divides by): dense, convolution and grouped-convolution fans.
  static let fanCases: [(Fans, FanMode, Double)] = [
    (.dense(inFeatures: 784, outFeatures: 512), .fanIn, 784),
    (.dense(inFeatures: 784, outFeatures: 512), .fanOut, 512),
    (.dense(inFeatures: 784, outFeatures: 512), .fanAverage, 648),
    (Fans(fanIn: 288, fanOut: 576, receptiveField: 9), .fanIn, 288),
    (Fans(fanIn: 288, fanOut: 576, receptiveField: 9), .fanOut, 576),
    (Fans(fanIn: 288, fanOut: 576, receptiveField: 9), .fanAverage, 432),
    (Fans(fanIn: 9, fanOut: 36, receptiveField: 9, groups: 4), .fanIn, 9),
  ]

  @Test("std and limit per fan mode", arguments: 0..<fanCases.count)
  func stdFollowsFanMode(_ index: Int) {
    let (fans, mode, fan) = Self.fanCases[index]
    let scale = 2.0

    let normal = VarianceScaling(scale: scale, mode: mode, distribution: .untruncatedNormal)
    let uniform = VarianceScaling(scale: scale, mode: mode, distribution: .uniform)
    let truncated = VarianceScaling(scale: scale, mode: mode, distribution: .truncatedNormal)

    expectClose(normal.normalStd(for: fans) ?? .nan, (scale / fan).squareRoot(), relativeTolerance: 1e-15)
    expectClose(
      uniform.uniformLimit(for: fans) ?? .nan, (3 * scale / fan).squareRoot(), relativeTolerance: 1e-15)
    expectClose(
      truncated.normalStd(for: fans) ?? .nan, (scale / fan).squareRoot() / 0.87962566103423978,
      relativeTolerance: 1e-15)
    #expect(uniform.normalStd(for: fans) == nil)
    #expect(normal.uniformLimit(for: fans) == nil)
  }

  @Test("fan modes change the drawn std")
  func fanModesChangeDrawnStd() {
    // fanIn 1000 and fanOut 250: the std ratio fan-out / fan-in is 2; each sample std has a relative
    // SE of 1/sqrt(2 · 250,000) ≈ 0.0014, so 1% separates the ratios by 7 SE.
    let fans = Fans.dense(inFeatures: 1000, outFeatures: 250)
    var stds: [FanMode: Double] = [:]
    for mode in FanMode.allCases {
      var stream = RandomStream(seed: 11, name: "kernel")
      let initializer = VarianceScaling(scale: 1, mode: mode, distribution: .untruncatedNormal)
      let values = initializer.makeValues(shape: [250, 1000], fans: fans, using: &stream)
      stds[mode] = Statistics.standardDeviation(values.scalars)
    }

    expectClose(stds[.fanIn] ?? .nan, (1 / 1000.0).squareRoot(), relativeTolerance: 0.01)
    expectClose(stds[.fanOut] ?? .nan, (1 / 250.0).squareRoot(), relativeTolerance: 0.01)
    expectClose(stds[.fanAverage] ?? .nan, (1 / 625.0).squareRoot(), relativeTolerance: 0.01)
  }

  @Test("zero fan divides by one")
  func zeroFanIsGuarded() {
    let fans = Fans(fanIn: 0, fanOut: 0)
    let initializer = VarianceScaling(scale: 4, mode: .fanIn, distribution: .untruncatedNormal)

    #expect(initializer.targetStd(for: fans) == 2)
  }

  @Test("truncation constant matches integral")
  func truncationConstantMatchesIntegral() {
    // Var of N(0, 1) on [-2, 2] = ∫ z² φ(z) dz / ∫ φ(z) dz; Simpson with 20,000 intervals is exact
    // to about 1e-15 for this smooth integrand.
    let density = { (z: Double) in exp(-z * z / 2) }
    let variance = integrateSimpson({ $0 * $0 * density($0) }, -2, 2) / integrateSimpson(density, -2, 2)

    expectClose(VarianceScaling.truncatedUnitNormalStd, variance.squareRoot(), relativeTolerance: 1e-13)
  }

  @Test("truncated draws stay inside two sigmas")
  func truncatedDrawsStayInsideTwoSigmas() {
    let initializer = VarianceScaling(scale: 1, mode: .fanIn, distribution: .truncatedNormal)
    let kernel = drawDense(initializer, inFeatures: 100, outFeatures: 400)
    let bound = Float(2 * (1 / 100.0).squareRoot() / 0.87962566103423978)

    #expect(kernel.scalars.allSatisfy { abs($0) < bound })
  }

  @Test("presets equal their variance scaling")
  func presetsEqualVarianceScaling() {
    #expect(
      XavierUniform(gain: 3).varianceScaling
        == VarianceScaling(scale: 9, mode: .fanAverage, distribution: .uniform))
    #expect(
      XavierNormal().varianceScaling
        == VarianceScaling(scale: 1, mode: .fanAverage, distribution: .untruncatedNormal))
    #expect(
      HeUniform(gain: 2, mode: .fanOut).varianceScaling
        == VarianceScaling(scale: 4, mode: .fanOut, distribution: .uniform))
    #expect(
      HeNormal(gain: 2).varianceScaling
        == VarianceScaling(scale: 4, mode: .fanIn, distribution: .untruncatedNormal))
    #expect(LeCunUniform().varianceScaling == VarianceScaling(scale: 1, mode: .fanIn, distribution: .uniform))
    #expect(
      LeCunNormal().varianceScaling
        == VarianceScaling(scale: 1, mode: .fanIn, distribution: .untruncatedNormal))
  }

  @Test("torch default bias uses layer fan-in")
  func torchDefaultBiasUsesLayerFanIn() {
    let fans = Fans.dense(inFeatures: 16, outFeatures: 4000)
    var stream = RandomStream(seed: 3, name: "dense.bias")
    let bias = TorchDefault().makeValues(shape: [4000], fans: fans, using: &stream)

    // U(-1/4, 1/4) for fanIn 16: within the bound, and 4000 draws reach past 0.24 almost surely.
    #expect(bias.scalars.allSatisfy { abs($0) <= 0.25 })
    #expect(bias.scalars.map { abs($0) }.max() ?? 0 > 0.24)
  }

  @Test("torch default zero fan-in gives zeros")
  func torchDefaultZeroFanInGivesZeros() {
    var stream = RandomStream(seed: 3, name: "dense.bias")
    let bias = TorchDefault().makeValues(shape: [5], fans: Fans(fanIn: 0, fanOut: 5), using: &stream)

    #expect(bias.scalars == [0, 0, 0, 0, 0])
  }
}
