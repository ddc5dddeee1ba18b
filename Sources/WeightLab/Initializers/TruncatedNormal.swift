// A normal distribution restricted to an interval, with bounds in explicit units and an option to
// rescale so that the truncated values have the requested std.

import Foundation
import WeightLabCore

/// Draws from N(mean, σ²) restricted to the open interval (low, high), by exact rejection.
///
/// ```
/// bound .sigmas(k):            (low, high) = (mean - k·σ, mean + k·σ)
/// bound .absolute(low, high):  (low, high) as given
/// preserveVariance false:      σ = std             (Keras TruncatedNormal, JAX, PyTorch trunc_normal_)
/// preserveVariance true:       σ such that the truncated values have std `std`
/// ```
///
/// The systems this library is compared with disagree on what a truncated normal's arguments mean:
/// PyTorch `trunc_normal_(mean, std, a, b)` takes absolute bounds a = -2, b = 2; Keras cuts at 2 std
/// of the mean; JAX takes bounds in std units. None of them rescales σ except inside variance
/// scaling. So the units are part of the value here, and neither default silently applies.
///
/// With `.sigmas(k)` and `preserveVariance`, σ = std / c(k) where
/// c(k) = sqrt(1 - 2·k·φ(k) / (2·Φ(k) - 1)) is the std of a unit normal truncated to [-k, k]; the
/// bounds move out with σ. With `.absolute` bounds, σ is found by bisection, which needs the mean
/// inside the interval and `std` below the std of the uniform on it, (high - low) / sqrt(12).
///
/// No value ever equals a bound, even after rounding to Float: the sampler redraws those.
public struct TruncatedNormal: Initializer, Equatable {
  /// The cut points of the distribution, with their units.
  public enum Bound: Equatable, Sendable {
    /// `k` standard deviations σ of the untruncated normal on each side of the mean; `k > 0`.
    case sigmas(Double)
    /// Absolute values, whatever the mean and std.
    case absolute(low: Double, high: Double)
  }

  public var mean: Double
  /// The requested std: of the untruncated normal, or of the truncated values when `preserveVariance`.
  public var std: Double
  public var bound: Bound
  public var preserveVariance: Bool
  /// The std σ of the normal before truncation.
  public let normalStd: Double

  /// Creates a truncated normal; `preTruncationStd(mean:std:bound:preserveVariance:)` must not be nil.
  public init(mean: Double = 0, std: Double, bound: Bound = .sigmas(2), preserveVariance: Bool = false) {
    guard
      let normalStd = Self.preTruncationStd(
        mean: mean, std: std, bound: bound, preserveVariance: preserveVariance)
    else {
      preconditionFailure(
        "truncated normal with mean \(mean), std \(std), bound \(bound), preserveVariance \(preserveVariance) "
          + "has no valid pre-truncation std or no Float value inside its bounds")
    }
    self.mean = mean
    self.std = std
    self.bound = bound
    self.preserveVariance = preserveVariance
    self.normalStd = normalStd
  }

  /// The open interval the values lie in.
  public var interval: (low: Double, high: Double) {
    switch bound {
    case .sigmas(let k): return (mean - k * normalStd, mean + k * normalStd)
    case .absolute(let low, let high): return (low, high)
    }
  }

  /// Returns σ, the std of the normal before truncation, or nil when the arguments admit none: a
  /// non-positive std or k, reversed bounds, an interval without a Float strictly inside, or (with
  /// `preserveVariance` and absolute bounds) a mean outside the interval or a std the interval
  /// cannot reach.
  public static func preTruncationStd(mean: Double, std: Double, bound: Bound, preserveVariance: Bool)
    -> Double?
  {
    guard mean.isFinite, std.isFinite, std > 0 else { return nil }

    let sigma: Double
    let low: Double
    let high: Double
    switch bound {
    case .sigmas(let k):
      guard k.isFinite, k > 0 else { return nil }
      sigma = preserveVariance ? std / truncatedStdRatio(alpha: -k, beta: k) : std
      (low, high) = (mean - k * sigma, mean + k * sigma)
    case .absolute(let lowBound, let highBound):
      guard lowBound.isFinite, highBound.isFinite, lowBound < highBound else { return nil }
      (low, high) = (lowBound, highBound)
      if preserveVariance {
        guard let solved = solveNormalStd(truncatedStd: std, mean: mean, low: low, high: high) else {
          return nil
        }
        sigma = solved
      } else {
        sigma = std
      }
    }

    // The sampler keeps only Float values strictly inside the bounds, so one must exist.
    guard Float(low).nextUp < Float(high) else { return nil }
    return sigma
  }

  /// Returns the std of N(0, 1) restricted to [alpha, beta], by the standard moment formula
  /// Var = 1 + (α·φ(α) - β·φ(β)) / Z - ((φ(α) - φ(β)) / Z)², Z = Φ(β) - Φ(α).
  static func truncatedStdRatio(alpha: Double, beta: Double) -> Double {
    let density = { (x: Double) in Foundation.exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    let mass = Statistics.normalCDF(beta) - Statistics.normalCDF(alpha)
    let first = (alpha * density(alpha) - beta * density(beta)) / mass
    let shift = (density(alpha) - density(beta)) / mass
    return max(0, 1 + first - shift * shift).squareRoot()
  }

  /// Finds σ so that N(mean, σ²) restricted to [low, high] has std `truncatedStd`, by bisection on
  /// log σ. The truncated std is below σ and increases with σ towards the uniform's
  /// (high - low) / sqrt(12), so the root lies between `truncatedStd` and a large multiple of the width.
  static func solveNormalStd(truncatedStd: Double, mean: Double, low: Double, high: Double) -> Double? {
    guard mean > low, mean < high else { return nil }
    let truncated = { (sigma: Double) in
      sigma * truncatedStdRatio(alpha: (low - mean) / sigma, beta: (high - mean) / sigma)
    }

    // Beyond σ = 1000·width the ratio loses precision to cancellation; the truncated std there is
    // within about 1e-6 of the uniform's, so a larger target is out of reach.
    var lower = truncatedStd
    var upper = 1000 * (high - low)
    guard truncatedStd < truncated(upper) else { return nil }
    for _ in 0..<200 {
      let middle = (lower * upper).squareRoot()
      if truncated(middle) < truncatedStd { lower = middle } else { upper = middle }
      if upper / lower < 1 + 1e-14 { break }
    }
    return (lower * upper).squareRoot()
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    var values = [Float](repeating: 0, count: shape.reduce(1, *))
    let (low, high) = interval
    Sampler.fillTruncatedNormal(&values, mean: mean, std: normalStd, low: low, high: high, using: &stream)
    return Tensor(shape: shape, scalars: values)
  }

  public var description: String {
    var text = "truncated-normal:std=\(formatArgument(std)),mean=\(formatArgument(mean))"
    switch bound {
    case .sigmas(let k): text += ",bound=\(formatArgument(k)),units=sigmas"
    case .absolute(let low, let high):
      text += ",units=absolute,low=\(formatArgument(low)),high=\(formatArgument(high))"
    }
    if preserveVariance { text += ",preserve-variance=true" }
    return text
  }
}
