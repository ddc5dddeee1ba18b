// `weightlab probe`: builds one network per initializer, measures its layers at initialization on a
// batch of real data, classifies each profile and recommends an initializer for the activation.

import Foundation
import WeightLab

/// One initializer's measured profile at initialization.
public struct InitializerProfile: Sendable, Codable {
  /// The initializer spec as given, such as `xavier-normal`.
  public var initializer: String
  /// Whether the probe added this initializer because the activation calls for it.
  public var addedAsRecommendation: Bool
  public var layers: [LayerStatistics]
  public var verdict: ProbeVerdict
}

/// The initializer that an activation calls for, and why.
public struct Recommendation: Sendable, Codable {
  /// The spec to use, such as `he-normal`.
  public var initializer: String
  /// The variance rule and its source.
  public var reason: String
  /// The measured part: whether the recommended initializer was healthy here and which
  /// probed initializer kept the activation std ratio closest to 1.
  public var measured: String
}

/// The outcome of a probe: every profile and the recommendation.
public struct ProbeResult: Sendable, Codable {
  public var inputFeatures: Int
  public var hiddenWidths: [Int]
  public var activation: String
  public var batchSize: Int
  public var seed: UInt64
  public var thresholds: ProbeThresholds
  public var profiles: [InitializerProfile]
  public var recommendation: Recommendation
}

/// Runs the initialization-time probe.
public enum InitializationProbe {
  /// Measures each initializer in `initializers` (and the one the activation calls for, when it is
  /// missing) on `batch`, with biases as each preset sets them.
  ///
  /// Every network is drawn from the same `seed`, so two runs print the same figures.
  public static func run(
    initializers: [String], hiddenWidths: [Int], activation: Activation, batch: Examples, classCount: Int,
    seed: UInt64, thresholds: ProbeThresholds = .standard
  ) throws(SpecError) -> ProbeResult {
    try run(
      initializers: initializers, hiddenWidths: hiddenWidths, activation: activation,
      batch: batch, outputCount: classCount,
      loss: .softmaxCrossEntropy(classWeights: nil), seed: seed, thresholds: thresholds)
  }

  /// Measures each initializer on a tabular batch whose gradient comes from `loss`: cross-entropy
  /// over `outputCount` classes, or mean squared error with one output.
  public static func run(
    initializers: [String], hiddenWidths: [Int], activation: Activation, batch: Examples,
    outputCount: Int,
    loss: Loss, seed: UInt64, thresholds: ProbeThresholds = .standard
  ) throws(SpecError) -> ProbeResult {
    let preferred = preferredInitializer(for: activation)
    var specs = initializers.map { ($0, false) }
    if !initializers.contains(preferred.initializer) { specs.append((preferred.initializer, true)) }

    var profiles: [InitializerProfile] = []
    for (spec, added) in specs {
      let initialization = try InitializerCatalog.make(try Spec(parsing: spec), activation: activation)
      let model = Sequential(
        inputFeatures: batch.featureCount, hiddenWidths: hiddenWidths, outputs: outputCount,
        activation: activation)
      model.initialize(weight: initialization.weight, bias: initialization.bias, seed: seed)
      let layers = SignalProbe.measure(model, batch: batch, loss: loss)
      profiles.append(
        InitializerProfile(
          initializer: spec, addedAsRecommendation: added, layers: layers,
          verdict: ProbeVerdict(layers: layers, thresholds: thresholds)))
    }

    return ProbeResult(
      inputFeatures: batch.featureCount, hiddenWidths: hiddenWidths, activation: activation.description,
      batchSize: batch.count, seed: seed, thresholds: thresholds, profiles: profiles,
      recommendation: recommendation(preferred: preferred, profiles: profiles))
  }

  /// Returns the initializer that the activation's variance analysis calls for.
  ///
  /// ReLU and leaky ReLU: He (Var w = gain² / fan-in with gain² = 2 / (1 + slope²); He et al. 2015,
  /// "Delving Deep into Rectifiers"). tanh and sigmoid: Xavier (Var w = 2 / (fan-in + fan-out);
  /// Glorot and Bengio 2010, "Understanding the difficulty of training deep feedforward neural
  /// networks"). Identity: LeCun (Var w = 1 / fan-in; LeCun et al. 1998, "Efficient BackProp"),
  /// the rule that SELU also needs (Klambauer et al. 2017).
  public static func preferredInitializer(for activation: Activation) -> (initializer: String, reason: String)
  {
    switch activation {
    case .relu, .leakyReLU:
      return (
        "he-normal",
        "\(activation) zeroes or shrinks the negative half of its input, so a layer keeps the second moment "
          + "of its activations only when Var(w) = 2 / (1 + slope²) / fan-in (He et al. 2015)"
      )
    case .tanh, .sigmoid:
      return (
        "xavier-normal",
        "\(activation) is close to linear around its centre, so Var(w) = 2 / (fan-in + fan-out) keeps both the "
          + "forward activations and the backward gradients at a steady scale (Glorot and Bengio 2010)"
      )
    default:
      return (
        "lecun-normal",
        "a linear (or self-normalizing, such as SELU) layer keeps the variance of its input when "
          + "Var(w) = 1 / fan-in (LeCun et al. 1998)"
      )
    }
  }

  private static func recommendation(
    preferred: (initializer: String, reason: String), profiles: [InitializerProfile]
  ) -> Recommendation {
    let preferredProfile = profiles.first { $0.initializer == preferred.initializer }
    var measured: String
    if let profile = preferredProfile {
      measured =
        "measured here: \(profile.initializer) is \(profile.verdict.health.rawValue) "
        + "(activation std ratio \(format(profile.verdict.activationStdRatio)))"
      if !profile.verdict.flags.isEmpty {
        measured += ", flagged: " + profile.verdict.flags.joined(separator: "; ")
      }
    } else {
      measured = "measured here: no profile for \(preferred.initializer)"
    }

    let healthy = profiles.filter { $0.verdict.health == .healthy && $0.verdict.flags.isEmpty }
    let closest = healthy.min {
      abs(log10Ratio($0.verdict.activationStdRatio)) < abs(log10Ratio($1.verdict.activationStdRatio))
    }
    if let closest, closest.initializer != preferred.initializer {
      measured +=
        "; the probed initializer whose ratio is closest to 1 is \(closest.initializer) "
        + "(\(format(closest.verdict.activationStdRatio)))"
    } else if closest == nil {
      measured += "; no probed initializer was healthy without flags for this architecture"
    }
    return Recommendation(initializer: preferred.initializer, reason: preferred.reason, measured: measured)
  }

  private static func log10Ratio(_ ratio: Double) -> Double {
    ratio > 0 && ratio.isFinite ? log10(ratio) : .infinity
  }

  static func format(_ value: Double) -> String {
    guard value.isFinite else { return "n/a" }
    if value != 0 && (abs(value) < 1e-3 || abs(value) >= 1e4) { return String(format: "%.2e", value) }
    return String(format: "%.3f", value)
  }
}
