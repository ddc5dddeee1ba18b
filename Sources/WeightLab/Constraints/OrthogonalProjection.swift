// The orthogonality constraint: after every step, replaces a kernel by the nearest matrix with
// orthonormal rows (or columns, for a kernel with more rows than columns).

import WeightLabCore

/// Replaces each selected kernel W, flattened to `[shape[0], rest]`, by its orthogonal polar
/// factor after every optimizer step:
///
/// ```
/// W = U·Σ·Vᵀ (thin SVD)  →  W ← U·Vᵀ
/// ```
/// U·Vᵀ is the matrix with orthonormal rows (when rows ≤ columns, so W·Wᵀ = I) or orthonormal
/// columns (when rows > columns, so Wᵀ·W = I) nearest to W in the Frobenius norm. It is computed
/// without an SVD by the Newton–Schulz iteration, with G the smaller of the two Gram matrices:
///
/// ```
/// X₀ = W / √b          b = max row sum of |G| ≥ σ_max(W)², applied only when b > 1
/// X ← 1.5·X − 0.5·G·X  with G = X·Xᵀ (rows ≤ columns), or X ← 1.5·X − 0.5·X·G with G = Xᵀ·X
/// ```
/// Each iteration moves every singular value σ to 1.5σ − 0.5σ³, which converges to 1 for
/// σ ∈ (0, √3) and quadratically near 1. It stops when max |G − I| ≤ `tolerance`, when the
/// residual stops shrinking at the Float32 rounding floor, or after `maxIterations`. After an
/// optimizer step W is already near orthogonal, so a step costs one to three iterations of two
/// GEMMs each, O(min(r, c)²·max(r, c)) per iteration. The first application, from a random kernel,
/// needs about log₁.₅(σ_max/σ_min) more.
///
/// PyTorch's `parametrizations.orthogonal` reaches the same set of matrices differently: it
/// trains an unconstrained matrix and maps it onto orthogonal ones at every forward pass
/// (matrix exponential, Cayley map or Householder products), so gradient descent runs on the
/// underlying matrix. This rule is projected gradient descent on W itself, so the trajectories
/// differ; both keep the kernel orthogonal to Float32 precision after every step.
///
/// NOTE: A rank-deficient kernel, such as one from the `zeros` initializer, keeps its zero singular
/// values: the iteration cannot rotate a direction it does not have, so the result is not orthogonal.
public struct OrthogonalProjection: ParameterConstraint, Equatable {
  /// The largest |(G − I)ᵢⱼ| accepted as converged; about the rounding error of a Float32 Gram
  /// matrix with a few hundred terms per entry.
  public static let tolerance: Float = 4e-6
  /// The iteration limit; a full-rank kernel whose condition number is below 1e6 converges well within it.
  public static let maxIterations = 60

  public init() {}

  public var description: String { "orthogonal" }

  public func apply(to parameter: Parameter, learningRate: Double) {
    let shape = parameter.value.shape
    let rows = shape.count >= 2 ? shape[0] : 1
    let columns = rows == 0 ? 0 : parameter.value.count / rows
    guard rows > 0, columns > 0 else { return }
    var matrix = OrthogonalizationWorkspace(rows: rows, columns: columns, values: parameter.value.scalars)

    var previousResidual = Float.infinity
    for iteration in 0...Self.maxIterations {
      matrix.computeGram()
      if iteration == 0 {
        // Scale so that every σ ≤ 1, inside the iteration's region of convergence (0, √3).
        let bound = matrix.gramRowSumBound()
        guard bound > 0 else { return }
        if bound > 1 { matrix.scale(by: 1 / bound) }
      }
      let residual = matrix.gramResidual()
      if residual <= Self.tolerance || iteration == Self.maxIterations { break }
      // Near convergence each iteration squares the residual; once it no longer halves, the
      // Float32 rounding floor is reached and further iterations only add noise.
      if residual < 1e-3 && residual > 0.5 * previousResidual { break }
      previousResidual = residual
      matrix.iterate()
    }
    parameter.value.scalars = matrix.values
  }
}

/// The matrix being orthogonalized, its Gram matrix and the buffer of the next iterate.
private struct OrthogonalizationWorkspace {
  let rows: Int
  let columns: Int
  /// X, row-major `[rows, columns]`.
  var values: [Float]
  /// G = X·Xᵀ when rows ≤ columns, else Xᵀ·X; `[size, size]`.
  var gram: [Float]
  var next: [Float]

  /// True when the rows are made orthonormal, false when the columns are.
  var wide: Bool { rows <= columns }
  var size: Int { min(rows, columns) }

  init(rows: Int, columns: Int, values: [Float]) {
    self.rows = rows
    self.columns = columns
    self.values = values
    let size = min(rows, columns)
    gram = [Float](repeating: 0, count: size * size)
    next = [Float](repeating: 0, count: values.count)
  }

  mutating func computeGram() {
    let (rows, columns, size, wide) = (rows, columns, size, wide)
    values.withUnsafeBufferPointer { x in
      gram.withUnsafeMutableBufferPointer { g in
        if wide {
          // G = X·Xᵀ: X is [rows, columns] (lda = columns), used transposed as the right operand.
          gemm(
            .none, .transposed, m: rows, n: rows, k: columns, a: x.baseAddress!, lda: columns,
            b: x.baseAddress!, ldb: columns, beta: 0, c: g.baseAddress!, ldc: size)
        } else {
          // G = Xᵀ·X: X is [rows, columns] (lda = columns), used transposed as the left operand.
          gemm(
            .transposed, .none, m: columns, n: columns, k: rows, a: x.baseAddress!, lda: columns,
            b: x.baseAddress!, ldb: columns, beta: 0, c: g.baseAddress!, ldc: size)
        }
      }
    }
  }

  /// Returns max over rows of Σⱼ |Gᵢⱼ|, an upper bound on λ_max(G) = σ_max(X)² (Gershgorin).
  func gramRowSumBound() -> Float {
    var bound: Float = 0
    for row in 0..<size {
      var sum: Float = 0
      for column in 0..<size { sum += abs(gram[row * size + column]) }
      bound = max(bound, sum)
    }
    return bound
  }

  /// Returns max |Gᵢⱼ − δᵢⱼ|.
  func gramResidual() -> Float {
    var residual: Float = 0
    for row in 0..<size {
      for column in 0..<size {
        let identity: Float = row == column ? 1 : 0
        residual = max(residual, abs(gram[row * size + column] - identity))
      }
    }
    return residual
  }

  /// Multiplies X by √factor and G by factor.
  mutating func scale(by factor: Float) {
    let root = factor.squareRoot()
    for index in values.indices { values[index] *= root }
    for index in gram.indices { gram[index] *= factor }
  }

  /// X ← 1.5·X − 0.5·G·X (rows ≤ columns) or 1.5·X − 0.5·X·G, with the G of the current X.
  mutating func iterate() {
    let (rows, columns, size, wide) = (rows, columns, size, wide)
    values.withUnsafeBufferPointer { x in
      gram.withUnsafeBufferPointer { g in
        next.withUnsafeMutableBufferPointer { result in
          result.baseAddress!.update(from: x.baseAddress!, count: x.count)
          if wide {
            // G is [rows, rows] (lda = rows), X is [rows, columns] (ldb = columns).
            gemm(
              .none, .none, m: rows, n: columns, k: rows, alpha: -0.5, a: g.baseAddress!, lda: size,
              b: x.baseAddress!, ldb: columns, beta: 1.5, c: result.baseAddress!, ldc: columns)
          } else {
            // X is [rows, columns] (lda = columns), G is [columns, columns] (ldb = columns).
            gemm(
              .none, .none, m: rows, n: columns, k: columns, alpha: -0.5, a: x.baseAddress!, lda: columns,
              b: g.baseAddress!, ldb: size, beta: 1.5, c: result.baseAddress!, ldc: columns)
          }
        }
      }
    }
    swap(&values, &next)
  }
}
