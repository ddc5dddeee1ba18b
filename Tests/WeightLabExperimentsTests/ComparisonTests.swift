// Grouping runs over seeds: means, sample standard deviations and the target-epoch count.

import Testing
import WeightLab

@testable import WeightLabExperiments

private func result(initializer: String, seed: UInt64, testAccuracy: Double, epochsToTarget: Int?)
  -> RunResult
{
  let summary = RunSummary(
    testAccuracy: testAccuracy, generalizationGap: 0.01, epochsToTarget: epochsToTarget, firstEpochLoss: 0.5,
    kernelNorm: 10, nearZeroFraction: 0.1, exactZeroFraction: 0, samplesPerSecond: 1000, diverged: false)
  return RunResult(
    configuration: RunConfiguration(initializer: initializer, seed: seed), history: [], summary: summary,
    divergence: nil, warnings: [])
}

@Suite("Comparison")
struct ComparisonTests {
  @Test("Groups by initializer and regularizer with sample statistics")
  func grouping() {
    let comparison = Comparison(runs: [
      result(initializer: "he-normal", seed: 0, testAccuracy: 0.80, epochsToTarget: 2),
      result(initializer: "zeros", seed: 0, testAccuracy: 0.10, epochsToTarget: nil),
      result(initializer: "he-normal", seed: 1, testAccuracy: 0.90, epochsToTarget: nil),
    ])
    #expect(comparison.groups.map(\.initializer) == ["he-normal", "zeros"])
    let he = comparison.groups[0]
    #expect(he.seeds == [0, 1])
    #expect(abs(he.testAccuracy.mean - 0.85) < 1e-12)
    // Sample standard deviation of {0.8, 0.9}: √(2 · 0.05² / 1) = 0.0707…
    #expect(abs(he.testAccuracy.std - 0.05 * 2.0.squareRoot()) < 1e-12)
    #expect(he.reachedTarget == 1)
    #expect(he.epochsToTarget.mean == 2)
    #expect(comparison.groups[1].reachedTarget == 0)
    #expect(comparison.groups[1].epochsToTarget.mean.isNaN)
  }
}
