// Groups the runs of a comparison by (initializer, regularizer) and summarizes each group over
// its seeds with the mean and the sample standard deviation.

import WeightLabCore

/// A mean and sample standard deviation (divides by n − 1) over seeds.
public struct MeanAndStd: Sendable, Equatable {
  public var mean: Double
  public var std: Double
  /// The number of values the figures come from (runs that produced the figure).
  public var count: Int

  public init(_ values: [Double]) {
    let finite = values.filter(\.isFinite)
    let stats = Statistics.meanAndSampleStd(finite)
    mean = finite.isEmpty ? .nan : stats.mean
    std = finite.isEmpty ? .nan : stats.std
    count = finite.count
  }
}

/// One row of a comparison: the runs of one (initializer, regularizer) pair over all seeds.
public struct ComparisonGroup: Sendable {
  public var initializer: String
  public var regularizer: String
  public var seeds: [UInt64]
  public var testAccuracy: MeanAndStd
  public var generalizationGap: MeanAndStd
  /// Over the runs that reached the target; `reachedTarget` counts them.
  public var epochsToTarget: MeanAndStd
  public var reachedTarget: Int
  public var firstEpochLoss: MeanAndStd
  public var kernelNorm: MeanAndStd
  public var nearZeroFraction: MeanAndStd
  public var exactZeroFraction: MeanAndStd
  public var samplesPerSecond: MeanAndStd
  public var divergedRuns: Int
  /// `LossStability.risingEpochFraction`: the share of epochs whose training loss rose.
  public var lossRisingFraction: MeanAndStd
  /// `RunDiagnostics.initialActivationStdRatio`: last over first hidden activation std at initialization.
  public var initialActivationStdRatio: MeanAndStd
  /// `RunDiagnostics.finalDeadFraction`: dead ReLU units after the last epoch, mean over hidden layers.
  public var finalDeadFraction: MeanAndStd
  /// `RunDiagnostics.finalSaturatedFraction`: saturated tanh or sigmoid outputs after the last epoch.
  public var finalSaturatedFraction: MeanAndStd
}

/// The grid of a comparison and its results.
public struct Comparison: Sendable {
  public var runs: [RunResult]
  public var groups: [ComparisonGroup]

  /// Groups `runs` by (initializer, regularizer) in the order the pairs first appear.
  public init(runs: [RunResult]) {
    self.runs = runs
    var order: [String] = []
    var members: [String: [RunResult]] = [:]
    for run in runs {
      let key = run.configuration.initializer + "\u{0}" + run.configuration.regularizer
      if members[key] == nil { order.append(key) }
      members[key, default: []].append(run)
    }
    groups = order.map { key in
      let group = members[key]!
      let summaries = group.map(\.summary)
      let reached = summaries.compactMap(\.epochsToTarget)
      return ComparisonGroup(
        initializer: group[0].configuration.initializer,
        regularizer: group[0].configuration.regularizer,
        seeds: group.map(\.configuration.seed),
        testAccuracy: MeanAndStd(summaries.map(\.testAccuracy)),
        generalizationGap: MeanAndStd(summaries.map(\.generalizationGap)),
        epochsToTarget: MeanAndStd(reached.map(Double.init)),
        reachedTarget: reached.count,
        firstEpochLoss: MeanAndStd(summaries.map(\.firstEpochLoss)),
        kernelNorm: MeanAndStd(summaries.map(\.kernelNorm)),
        nearZeroFraction: MeanAndStd(summaries.map(\.nearZeroFraction)),
        exactZeroFraction: MeanAndStd(summaries.map(\.exactZeroFraction)),
        samplesPerSecond: MeanAndStd(summaries.map(\.samplesPerSecond)),
        divergedRuns: summaries.filter(\.diverged).count,
        lossRisingFraction: MeanAndStd(group.map { $0.diagnostics?.stability.risingEpochFraction ?? .nan }),
        initialActivationStdRatio: MeanAndStd(
          group.map { $0.diagnostics?.initialActivationStdRatio ?? .nan }),
        finalDeadFraction: MeanAndStd(group.map { $0.diagnostics?.finalDeadFraction ?? .nan }),
        finalSaturatedFraction: MeanAndStd(group.map { $0.diagnostics?.finalSaturatedFraction ?? .nan }))
    }
  }
}
