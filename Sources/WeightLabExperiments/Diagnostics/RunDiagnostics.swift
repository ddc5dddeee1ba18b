// What a training run records beyond its losses and accuracies: the per-layer profile on a fixed
// probe batch at initialization and after every epoch, the stability of the loss curve, where a
// divergence appeared, and a histogram of the final kernel weights.

import Foundation
import WeightLab
import WeightLabCore

/// The per-layer statistics of one epoch; epoch 0 is the model at initialization.
public struct EpochDiagnostics: Sendable, Codable, Equatable {
  public var epoch: Int
  public var layers: [LayerStatistics]
}

/// How steadily the training loss fell, from the epoch-level losses.
///
/// ```
/// risingEpochFraction = #{e ≥ 2 : L_e > L_(e−1)} / (E − 1)
/// maximumRelativeRise = max over e ≥ 2 of max(0, (L_e − L_(e−1)) / L_(e−1))
/// ```
/// Both are 0 for a loss that fell every epoch. They are NaN with fewer than two epochs.
/// NOTE: the trainer reports no per-batch losses, so the measure cannot see oscillation within
/// an epoch; a run that is unstable inside epochs but ends each one lower scores 0.
public struct LossStability: Sendable, Codable, Equatable {
  public var risingEpochFraction: Double
  public var maximumRelativeRise: Double

  public init(trainLosses: [Double]) {
    guard trainLosses.count > 1 else {
      risingEpochFraction = .nan
      maximumRelativeRise = .nan
      return
    }
    var rises = 0
    var largest = 0.0
    for index in 1..<trainLosses.count {
      let previous = trainLosses[index - 1]
      let change = trainLosses[index] - previous
      // A change within 1e-4 of the loss is rounding on a flat curve (a network that cannot learn
      // moves its loss in the sixth digit), not a rise.
      if change > 1e-4 * abs(previous) {
        rises += 1
        largest = max(largest, previous > 0 ? change / previous : .infinity)
      }
    }
    risingEpochFraction = Double(rises) / Double(trainLosses.count - 1)
    maximumRelativeRise = largest
  }
}

/// The step and layer at which a run's loss or parameters first became non-finite.
public struct DivergenceLocation: Sendable, Codable, Equatable {
  public var epoch: Int
  /// The 1-based global training step.
  public var step: Int
  /// The first non-finite parameter, such as `dense3.weight`, when the trainer found one.
  public var parameterPath: String?
  /// The layer of that parameter, such as `dense3`.
  public var layer: String?
  /// The non-finite loss, or nil when a parameter rather than the loss was non-finite.
  public var loss: Double?

  public init(_ divergence: Divergence) {
    epoch = divergence.epoch
    step = divergence.step
    parameterPath = divergence.parameterPath
    layer = divergence.parameterPath.flatMap { $0.split(separator: ".").first.map(String.init) }
    loss = divergence.loss.isNaN && divergence.parameterPath != nil ? nil : divergence.loss
  }
}

/// Counts of kernel weights in equal-width bins over `[lower, upper]`.
public struct WeightHistogram: Sendable, Codable, Equatable {
  public var lower: Double
  public var upper: Double
  public var counts: [Int]

  /// The bin count of every stored histogram; fine enough to show an L1 spike at zero.
  public static let binCount = 81

  /// Bins every kernel element of `model` over the symmetric range ±max |w|, so that zero falls
  /// in the middle of the centre bin.
  public init(kernelsOf model: Sequential) {
    var largest: Float = 0
    // The kernels W that the layers use: under weight norm, g·v/‖v‖ rather than the direction v.
    let kernels = model.currentKernels()
    for parameter in kernels {
      for value in parameter.value.scalars where value.isFinite { largest = max(largest, abs(value)) }
    }
    let bound = Double(largest > 0 ? largest : 1)
    lower = -bound
    upper = bound
    var counts = [Int](repeating: 0, count: Self.binCount)
    let scale = Double(Self.binCount) / (2 * bound)
    for parameter in kernels {
      for value in parameter.value.scalars where value.isFinite {
        let bin = Int(((Double(value) + bound) * scale).rounded(.down))
        counts[min(max(bin, 0), Self.binCount - 1)] += 1
      }
    }
    self.counts = counts
  }

  public init(lower: Double, upper: Double, counts: [Int]) {
    self.lower = lower
    self.upper = upper
    self.counts = counts
  }
}

/// Everything a run records beyond `EpochRecord`.
public struct RunDiagnostics: Sendable, Codable, Equatable {
  /// Per-layer statistics on the probe batch: epoch 0 (initialization), then each finished epoch.
  public var epochs: [EpochDiagnostics]
  public var stability: LossStability
  public var divergence: DivergenceLocation?
  /// The final kernel weights, pooled over every layer.
  public var weightHistogram: WeightHistogram
  /// The rows of the probe batch.
  public var probeRows: Int

  /// The rows taken from the start of the validation split (the training split when there is no
  /// validation split) to form the probe batch: enough for a std to within a few percent, and a
  /// small cost beside an epoch.
  public static let defaultProbeRows = 256
}

/// Records the per-layer profile on a fixed probe batch at initialization and after each epoch.
final class DiagnosticsRecorder {
  private let model: Sequential
  private let probeBatch: Examples
  private(set) var epochs: [EpochDiagnostics] = []

  init(model: Sequential, data: PreparedData, probeRows: Int) {
    self.model = model
    probeBatch = leadingRows(of: data.validation ?? data.train, count: probeRows)
  }

  var probeRows: Int { probeBatch.count }

  /// Measures the model now and stores the result as `epoch`.
  ///
  /// The probe's backward pass overwrites every parameter gradient. At initialization and at an
  /// epoch boundary that is harmless: the next training step overwrites the gradients before
  /// the optimizer reads them.
  @discardableResult
  func record(epoch: Int) -> EpochDiagnostics {
    let diagnostics = EpochDiagnostics(epoch: epoch, layers: SignalProbe.measure(model, batch: probeBatch))
    epochs.append(diagnostics)
    return diagnostics
  }
}

/// The first `count` rows of `examples` (all of them when it has fewer).
func leadingRows(of examples: Examples, count: Int) -> Examples {
  let rows = min(count, examples.count)
  let width = examples.featureCount
  return Examples(
    features: Tensor(shape: [rows, width], scalars: Array(examples.features.scalars[0..<(rows * width)])),
    labels: Array(examples.labels[0..<rows]))
}
