// Each random initializer drawn for a [512, 784] dense kernel matches the distribution its formula
// promises: mean, std, support and a Kolmogorov-Smirnov test.

import Foundation
import Testing
import WeightLab
import WeightLabCore

/// One random initializer and the distribution worked out from its formula for fanIn 784, fanOut 512.
struct DistributionCase: Sendable, CustomTestStringConvertible {
  static let fanIn = 784.0
  static let fanOut = 512.0
  static let fanAverage = (fanIn + fanOut) / 2
  /// The std of a unit normal truncated to [-2, 2], by integration rather than from the library.
  static let unitStdAtTwoSigmas =
    IntendedDistribution.truncatedNormal(mean: 0, sigma: 1, low: -2, high: 2).moments.variance.squareRoot()

  var name: String
  var initializer: any Initializer
  var intended: IntendedDistribution

  var testDescription: String { name }

  static let all: [DistributionCase] = {
    let xavierUniformBound = (6 / (fanIn + fanOut)).squareRoot()
    let heUniformBound = 3.0.squareRoot() * 2.0.squareRoot() / fanIn.squareRoot()
    let kerasHeSigma = (2 / fanAverage).squareRoot() / unitStdAtTwoSigmas
    let preservedSigma = 0.05 / unitStdAtTwoSigmas
    return [
      DistributionCase(
        name: "uniform limit", initializer: RandomUniform(limit: 0.05),
        intended: .uniform(low: -0.05, high: 0.05)),
      DistributionCase(
        name: "uniform low high", initializer: RandomUniform(low: -0.1, high: 0.3),
        intended: .uniform(low: -0.1, high: 0.3)),
      DistributionCase(
        name: "normal", initializer: RandomNormal(std: 0.05), intended: .normal(mean: 0, std: 0.05)),
      DistributionCase(
        name: "normal with mean", initializer: RandomNormal(mean: 0.5, std: 0.2),
        intended: .normal(mean: 0.5, std: 0.2)
      ),
      DistributionCase(
        name: "truncated normal in sigmas", initializer: TruncatedNormal(std: 0.05, bound: .sigmas(2)),
        intended: .truncatedNormal(mean: 0, sigma: 0.05, low: -0.1, high: 0.1)),
      DistributionCase(
        name: "truncated normal preserving variance",
        initializer: TruncatedNormal(std: 0.05, bound: .sigmas(2), preserveVariance: true),
        intended: .truncatedNormal(
          mean: 0, sigma: preservedSigma, low: -2 * preservedSigma, high: 2 * preservedSigma)),
      DistributionCase(
        name: "truncated normal absolute",
        initializer: TruncatedNormal(mean: 0.01, std: 0.05, bound: .absolute(low: -0.05, high: 0.1)),
        intended: .truncatedNormal(mean: 0.01, sigma: 0.05, low: -0.05, high: 0.1)),
      DistributionCase(
        name: "xavier uniform", initializer: XavierUniform(),
        intended: .uniform(low: -xavierUniformBound, high: xavierUniformBound)),
      DistributionCase(
        name: "xavier normal gain 2", initializer: XavierNormal(gain: 2),
        intended: .normal(mean: 0, std: 2 * (2 / (fanIn + fanOut)).squareRoot())),
      DistributionCase(
        name: "he uniform relu", initializer: HeUniform(gain: Activation.relu.gain),
        intended: .uniform(low: -heUniformBound, high: heUniformBound)),
      DistributionCase(
        name: "he normal relu fan-out", initializer: HeNormal(gain: Activation.relu.gain, mode: .fanOut),
        intended: .normal(mean: 0, std: 2.0.squareRoot() / fanOut.squareRoot())),
      DistributionCase(
        name: "he normal tanh", initializer: HeNormal(gain: Activation.tanh.gain),
        intended: .normal(mean: 0, std: (5.0 / 3.0) / fanIn.squareRoot())),
      DistributionCase(
        name: "lecun uniform", initializer: LeCunUniform(),
        intended: .uniform(low: -(3 / fanIn).squareRoot(), high: (3 / fanIn).squareRoot())),
      DistributionCase(
        name: "lecun normal", initializer: LeCunNormal(),
        intended: .normal(mean: 0, std: 1 / fanIn.squareRoot())),
      DistributionCase(
        name: "variance scaling truncated fan-avg",
        initializer: VarianceScaling(scale: 2, mode: .fanAverage, distribution: .truncatedNormal),
        intended: .truncatedNormal(
          mean: 0, sigma: kerasHeSigma, low: -2 * kerasHeSigma, high: 2 * kerasHeSigma)),
      DistributionCase(
        name: "variance scaling untruncated fan-out",
        initializer: VarianceScaling(scale: 1, mode: .fanOut, distribution: .untruncatedNormal),
        intended: .normal(mean: 0, std: (1 / fanOut).squareRoot())),
      DistributionCase(
        name: "variance scaling uniform fan-in",
        initializer: VarianceScaling(scale: 3, mode: .fanIn, distribution: .uniform),
        intended: .uniform(low: -(9 / fanIn).squareRoot(), high: (9 / fanIn).squareRoot())),
      DistributionCase(
        name: "torch default", initializer: TorchDefault(),
        intended: .uniform(low: -1 / fanIn.squareRoot(), high: 1 / fanIn.squareRoot())),
    ]
  }()
}

@Suite("Random initializer distributions")
struct RandomInitializerTests {
  @Test("moments, support and KS", arguments: DistributionCase.all)
  func matchesIntendedDistribution(_ testCase: DistributionCase) {
    let kernel = drawDense(
      testCase.initializer, inFeatures: Int(DistributionCase.fanIn), outFeatures: Int(DistributionCase.fanOut)
    )

    #expect(kernel.shape == [512, 784])
    expectMoments(kernel.scalars, match: testCase.intended)
    expectWithinSupport(kernel.scalars, testCase.intended)
    expectKolmogorovSmirnovAccepts(kernel.scalars, testCase.intended)
  }
}
