// The verdict on one initializer's signal profile: vanishing, exploding or healthy, from the
// ratio of the deepest hidden layer's activation std to the first's, with the thresholds stated.

import Foundation

/// Thresholds that turn a measured profile into a verdict.
public struct ProbeThresholds: Sendable, Codable, Equatable {
  /// Below this ratio of last-hidden to first-hidden activation std, the signal is vanishing.
  public var vanishingRatio: Double
  /// Above this ratio, the signal is exploding.
  public var explodingRatio: Double
  /// A layer with more dead ReLU units than this fraction is flagged.
  public var deadFraction: Double
  /// A layer with more saturated tanh or sigmoid outputs than this fraction is flagged.
  public var saturatedFraction: Double

  /// A tenfold change in either direction: a factor a reader sees at once on a log scale, and
  /// one that a healthy scheme stays far inside (He with ReLU keeps the ratio near 1 at any depth).
  public static let standard = ProbeThresholds(
    vanishingRatio: 0.1, explodingRatio: 10, deadFraction: 0.5, saturatedFraction: 0.5)

  /// The thresholds as one sentence, printed under the probe's table.
  public var description: String {
    "vanishing when the last hidden layer's activation std is below \(vanishingRatio) × the first hidden "
      + "layer's, exploding when above \(explodingRatio) ×, healthy otherwise; a layer is flagged when more "
      + "than \(Int(deadFraction * 100)) % of its ReLU units are dead or more than "
      + "\(Int(saturatedFraction * 100)) % of its tanh or sigmoid outputs are saturated"
  }
}

/// The classification of a signal profile.
public enum SignalHealth: String, Sendable, Codable {
  case vanishing
  case exploding
  case healthy
}

/// The verdict on one profile and the figures it rests on.
public struct ProbeVerdict: Sendable, Codable, Equatable {
  public var health: SignalHealth
  /// Activation std of the last hidden layer divided by that of the first hidden layer (over all
  /// layers when the network has fewer than two hidden layers). NaN when the first std is 0.
  public var activationStdRatio: Double
  /// The per-layer factor `ratio^(1 / (layers − 1))`: the geometric mean change from one layer
  /// to the next.
  public var perLayerFactor: Double
  /// Kernel gradient norm of the first layer divided by that of the last hidden layer.
  public var gradientNormRatio: Double
  /// The first hidden layer (1-based) whose activation std is below `vanishingRatio` × the
  /// first's, or nil when none is.
  public var firstVanishedLayer: Int?
  /// Layers flagged for dead or saturated units, as readable sentences.
  public var flags: [String]

  /// Classifies `layers` (input to output, the last being the linear output layer).
  public init(layers: [LayerStatistics], thresholds: ProbeThresholds = .standard) {
    precondition(!layers.isEmpty, "a verdict needs at least one layer")
    let hidden = layers.count > 2 ? Array(layers.dropLast()) : layers
    let first = hidden[0]
    let last = hidden[hidden.count - 1]
    activationStdRatio = first.activationStd > 0 ? last.activationStd / first.activationStd : .nan
    perLayerFactor =
      hidden.count > 1 && activationStdRatio.isFinite
      ? pow(activationStdRatio, 1 / Double(hidden.count - 1)) : .nan
    gradientNormRatio =
      last.kernelGradientNorm > 0 ? first.kernelGradientNorm / last.kernelGradientNorm : .nan
    firstVanishedLayer =
      hidden.first {
        first.activationStd > 0 && $0.activationStd < thresholds.vanishingRatio * first.activationStd
      }?
      .layer

    if first.activationStd == 0 || activationStdRatio < thresholds.vanishingRatio {
      health = .vanishing
    } else if activationStdRatio > thresholds.explodingRatio || !activationStdRatio.isFinite {
      health = .exploding
    } else {
      health = .healthy
    }

    var flags: [String] = []
    for layer in hidden {
      if let dead = layer.deadFraction, dead > thresholds.deadFraction {
        flags.append("\(layer.name): \(Int((dead * 100).rounded())) % of units dead")
      }
      if let saturated = layer.saturatedFraction, saturated > thresholds.saturatedFraction {
        flags.append("\(layer.name): \(Int((saturated * 100).rounded())) % of outputs saturated")
      }
    }
    self.flags = flags
  }
}
