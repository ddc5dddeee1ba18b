// The general variance-scaling initializer. Glorot/Xavier, He/Kaiming, LeCun and PyTorch's default
// layer initialization are presets of it that fix only its constants.

import WeightLabCore

/// Draws weights with variance `scale / n`, where `n` is the fan that `mode` selects.
///
/// ```
/// n = max(1, fan(mode))            fan-in, fan-out, or fan-avg = (fanIn + fanOut) / 2
/// truncatedNormal:   std = sqrt(scale / n) / 0.87962566103423978, cut at ±2·std around 0
/// untruncatedNormal: std = sqrt(scale / n)
/// uniform:           U(-limit, limit), limit = sqrt(3 · scale / n)
/// ```
///
/// Every distribution has mean 0 and variance `scale / n`; the truncated normal reaches it by
/// widening its pre-truncation std by `1 / truncatedUnitNormalStd`. The fans come from the layer
/// (`Fans`), never from the tensor's shape. The `max(1, ·)` guard follows Keras: a zero fan (an
/// empty layer) divides by 1 instead of 0, so the result stays finite. PyTorch has no guard and
/// skips a zero-element tensor instead.
///
/// Source: Keras `VarianceScaling` and JAX `variance_scaling`, which define the same three modes and
/// distributions. The idea of scaling by the fan is from Glorot and Bengio (2010) and He et al. (2015).
public struct VarianceScaling: Initializer, Equatable {
  /// The distribution that a variance-scaling initializer draws from.
  public enum Distribution: String, Sendable, CaseIterable {
    /// A normal truncated at ±2 of its own std and rescaled to keep the variance `scale / n`.
    case truncatedNormal = "truncated-normal"
    /// A plain normal with std `sqrt(scale / n)`.
    case untruncatedNormal = "untruncated-normal"
    /// A uniform on `[-limit, limit]` with `limit = sqrt(3 · scale / n)`.
    case uniform
  }

  /// The standard deviation of a unit normal truncated to [-2, 2].
  ///
  /// For Z ~ N(0, 1) restricted to [-k, k], Var = 1 - 2·k·φ(k) / (2·Φ(k) - 1), where φ and Φ are the
  /// standard normal density and CDF. With k = 2, φ(2) = 0.0539909665 and 2·Φ(2) - 1 = 0.9544997361,
  /// so Var = 0.7737413 and the std is 0.87962566103423978 (the value Keras and JAX hard-code).
  public static let truncatedUnitNormalStd = 0.87962566103423978

  /// The bound of the truncated distribution, in units of its pre-truncation std.
  public static let truncationSigmas = 2.0

  /// The target variance multiplier; must be positive.
  public var scale: Double
  /// The fan that divides `scale`.
  public var mode: FanMode
  public var distribution: Distribution

  public init(scale: Double, mode: FanMode, distribution: Distribution) {
    precondition(scale > 0 && scale.isFinite, "variance scaling needs a finite scale > 0, got \(scale)")
    self.scale = scale
    self.mode = mode
    self.distribution = distribution
  }

  /// Returns the target standard deviation `sqrt(scale / max(1, fan))` for a layer with `fans`.
  public func targetStd(for fans: Fans) -> Double {
    (scale / max(1, fans.fan(mode))).squareRoot()
  }

  /// Returns the std of the normal before truncation, or nil for the uniform.
  public func normalStd(for fans: Fans) -> Double? {
    switch distribution {
    case .truncatedNormal: return targetStd(for: fans) / Self.truncatedUnitNormalStd
    case .untruncatedNormal: return targetStd(for: fans)
    case .uniform: return nil
    }
  }

  /// Returns the uniform's limit `sqrt(3 · scale / max(1, fan))`, or nil for the normal distributions.
  public func uniformLimit(for fans: Fans) -> Double? {
    distribution == .uniform ? limit(for: fans) : nil
  }

  /// Computes `sqrt(3 · scale / n)` in one square root, so that exact cases such as the Xavier bound
  /// 0.125 for fans (256, 128) come out exact.
  private func limit(for fans: Fans) -> Double {
    (3 * scale / max(1, fans.fan(mode))).squareRoot()
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    var values = [Float](repeating: 0, count: shape.reduce(1, *))
    switch distribution {
    case .truncatedNormal:
      let std = targetStd(for: fans) / Self.truncatedUnitNormalStd
      let bound = Self.truncationSigmas * std
      Sampler.fillTruncatedNormal(&values, mean: 0, std: std, low: -bound, high: bound, using: &stream)
    case .untruncatedNormal:
      Sampler.fillNormal(&values, mean: 0, std: targetStd(for: fans), using: &stream)
    case .uniform:
      let bound = limit(for: fans)
      Sampler.fillUniform(&values, low: -bound, high: bound, using: &stream)
    }
    return Tensor(shape: shape, scalars: values)
  }

  public var description: String {
    "variance-scaling:scale=\(formatArgument(scale)),mode=\(mode.rawValue),distribution=\(distribution.rawValue)"
  }
}

/// Formats a Double argument for a spec string: integers without a fraction, others in full.
func formatArgument(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
  return String(value)
}
