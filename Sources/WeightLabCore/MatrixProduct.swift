// Matrix products through OpenBLAS's single-precision GEMM, for row-major matrices.

import COpenBLAS

/// Whether a GEMM operand is used as stored or transposed.
public enum MatrixTranspose: Sendable {
  case none
  case transposed

  var cblasValue: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }
}

/// Computes `c = alpha * op(a) * op(b) + beta * c` with OpenBLAS `cblas_sgemm` on row-major storage.
///
/// `op(a)` is `m × k`, `op(b)` is `k × n` and `c` is `m × n`. The leading dimensions are the
/// stored row lengths: `lda` is `k` for an untransposed `a` and `m` for a transposed one, and so on.
/// Passing the transpose flag instead of copying the operand is what keeps a training step free of
/// transposition copies.
public func gemm(
  _ transposeA: MatrixTranspose, _ transposeB: MatrixTranspose,
  m: Int, n: Int, k: Int,
  alpha: Float = 1,
  a: UnsafePointer<Float>, lda: Int,
  b: UnsafePointer<Float>, ldb: Int,
  beta: Float = 0,
  c: UnsafeMutablePointer<Float>, ldc: Int
) {
  guard m > 0, n > 0 else { return }
  cblas_sgemm(
    CblasRowMajor, transposeA.cblasValue, transposeB.cblasValue,
    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
}

extension Tensor {
  /// Returns the matrix product `op(lhs) · op(rhs)` of two rank-2 tensors.
  public static func matmul(
    _ lhs: Tensor, _ rhs: Tensor,
    transposeLeft: Bool = false, transposeRight: Bool = false
  ) -> Tensor {
    let m = transposeLeft ? lhs.columns : lhs.rows
    let k = transposeLeft ? lhs.rows : lhs.columns
    let rightK = transposeRight ? rhs.columns : rhs.rows
    let n = transposeRight ? rhs.rows : rhs.columns
    precondition(
      k == rightK,
      "matmul inner dimensions differ: \(lhs.shape)\(transposeLeft ? "ᵀ" : "") · \(rhs.shape)\(transposeRight ? "ᵀ" : "")"
    )
    var result = Tensor(shape: [m, n])
    lhs.scalars.withUnsafeBufferPointer { a in
      rhs.scalars.withUnsafeBufferPointer { b in
        result.scalars.withUnsafeMutableBufferPointer { c in
          gemm(
            transposeLeft ? .transposed : .none, transposeRight ? .transposed : .none,
            m: m, n: n, k: k,
            a: a.baseAddress!, lda: lhs.columns,
            b: b.baseAddress!, ldb: rhs.columns,
            c: c.baseAddress!, ldc: n)
        }
      }
    }
    return result
  }
}

/// Thread-count control for OpenBLAS, the only multithreaded part of a training step.
public enum BLASThreads {
  /// Sets the number of threads OpenBLAS uses for every later call in this process.
  public static func set(_ count: Int) {
    precondition(count >= 1, "BLAS thread count must be at least 1, got \(count)")
    openblas_set_num_threads(Int32(count))
  }

  /// The number of threads OpenBLAS currently uses.
  public static var current: Int { Int(openblas_get_num_threads()) }
}
