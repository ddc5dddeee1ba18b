// Statistics in Double precision: moments, the normal distribution's CDF, and the one-sample
// Kolmogorov-Smirnov statistic used by the initializer tests.

import Foundation

/// Statistical helpers that accumulate in Double.
public enum Statistics {
  /// The arithmetic mean; 0 for an empty collection.
  public static func mean<C: Collection>(_ values: C) -> Double where C.Element == Float {
    guard !values.isEmpty else { return 0 }
    var sum = 0.0
    for value in values { sum += Double(value) }
    return sum / Double(values.count)
  }

  /// The population standard deviation (divides by `n`); 0 for fewer than two values.
  public static func standardDeviation<C: Collection>(_ values: C) -> Double where C.Element == Float {
    guard values.count > 1 else { return 0 }
    let center = mean(values)
    var sum = 0.0
    for value in values {
      let deviation = Double(value) - center
      sum += deviation * deviation
    }
    return (sum / Double(values.count)).squareRoot()
  }

  /// The mean and the sample standard deviation (divides by `n - 1`) of Double values.
  public static func meanAndSampleStd(_ values: [Double]) -> (mean: Double, std: Double) {
    guard !values.isEmpty else { return (0, 0) }
    let center = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return (center, 0) }
    let squares = values.reduce(0) { $0 + ($1 - center) * ($1 - center) }
    return (center, (squares / Double(values.count - 1)).squareRoot())
  }

  /// The standard normal cumulative distribution function Φ(x) = (1 + erf(x / √2)) / 2.
  public static func normalCDF(_ x: Double) -> Double {
    0.5 * (1 + erf(x / 2.0.squareRoot()))
  }

  /// The one-sample Kolmogorov-Smirnov statistic D = sup |F_n(x) − F(x)| against `cdf`.
  public static func kolmogorovSmirnov(_ values: [Float], cdf: (Double) -> Double) -> Double {
    let sorted = values.map(Double.init).sorted()
    let n = Double(sorted.count)
    var statistic = 0.0
    for (index, value) in sorted.enumerated() {
      let expected = cdf(value)
      statistic = max(statistic, Double(index + 1) / n - expected, expected - Double(index) / n)
    }
    return statistic
  }

  /// The asymptotic critical value of the KS statistic at significance level `alpha`:
  /// c(α) / √n with c(α) = √(−ln(α / 2) / 2), e.g. 1.358 / √n at α = 0.05.
  public static func kolmogorovSmirnovCriticalValue(sampleSize: Int, alpha: Double) -> Double {
    (-Foundation.log(alpha / 2) / 2).squareRoot() / Double(sampleSize).squareRoot()
  }
}
