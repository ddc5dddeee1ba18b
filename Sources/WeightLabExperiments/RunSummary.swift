// The figures that describe a finished run: accuracy, generalization gap, convergence speed,
// and what the regularizer did to the kernels.

import WeightLab
import WeightLabCore

/// The summary of one run.
public struct RunSummary: Sendable, Equatable, Codable {
  /// Test accuracy after the last completed epoch.
  public var testAccuracy: Double
  /// Final training accuracy minus final test accuracy.
  public var generalizationGap: Double
  /// The first epoch (1-based) whose training accuracy reached the target, or nil if none did.
  public var epochsToTarget: Int?
  /// The mean training data loss of the first epoch.
  public var firstEpochLoss: Double
  /// √(Σ w²) over every kernel element of the final model.
  public var kernelNorm: Double
  /// The fraction of kernel elements with |w| < `KernelStatistics.nearZeroThreshold`.
  public var nearZeroFraction: Double
  /// The fraction of kernel elements exactly equal to zero.
  public var exactZeroFraction: Double
  /// Training samples per second, averaged over the epochs after the first (the first includes
  /// one-time costs such as buffer allocation); over the only epoch when there is one.
  public var samplesPerSecond: Double
  /// Whether the run stopped on a non-finite loss.
  public var diverged: Bool
}

/// Statistics of a model's kernels.
public enum KernelStatistics {
  /// The magnitude below which a weight counts as near zero.
  public static let nearZeroThreshold: Float = 1e-3

  /// The L2 norm over all kernel elements and the near-zero and exact-zero fractions.
  public static func measure(_ model: Sequential) -> (norm: Double, nearZero: Double, exactZero: Double) {
    var squares = 0.0
    var below = 0
    var zeros = 0
    var total = 0
    // The kernels W that the layers use: under weight norm, g·v/‖v‖ rather than the direction v.
    for parameter in model.currentKernels() {
      parameter.value.scalars.withUnsafeBufferPointer { values in
        squares += VectorKernels.sumOfSquares(count: values.count, x: values.baseAddress!)
        let counts = VectorKernels.countSmall(
          count: values.count, x: values.baseAddress!, threshold: nearZeroThreshold)
        below += counts.belowThreshold
        zeros += counts.exactZeros
        total += values.count
      }
    }
    let count = Double(max(total, 1))
    return (squares.squareRoot(), Double(below) / count, Double(zeros) / count)
  }
}

extension RunSummary {
  /// Summarizes a run from its history and final model.
  public init(history: [EpochMetrics], model: Sequential, targetAccuracy: Double, diverged: Bool) {
    let last = history.last
    testAccuracy = last?.testAccuracy ?? .nan
    generalizationGap = (last?.trainAccuracy ?? .nan) - (last?.testAccuracy ?? .nan)
    epochsToTarget = history.first { $0.trainAccuracy >= targetAccuracy }?.epoch
    firstEpochLoss = history.first?.trainLoss ?? .nan
    let kernels = KernelStatistics.measure(model)
    kernelNorm = kernels.norm
    nearZeroFraction = kernels.nearZero
    exactZeroFraction = kernels.exactZero
    let steady = history.count > 1 ? Array(history.dropFirst()) : history
    let totalSeconds = steady.reduce(0) { $0 + $1.trainingSeconds }
    let totalSamples = steady.reduce(0) { $0 + $1.samplesPerSecond * $1.trainingSeconds }
    samplesPerSecond = totalSeconds > 0 ? totalSamples / totalSeconds : .nan
    self.diverged = diverged
  }
}
