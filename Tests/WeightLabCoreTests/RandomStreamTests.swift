// Seeded streams: replay, independence of names, the uniform and normal samplers' moments and
// distributions, and unbiased permutations.

import Foundation
import Testing

@testable import WeightLabCore

@Suite("Random streams")
struct RandomStreamTests {
  @Test("Same seed and name replay exactly")
  func replay() {
    var first = RandomStream(seed: 42, name: "dense1.weight")
    var second = RandomStream(seed: 42, name: "dense1.weight")
    for _ in 0..<100 { #expect(first.next() == second.next()) }
  }

  @Test("Other seeds and names give other streams")
  func independence() {
    var base = RandomStream(seed: 42, name: "dense1.weight")
    var otherName = RandomStream(seed: 42, name: "dense2.weight")
    var otherSeed = RandomStream(seed: 43, name: "dense1.weight")
    let values = (0..<4).map { _ in base.next() }
    #expect(values != (0..<4).map { _ in otherName.next() })
    #expect(values != (0..<4).map { _ in otherSeed.next() })
  }

  @Test("A stream does not depend on other streams' draws")
  func orderIndependence() {
    var unused = RandomStream(seed: 1, name: "a")
    for _ in 0..<1000 { _ = unused.next() }
    var stream = RandomStream(seed: 1, name: "b")
    var fresh = RandomStream(seed: 1, name: "b")
    #expect(stream.next() == fresh.next())
  }

  @Test("Uniform samples match U(-2, 3)")
  func uniformMoments() {
    var stream = RandomStream(seed: 5, name: "uniform")
    var values = [Float](repeating: 0, count: 100_000)
    Sampler.fillUniform(&values, low: -2, high: 3, using: &stream)
    #expect(values.allSatisfy { $0 >= -2 && $0 < 3 })
    // U(a, b) has mean (a + b)/2 = 0.5 and std (b − a)/√12; 5 standard errors of the mean is a
    // band that a correct sampler leaves with probability below 1e-6.
    let std = 5 / 12.0.squareRoot()
    #expect(abs(Statistics.mean(values) - 0.5) < 5 * std / 100_000.0.squareRoot())
    let statistic = Statistics.kolmogorovSmirnov(values) { min(max(($0 + 2) / 5, 0), 1) }
    #expect(statistic < Statistics.kolmogorovSmirnovCriticalValue(sampleSize: values.count, alpha: 0.001))
  }

  @Test("Normal samples match N(1, 0.5²)")
  func normalMoments() {
    var stream = RandomStream(seed: 6, name: "normal")
    var values = [Float](repeating: 0, count: 100_000)
    Sampler.fillNormal(&values, mean: 1, std: 0.5, using: &stream)
    let n = Double(values.count)
    // Standard errors: σ/√n for the mean and about σ/√(2n) for the standard deviation.
    #expect(abs(Statistics.mean(values) - 1) < 5 * 0.5 / n.squareRoot())
    #expect(abs(Statistics.standardDeviation(values) - 0.5) < 5 * 0.5 / (2 * n).squareRoot())
    let statistic = Statistics.kolmogorovSmirnov(values) { Statistics.normalCDF(($0 - 1) / 0.5) }
    #expect(statistic < Statistics.kolmogorovSmirnovCriticalValue(sampleSize: values.count, alpha: 0.001))
  }

  @Test("Permutations contain every index once")
  func permutation() {
    var stream = RandomStream(seed: 3, name: "shuffle")
    let order = randomPermutation(count: 1000, using: &stream)
    #expect(order.sorted() == Array(0..<1000))
    #expect(order != Array(0..<1000))
  }

  @Test("Permutations put each index first about equally often")
  func permutationUniformity() {
    var stream = RandomStream(seed: 9, name: "uniformity")
    var firstCounts = [Int](repeating: 0, count: 4)
    let trials = 40_000
    for _ in 0..<trials { firstCounts[randomPermutation(count: 4, using: &stream)[0]] += 1 }
    // Each count is Binomial(40000, 1/4): std √(40000·0.25·0.75) ≈ 86.6; allow 5 standard deviations.
    for count in firstCounts { #expect(abs(Double(count) - 10_000) < 5 * 86.6) }
  }
}
