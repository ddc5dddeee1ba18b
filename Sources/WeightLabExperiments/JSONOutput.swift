// The JSON forms of runs and comparisons. Scripts depend on these key names: keep them stable.

import Foundation
import WeightLab

/// Builds the JSON objects that `train --format json` and `compare --format json` print.
public enum JSONOutput {
  /// The object for one run: `initializer`, `regularizer`, `seed`, `configuration`, `history`,
  /// `summary`, `diverged` and, when it diverged, `divergence`.
  public static func run(_ result: RunResult) -> [String: Any] {
    let configuration = result.configuration
    var object: [String: Any] = [
      "initializer": configuration.initializer,
      "biasInitializer": configuration.biasInitializer ?? NSNull(),
      "regularizer": configuration.regularizer,
      "seed": configuration.seed,
      "configuration": [
        "dataset": configuration.dataset,
        "hiddenLayers": configuration.hiddenWidths,
        "activation": configuration.activation.description,
        "parametrization": configuration.parametrization.rawValue,
        "optimizer": configuration.optimizer,
        "learningRate": configuration.learningRate,
        "momentum": configuration.momentum,
        "batchSize": configuration.batchSize,
        "epochs": configuration.epochs,
        "targetAccuracy": configuration.targetAccuracy,
      ] as [String: Any],
      "history": result.history.map(epoch),
      "summary": summary(result.summary, targetAccuracy: configuration.targetAccuracy),
      "diverged": result.divergence != nil,
      "warnings": result.warnings,
    ]
    if let diagnostics = result.diagnostics { object["diagnostics"] = self.diagnostics(diagnostics) }
    if let divergence = result.divergence {
      object["divergence"] =
        [
          "epoch": divergence.epoch, "step": divergence.step,
          "parameter": divergence.parameterPath ?? NSNull(), "message": divergence.description,
        ] as [String: Any]
    }
    return object
  }

  /// The `diagnostics` object of a run: loss stability, divergence location and, per epoch from 0
  /// (initialization), the per-layer statistics on the probe batch.
  static func diagnostics(_ diagnostics: RunDiagnostics) -> [String: Any] {
    var object: [String: Any] = [
      "probeRows": diagnostics.probeRows,
      "lossRisingFraction": number(diagnostics.stability.risingEpochFraction),
      "maximumRelativeLossRise": number(diagnostics.stability.maximumRelativeRise),
      "epochs": diagnostics.epochs.map { epoch in
        ["epoch": epoch.epoch, "layers": epoch.layers.map(layer)] as [String: Any]
      },
    ]
    if let divergence = diagnostics.divergence {
      object["divergence"] =
        [
          "epoch": divergence.epoch, "step": divergence.step,
          "parameter": divergence.parameterPath ?? NSNull(),
          "layer": divergence.layer ?? NSNull(), "loss": divergence.loss.map(number) ?? NSNull(),
        ] as [String: Any]
    }
    return object
  }

  /// The object for one layer's statistics; figures that do not apply to the activation are null.
  public static func layer(_ statistics: LayerStatistics) -> [String: Any] {
    [
      "layer": statistics.layer, "name": statistics.name, "activation": statistics.activation,
      "preActivationMean": number(statistics.preActivationMean),
      "preActivationStd": number(statistics.preActivationStd),
      "activationMean": number(statistics.activationMean), "activationStd": number(statistics.activationStd),
      "saturatedFraction": optionalNumber(statistics.saturatedFraction),
      "deadFraction": optionalNumber(statistics.deadFraction),
      "kernelGradientNorm": number(statistics.kernelGradientNorm),
      "kernelNorm": number(statistics.kernelNorm),
      "kernelSparsity": number(statistics.kernelSparsity),
    ]
  }

  static func epoch(_ record: EpochMetrics) -> [String: Any] {
    [
      "epoch": record.epoch,
      "trainLoss": number(record.trainLoss),
      "penalty": number(record.penalty),
      "trainAccuracy": number(record.trainAccuracy),
      "validationLoss": optionalNumber(record.validationLoss),
      "validationAccuracy": optionalNumber(record.validationAccuracy),
      "testLoss": optionalNumber(record.testLoss),
      "testAccuracy": optionalNumber(record.testAccuracy),
      "seconds": number(record.seconds),
      "samplesPerSecond": number(record.samplesPerSecond),
    ]
  }

  static func summary(_ summary: RunSummary, targetAccuracy: Double) -> [String: Any] {
    [
      "testAccuracy": number(summary.testAccuracy),
      "generalizationGap": number(summary.generalizationGap),
      "targetAccuracy": targetAccuracy,
      "epochsToTarget": summary.epochsToTarget.map { $0 as Any } ?? NSNull(),
      "firstEpochLoss": number(summary.firstEpochLoss),
      "kernelNorm": number(summary.kernelNorm),
      "nearZeroFraction": number(summary.nearZeroFraction),
      "nearZeroThreshold": Double(KernelStatistics.nearZeroThreshold),
      "exactZeroFraction": number(summary.exactZeroFraction),
      "samplesPerSecond": number(summary.samplesPerSecond),
      "diverged": summary.diverged,
    ]
  }

  /// The object for `weightlab probe --format json`: the architecture, the thresholds, one
  /// profile per initializer with its per-layer statistics and verdict, and the recommendation.
  public static func probe(_ result: ProbeResult, dataset: String) -> [String: Any] {
    let thresholds = result.thresholds
    return [
      "dataset": dataset, "inputFeatures": result.inputFeatures, "hiddenLayers": result.hiddenWidths,
      "activation": result.activation, "batchSize": result.batchSize, "seed": result.seed,
      "thresholds": [
        "vanishingRatio": thresholds.vanishingRatio, "explodingRatio": thresholds.explodingRatio,
        "deadFraction": thresholds.deadFraction, "saturatedFraction": thresholds.saturatedFraction,
      ],
      "profiles": result.profiles.map { profile in
        [
          "initializer": profile.initializer, "addedAsRecommendation": profile.addedAsRecommendation,
          "layers": profile.layers.map(layer),
          "verdict": [
            "health": profile.verdict.health.rawValue,
            "activationStdRatio": number(profile.verdict.activationStdRatio),
            "perLayerFactor": number(profile.verdict.perLayerFactor),
            "gradientNormRatio": number(profile.verdict.gradientNormRatio),
            "firstVanishedLayer": profile.verdict.firstVanishedLayer.map { $0 as Any } ?? NSNull(),
            "flags": profile.verdict.flags,
          ] as [String: Any],
        ] as [String: Any]
      },
      "recommendation": [
        "initializer": result.recommendation.initializer, "reason": result.recommendation.reason,
        "measured": result.recommendation.measured,
      ],
    ]
  }

  /// The object for a comparison: `{"runs": [...], "groups": [...]}`.
  public static func comparison(_ comparison: Comparison) -> [String: Any] {
    [
      "runs": comparison.runs.map(run),
      "groups": comparison.groups.map(group),
    ]
  }

  static func group(_ group: ComparisonGroup) -> [String: Any] {
    [
      "initializer": group.initializer,
      "regularizer": group.regularizer,
      "seeds": group.seeds,
      "testAccuracy": meanAndStd(group.testAccuracy),
      "generalizationGap": meanAndStd(group.generalizationGap),
      "epochsToTarget": meanAndStd(group.epochsToTarget),
      "runsReachingTarget": group.reachedTarget,
      "firstEpochLoss": meanAndStd(group.firstEpochLoss),
      "kernelNorm": meanAndStd(group.kernelNorm),
      "nearZeroFraction": meanAndStd(group.nearZeroFraction),
      "exactZeroFraction": meanAndStd(group.exactZeroFraction),
      "samplesPerSecond": meanAndStd(group.samplesPerSecond),
      "divergedRuns": group.divergedRuns,
      "lossRisingFraction": meanAndStd(group.lossRisingFraction),
      "initialActivationStdRatio": meanAndStd(group.initialActivationStdRatio),
      "finalDeadFraction": meanAndStd(group.finalDeadFraction),
      "finalSaturatedFraction": meanAndStd(group.finalSaturatedFraction),
    ]
  }

  static func meanAndStd(_ value: MeanAndStd) -> [String: Any] {
    ["mean": number(value.mean), "std": number(value.std), "count": value.count]
  }

  /// JSON has no NaN or infinity, so non-finite figures become null.
  static func number(_ value: Double) -> Any { value.isFinite ? value : NSNull() }

  static func optionalNumber(_ value: Double?) -> Any { value.map(number) ?? NSNull() }

  /// Serializes `object` as JSON text with sorted keys.
  public static func text(_ object: [String: Any], pretty: Bool = true) throws -> String {
    var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes]
    if pretty { options.insert(.prettyPrinted) }
    let data = try JSONSerialization.data(withJSONObject: object, options: options)
    return String(decoding: data, as: UTF8.self)
  }
}
