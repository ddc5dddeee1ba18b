// Thin QR decomposition by Householder reflections in Double, for the orthogonal initializer.

/// The thin QR factors of a tall matrix: `Q` with orthonormal columns and the diagonal of `R`.
struct HouseholderQR {
  /// Q, `rows × columns`, row-major.
  var q: [Double]
  /// The diagonal of the upper-triangular R, `columns` values.
  var rDiagonal: [Double]

  /// Factors the row-major `rows × columns` matrix `a`, with `rows ≥ columns`.
  ///
  /// Column k's reflection maps `a[k..., k]` onto `-sign(a[k][k]) · ‖a[k..., k]‖ · e₁`; choosing the
  /// sign opposite to the leading element avoids cancellation. Q is then the product of the
  /// reflections applied to the first `columns` columns of the identity.
  ///
  /// - Complexity: O(rows · columns²).
  init(_ a: [Double], rows: Int, columns: Int) {
    precondition(rows >= columns, "Householder QR needs rows >= columns, got \(rows) x \(columns)")
    precondition(a.count == rows * columns, "matrix has \(a.count) values, expected \(rows * columns)")
    var r = a
    var reflectors: [[Double]] = []
    reflectors.reserveCapacity(columns)
    rDiagonal = [Double](repeating: 0, count: columns)

    for k in 0..<columns {
      var v = [Double](repeating: 0, count: rows - k)
      var norm = 0.0
      for i in k..<rows {
        v[i - k] = r[i * columns + k]
        norm += v[i - k] * v[i - k]
      }
      norm = norm.squareRoot()
      let alpha = v[0] > 0 ? -norm : norm
      v[0] -= alpha
      let vNorm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
      // A zero column (probability zero for Gaussian input) needs no reflection.
      if vNorm > 0 {
        for i in v.indices { v[i] /= vNorm }
        Self.reflect(&r, columns: columns, from: k, by: v, firstColumn: k)
      }
      rDiagonal[k] = r[k * columns + k]
      reflectors.append(v)
    }

    q = [Double](repeating: 0, count: rows * columns)
    for j in 0..<columns { q[j * columns + j] = 1 }
    for k in stride(from: columns - 1, through: 0, by: -1) {
      Self.reflect(&q, columns: columns, from: k, by: reflectors[k], firstColumn: 0)
    }
  }

  /// Applies H = I - 2·v·vᵀ to rows `from...` of the row-major matrix `m`, columns `firstColumn...`.
  private static func reflect(
    _ m: inout [Double], columns: Int, from start: Int, by v: [Double], firstColumn: Int
  ) {
    let rows = start + v.count
    m.withUnsafeMutableBufferPointer { matrix in
      for j in firstColumn..<columns {
        var dot = 0.0
        for i in start..<rows { dot += v[i - start] * matrix[i * columns + j] }
        let factor = 2 * dot
        if factor == 0 { continue }
        for i in start..<rows { matrix[i * columns + j] -= factor * v[i - start] }
      }
    }
  }
}
