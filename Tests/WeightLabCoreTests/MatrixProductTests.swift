// GEMM through OpenBLAS against a naive triple loop in Double, for every transpose combination.

import Testing

@testable import WeightLabCore

private func randomMatrix(rows: Int, columns: Int, name: String) -> Tensor {
  var stream = RandomStream(seed: 11, name: name)
  var values = [Float](repeating: 0, count: rows * columns)
  Sampler.fillUniform(&values, low: -1, high: 1, using: &stream)
  return Tensor(shape: [rows, columns], scalars: values)
}

/// op(a)[i, p] for a row-major matrix, transposed or not.
private func element(_ matrix: Tensor, _ i: Int, _ p: Int, transposed: Bool) -> Double {
  Double(transposed ? matrix[p, i] : matrix[i, p])
}

@Suite("Matrix products")
struct MatrixProductTests {
  @Test(
    "matmul matches a naive product",
    arguments: [(false, false), (true, false), (false, true), (true, true)])
  func matmulTransposes(transposeLeft: Bool, transposeRight: Bool) {
    let (m, k, n) = (7, 5, 3)
    let lhs =
      transposeLeft
      ? randomMatrix(rows: k, columns: m, name: "a") : randomMatrix(rows: m, columns: k, name: "a")
    let rhs =
      transposeRight
      ? randomMatrix(rows: n, columns: k, name: "b") : randomMatrix(rows: k, columns: n, name: "b")
    let product = Tensor.matmul(lhs, rhs, transposeLeft: transposeLeft, transposeRight: transposeRight)
    #expect(product.shape == [m, n])
    for i in 0..<m {
      for j in 0..<n {
        var expected = 0.0
        for p in 0..<k {
          expected +=
            element(lhs, i, p, transposed: transposeLeft) * element(rhs, p, j, transposed: transposeRight)
        }
        // Five Float32 products of magnitude ≤ 1: rounding error stays far below 1e-5.
        #expect(abs(Double(product[i, j]) - expected) < 1e-5, "element [\(i), \(j)]")
      }
    }
  }

  @Test("gemm accumulates with beta")
  func gemmAccumulates() {
    let a: [Float] = [1, 2, 3, 4]  // 2 × 2
    let b: [Float] = [1, 0, 0, 1]  // identity
    var c: [Float] = [10, 10, 10, 10]
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        c.withUnsafeMutableBufferPointer { c in
          gemm(
            .none, .none, m: 2, n: 2, k: 2, alpha: 2, a: a.baseAddress!, lda: 2, b: b.baseAddress!, ldb: 2,
            beta: 1, c: c.baseAddress!, ldc: 2)
        }
      }
    }
    #expect(c == [12, 14, 16, 18])
  }

  @Test("BLAS thread count is settable")
  func threadCount() {
    BLASThreads.set(1)
    #expect(BLASThreads.current == 1)
  }
}
