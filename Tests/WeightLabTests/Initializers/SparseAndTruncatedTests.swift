// Sparse zeroes an exact count per row; truncated normals never reach their bounds and, when asked,
// keep the requested std.

import Testing
import WeightLab
import WeightLabCore

@Suite("Sparse and truncated normal")
struct SparseAndTruncatedTests {
  /// (sparsity, rows, columns, zeros per row = ceil(sparsity · columns)).
  static let sparseCases: [(Double, Int, Int, Int)] = [
    (0.1, 64, 100, 10), (0.25, 30, 7, 2), (0, 5, 9, 0), (0.9, 20, 784, 706),
  ]

  @Test("sparse zeros per row", arguments: 0..<sparseCases.count)
  func sparseZeroesExactCountPerRow(_ index: Int) {
    let (sparsity, rows, columns, zerosPerRow) = Self.sparseCases[index]
    let kernel = drawDense(Sparse(sparsity: sparsity), inFeatures: columns, outFeatures: rows)

    #expect(Sparse(sparsity: sparsity).zerosPerRow(columns: columns) == zerosPerRow)
    for row in 0..<rows {
      let zeros = (0..<columns).filter { kernel[row, $0] == 0 }.count
      #expect(zeros == zerosPerRow, "row \(row) has \(zeros) zeros")
    }
  }

  @Test("sparse rows differ in pattern")
  func sparseRowsDifferInPattern() {
    let kernel = drawDense(Sparse(sparsity: 0.5), inFeatures: 40, outFeatures: 10)
    let patterns = Set((0..<10).map { row in (0..<40).map { kernel[row, $0] == 0 } })

    // 10 rows each choosing 20 of 40 columns: two equal choices have probability about 1e-11.
    #expect(patterns.count == 10)
  }

  @Test("sparse nonzero std")
  func sparseNonzeroStd() {
    let kernel = drawDense(Sparse(sparsity: 0.5, std: 0.02), inFeatures: 784, outFeatures: 512)
    let nonzero = kernel.scalars.filter { $0 != 0 }

    #expect(nonzero.count == 512 * 392)
    expectMoments(nonzero, match: .normal(mean: 0, std: 0.02))
  }

  @Test("tiny std never reaches bounds")
  func tinyStdNeverReachesBounds() {
    let initializer = TruncatedNormal(std: 1e-8, bound: .sigmas(2))
    let kernel = drawDense(initializer, inFeatures: 784, outFeatures: 64)
    let (low, high) = (Float(-2e-8), Float(2e-8))

    #expect(kernel.scalars.allSatisfy { $0 > low && $0 < high })
  }

  @Test("tiny absolute interval never reaches bounds")
  func tinyAbsoluteIntervalNeverReachesBounds() {
    // Three Float values lie strictly between the bounds near 1, so rounding hits the bounds often.
    let low = Double(Float(1).nextDown.nextDown)
    let high = Double(Float(1).nextUp.nextUp)
    let initializer = TruncatedNormal(mean: 1, std: 1e-7, bound: .absolute(low: low, high: high))
    let kernel = drawDense(initializer, inFeatures: 100, outFeatures: 100)

    #expect(kernel.scalars.allSatisfy { $0 > Float(low) && $0 < Float(high) })
  }

  @Test("preserved std with sigma bounds")
  func preservedStdWithSigmaBounds() {
    let kernel = drawDense(
      TruncatedNormal(std: 0.03, bound: .sigmas(1.5), preserveVariance: true), inFeatures: 784,
      outFeatures: 512)

    // n = 401,408, so the sample std's SE is about 0.03 / sqrt(2n) ≈ 3.3e-5 (a bit less when
    // truncated); 4 SE is 0.45%.
    expectClose(Statistics.standardDeviation(kernel.scalars), 0.03, relativeTolerance: 0.0045)
  }

  @Test("preserved std with absolute bounds")
  func preservedStdWithAbsoluteBounds() {
    let initializer = TruncatedNormal(
      mean: 0.02, std: 0.05, bound: .absolute(low: -0.08, high: 0.1), preserveVariance: true)
    let kernel = drawDense(initializer, inFeatures: 784, outFeatures: 512)
    let intended = IntendedDistribution.truncatedNormal(
      mean: 0.02, sigma: initializer.normalStd, low: -0.08, high: 0.1)

    // The std of the intended law, by integration, is the requested one; the sample matches the law.
    expectClose(intended.moments.variance.squareRoot(), 0.05, relativeTolerance: 1e-9)
    expectMoments(kernel.scalars, match: intended)
  }

  @Test("unreachable std has no solution")
  func unreachableStdHasNoSolution() {
    // The uniform on (-0.1, 0.1) has std 0.2 / sqrt(12) ≈ 0.0577, the limit for any σ.
    let bound = TruncatedNormal.Bound.absolute(low: -0.1, high: 0.1)

    #expect(TruncatedNormal.preTruncationStd(mean: 0, std: 0.06, bound: bound, preserveVariance: true) == nil)
    #expect(TruncatedNormal.preTruncationStd(mean: 0, std: 0.05, bound: bound, preserveVariance: true) != nil)
    #expect(
      TruncatedNormal.preTruncationStd(mean: 0.2, std: 0.01, bound: bound, preserveVariance: true) == nil)
    #expect(
      TruncatedNormal.preTruncationStd(mean: 0, std: -1, bound: .sigmas(2), preserveVariance: false) == nil)
  }
}
