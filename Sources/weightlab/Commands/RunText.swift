// The plain-text summary that `weightlab train` prints on standard output.

import Foundation
import WeightLabExperiments

enum RunText {
  static func summary(_ result: RunResult) -> String {
    let summary = result.summary
    let configuration = result.configuration
    var lines = [
      "initializer          \(configuration.initializer)",
      "regularizer          \(configuration.regularizer)",
      "seed                 \(configuration.seed)",
      "test accuracy        \(fixed(summary.testAccuracy, 4))",
      "generalization gap   \(fixed(summary.generalizationGap, 4))  (final train accuracy − test accuracy)",
      "epochs to \(fixed(configuration.targetAccuracy, 2))".padding(toLength: 21, withPad: " ", startingAt: 0)
        + (summary.epochsToTarget.map { "\($0)" }
          ?? "not reached in \(configuration.epochs) epoch\(configuration.epochs == 1 ? "" : "s")")
        + "  (first epoch whose training accuracy reached it)",
      "loss after epoch 1   \(fixed(summary.firstEpochLoss, 4))",
      "kernel norm          \(fixed(summary.kernelNorm, 2))  (√Σw² over all kernels)",
      "near-zero weights    \(fixed(summary.nearZeroFraction, 4))  (fraction with |w| < 1e-3)",
      "exact-zero weights   \(fixed(summary.exactZeroFraction, 4))",
      "samples per second   \(Int(summary.samplesPerSecond.isFinite ? summary.samplesPerSecond.rounded() : 0))"
        + "  (training only, epochs after the first)",
    ]
    if let divergence = result.divergence { lines.append("diverged             \(divergence)") }
    return lines.joined(separator: "\n")
  }
}
