// Samplers for the distributions that initializers draw from. Each reads only from the generator it
// is given, so results replay exactly for a seeded stream.

import Foundation

extension RandomNumberGenerator {
  /// Returns a `Double` uniformly distributed on `[0, 1)` with 53 random bits.
  @inlinable
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Returns a `Double` uniformly distributed on the open interval `(0, 1)`.
  @inlinable
  public mutating func nextOpenUnitDouble() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// Returns a standard normal sample by the Box-Muller transform (one of the pair is discarded,
  /// so every call consumes exactly two 64-bit words and the stream position stays predictable).
  @inlinable
  public mutating func nextStandardNormal() -> Double {
    let u1 = nextOpenUnitDouble()
    let u2 = nextUnitDouble()
    return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }
}

/// Fills scalars with draws from simple distributions.
public enum Sampler {
  /// Fills `values` with draws from U(low, high), computed in Double and rounded to Float.
  ///
  /// Rounding can land a value on `high` when the interval is tiny relative to its endpoints; callers
  /// that need strict bounds must check.
  public static func fillUniform(
    _ values: inout [Float], low: Double, high: Double, using generator: inout some RandomNumberGenerator
  ) {
    precondition(low <= high, "uniform bounds are reversed: low \(low) > high \(high)")
    let width = high - low
    for index in values.indices {
      values[index] = Float(low + width * generator.nextUnitDouble())
    }
  }

  /// Fills `values` with draws from N(mean, std²).
  public static func fillNormal(
    _ values: inout [Float], mean: Double, std: Double, using generator: inout some RandomNumberGenerator
  ) {
    precondition(std >= 0, "normal standard deviation must be non-negative, got \(std)")
    for index in values.indices {
      values[index] = Float(mean + std * generator.nextStandardNormal())
    }
  }

  /// Fills `values` with draws from N(mean, std²) restricted to the open interval (low, high), by
  /// exact rejection: a draw outside the interval, or one that rounds to a bound in Float, is redrawn.
  ///
  /// When the interval holds little probability mass (under 0.3 of the normal's mass) the sampler
  /// proposes uniformly on the interval and accepts with the normal density ratio instead, so the
  /// expected number of draws stays bounded.
  public static func fillTruncatedNormal(
    _ values: inout [Float], mean: Double, std: Double, low: Double, high: Double,
    using generator: inout some RandomNumberGenerator
  ) {
    precondition(std > 0, "truncated normal standard deviation must be positive, got \(std)")
    precondition(low < high, "truncated normal bounds must satisfy low < high, got \(low), \(high)")
    let alpha = (low - mean) / std
    let beta = (high - mean) / std
    let mass = Statistics.normalCDF(beta) - Statistics.normalCDF(alpha)
    let lowFloat = Float(low)
    let highFloat = Float(high)
    // The mode of the truncated density on [alpha, beta], for the uniform-proposal branch.
    let peak = alpha > 0 ? alpha : (beta < 0 ? beta : 0)
    for index in values.indices {
      while true {
        let z: Double
        if mass > 0.3 {
          z = generator.nextStandardNormal()
          if z <= alpha || z >= beta { continue }
        } else {
          let candidate = alpha + (beta - alpha) * generator.nextOpenUnitDouble()
          let acceptance = Foundation.exp((peak * peak - candidate * candidate) / 2)
          if generator.nextUnitDouble() >= acceptance { continue }
          z = candidate
        }
        let value = Float(mean + std * z)
        if value > lowFloat && value < highFloat {
          values[index] = value
          break
        }
      }
    }
  }
}
