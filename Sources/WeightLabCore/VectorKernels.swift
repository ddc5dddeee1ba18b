// Element-wise kernels and reductions on raw buffers, for the hot loops of a training step.
// Reductions accumulate in Double so that sums over millions of weights keep their precision.

import COpenBLAS

/// Vectorizable loops over contiguous Float buffers. None of them allocates.
public enum VectorKernels {
  /// y += alpha * x (BLAS `saxpy`, unit strides).
  public static func axpy(
    count: Int, alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
  ) {
    cblas_saxpy(Int32(count), alpha, x, 1, y, 1)
  }

  /// x *= alpha (BLAS `sscal`, unit stride).
  public static func scale(count: Int, alpha: Float, x: UnsafeMutablePointer<Float>) {
    cblas_sscal(Int32(count), alpha, x, 1)
  }

  /// Σ xᵢ·yᵢ (BLAS `sdot`, unit strides), accumulated in Float: for the short per-row sums of a
  /// training step, where a Double loop would cost more than the step's other per-weight work.
  public static func dot(count: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>) -> Float {
    cblas_sdot(Int32(count), x, 1, y, 1)
  }

  /// Σ xᵢ², accumulated in Double.
  public static func sumOfSquares(count: Int, x: UnsafePointer<Float>) -> Double {
    var sum = 0.0
    for index in 0..<count {
      let value = Double(x[index])
      sum += value * value
    }
    return sum
  }

  /// Σ |xᵢ|, accumulated in Double.
  public static func sumOfMagnitudes(count: Int, x: UnsafePointer<Float>) -> Double {
    var sum = 0.0
    for index in 0..<count { sum += Double(abs(x[index])) }
    return sum
  }

  /// Adds each column's sum over `rows` rows of a row-major `rows × columns` matrix to `result`
  /// (the bias gradient of a dense layer is the column sum of its output gradient).
  public static func addColumnSums(
    rows: Int, columns: Int, matrix: UnsafePointer<Float>, into result: UnsafeMutablePointer<Float>
  ) {
    for row in 0..<rows {
      let rowStart = matrix + row * columns
      for column in 0..<columns { result[column] += rowStart[column] }
    }
  }

  /// Counts the elements with |xᵢ| < threshold and the elements exactly equal to zero.
  public static func countSmall(
    count: Int, x: UnsafePointer<Float>, threshold: Float
  ) -> (belowThreshold: Int, exactZeros: Int) {
    var below = 0
    var zeros = 0
    for index in 0..<count {
      let magnitude = abs(x[index])
      if magnitude < threshold { below += 1 }
      if magnitude == 0 { zeros += 1 }
    }
    return (below, zeros)
  }

  /// Whether every element is finite.
  public static func allFinite(count: Int, x: UnsafePointer<Float>) -> Bool {
    for index in 0..<count where !x[index].isFinite { return false }
    return true
  }
}
