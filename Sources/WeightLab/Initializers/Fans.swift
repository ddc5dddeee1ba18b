// Fans as the layer defines them. A layer derives its fan-in and fan-out from its semantics, so
// initializers never guess them from a tensor's shape.

/// The fan-in and fan-out of a parameter, as computed by the layer that owns it.
///
/// For a dense kernel `[out, in]`: `fanIn = in`, `fanOut = out`. For a convolution kernel
/// `[outChannels, inChannels / groups, kh, kw]`: `receptiveField = kh · kw`,
/// `fanIn = (inChannels / groups) · receptiveField` and `fanOut = outChannels · receptiveField`,
/// which matches PyTorch's convention for grouped convolutions.
public struct Fans: Equatable, Sendable {
  public var fanIn: Int
  public var fanOut: Int
  /// The number of spatial positions one kernel element covers (1 for dense layers).
  public var receptiveField: Int
  /// The number of convolution groups (1 for dense layers).
  public var groups: Int

  public init(fanIn: Int, fanOut: Int, receptiveField: Int = 1, groups: Int = 1) {
    precondition(fanIn >= 0 && fanOut >= 0, "fans must be non-negative, got in \(fanIn), out \(fanOut)")
    self.fanIn = fanIn
    self.fanOut = fanOut
    self.receptiveField = receptiveField
    self.groups = groups
  }

  /// The fans of a dense kernel of shape `[outFeatures, inFeatures]`.
  public static func dense(inFeatures: Int, outFeatures: Int) -> Fans {
    Fans(fanIn: inFeatures, fanOut: outFeatures)
  }

  /// The fan selected by `mode`.
  public func fan(_ mode: FanMode) -> Double {
    switch mode {
    case .fanIn: return Double(fanIn)
    case .fanOut: return Double(fanOut)
    case .fanAverage: return Double(fanIn + fanOut) / 2
    }
  }
}

/// The fan that a variance-scaling initializer divides by.
public enum FanMode: String, Sendable, CaseIterable {
  /// Preserves the variance of activations in the forward pass.
  case fanIn = "fan-in"
  /// Preserves the variance of gradients in the backward pass.
  case fanOut = "fan-out"
  /// The mean of the two, `(fanIn + fanOut) / 2` (Glorot's compromise).
  case fanAverage = "fan-avg"
}
