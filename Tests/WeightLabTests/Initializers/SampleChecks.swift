// Shared statistical checks for the initializer tests: the intended distribution of a draw, its
// moments worked out independently of the code under test, and moment, bound and KS checks.

import Foundation
import Testing
import WeightLab
import WeightLabCore

/// The distribution an initializer promises, written out from its formula in the test.
enum IntendedDistribution: Sendable {
  case normal(mean: Double, std: Double)
  case uniform(low: Double, high: Double)
  /// N(mean, σ²) restricted to the open interval (low, high).
  case truncatedNormal(mean: Double, sigma: Double, low: Double, high: Double)

  /// The mean, variance and fourth central moment, by closed forms for the normal and uniform and by
  /// composite Simpson integration of the density for the truncated normal.
  var moments: (mean: Double, variance: Double, fourthCentral: Double) {
    switch self {
    case .normal(let mean, let std):
      return (mean, std * std, 3 * pow(std, 4))
    case .uniform(let low, let high):
      let variance = (high - low) * (high - low) / 12
      return ((low + high) / 2, variance, 9 * variance * variance / 5)
    case .truncatedNormal(let mean, let sigma, let low, let high):
      let density = { (x: Double) in exp(-(x - mean) * (x - mean) / (2 * sigma * sigma)) }
      let mass = integrateSimpson(density, low, high)
      let center = integrateSimpson({ x in x * density(x) }, low, high) / mass
      let variance = integrateSimpson({ x in pow(x - center, 2) * density(x) }, low, high) / mass
      let fourth = integrateSimpson({ x in pow(x - center, 4) * density(x) }, low, high) / mass
      return (center, variance, fourth)
    }
  }

  /// The cumulative distribution function.
  func cdf(_ x: Double) -> Double {
    switch self {
    case .normal(let mean, let std):
      return Statistics.normalCDF((x - mean) / std)
    case .uniform(let low, let high):
      return min(1, max(0, (x - low) / (high - low)))
    case .truncatedNormal(let mean, let sigma, let low, let high):
      let lower = Statistics.normalCDF((low - mean) / sigma)
      let upper = Statistics.normalCDF((high - mean) / sigma)
      let clamped = min(high, max(low, x))
      return (Statistics.normalCDF((clamped - mean) / sigma) - lower) / (upper - lower)
    }
  }
}

/// Composite Simpson's rule with 20,000 intervals on [a, b]; smooth integrands here, so the error is
/// far below the statistical bands.
func integrateSimpson(_ f: (Double) -> Double, _ a: Double, _ b: Double, intervals: Int = 20_000) -> Double {
  let h = (b - a) / Double(intervals)
  var sum = f(a) + f(b)
  for index in 1..<intervals {
    sum += f(a + Double(index) * h) * (index % 2 == 0 ? 2 : 4)
  }
  return sum * h / 3
}

/// Draws `initializer` for a dense kernel `[outFeatures, inFeatures]` from the stream `(seed, path)`.
func drawDense(
  _ initializer: any Initializer, inFeatures: Int, outFeatures: Int, seed: UInt64 = 7,
  path: String = "dense.weight"
) -> Tensor {
  var stream = RandomStream(seed: seed, name: path)
  return initializer.makeValues(
    shape: [outFeatures, inFeatures], fans: .dense(inFeatures: inFeatures, outFeatures: outFeatures),
    using: &stream)
}

/// Checks the sample mean and std of `values` against `intended`, each within 4 standard errors.
///
/// The SE of the mean is σ/√n. The SE of the sample std is √(μ₄ − σ⁴) / (2σ√n) by the delta method,
/// which is σ/√(2n) for normal data and σ/√(5n) for the uniform. Four SEs give a false failure
/// probability below 1e-4 per check.
func expectMoments(
  _ values: [Float], match intended: IntendedDistribution, sourceLocation: SourceLocation = #_sourceLocation
) {
  let n = Double(values.count)
  let (mean, variance, fourth) = intended.moments
  let std = variance.squareRoot()
  let meanBand = 4 * std / n.squareRoot()
  let stdBand = 4 * (fourth - variance * variance).squareRoot() / (2 * std * n.squareRoot())

  let sampleMean = Statistics.mean(values)
  let sampleStd = Statistics.standardDeviation(values)
  #expect(
    abs(sampleMean - mean) <= meanBand, "sample mean \(sampleMean), expected \(mean) ± \(meanBand)",
    sourceLocation: sourceLocation)
  #expect(
    abs(sampleStd - std) <= stdBand, "sample std \(sampleStd), expected \(std) ± \(stdBand)",
    sourceLocation: sourceLocation)
}

/// Checks that a Kolmogorov-Smirnov test does not reject `intended` at α = 0.001.
func expectKolmogorovSmirnovAccepts(
  _ values: [Float], _ intended: IntendedDistribution, sourceLocation: SourceLocation = #_sourceLocation
) {
  let statistic = Statistics.kolmogorovSmirnov(values, cdf: intended.cdf)
  let critical = Statistics.kolmogorovSmirnovCriticalValue(sampleSize: values.count, alpha: 0.001)
  #expect(
    statistic < critical, "KS statistic \(statistic) >= critical value \(critical)",
    sourceLocation: sourceLocation)
}

/// Checks that every value lies inside the support of `intended`: [low, high] for the uniform after
/// rounding the bounds to Float, and strictly inside (low, high) for the truncated normal.
func expectWithinSupport(
  _ values: [Float], _ intended: IntendedDistribution, sourceLocation: SourceLocation = #_sourceLocation
) {
  switch intended {
  case .normal:
    return
  case .uniform(let low, let high):
    let outside = values.filter { $0 < Float(low) || $0 > Float(high) }.count
    #expect(
      outside == 0, "\(outside) values outside [\(low), \(high)]", sourceLocation: sourceLocation)
  case .truncatedNormal(_, _, let low, let high):
    let outside = values.filter { $0 <= Float(low) || $0 >= Float(high) }.count
    #expect(
      outside == 0, "\(outside) values at or beyond (\(low), \(high))",
      sourceLocation: sourceLocation)
  }
}
