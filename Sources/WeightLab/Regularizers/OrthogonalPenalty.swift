// The orthogonality penalty: the mean absolute cosine between the weight vectors of different
// units, which pushes the units of a layer to respond to different directions of their input.

import WeightLabCore

/// Keras `OrthogonalRegularizer` on WeightLab's kernel layout:
///
/// ```
/// xᵢ = vᵢ / max(‖vᵢ‖, 1e-6)                       the n vectors, L2-normalized
/// P  = X·Xᵀ with its diagonal set to zero          cosines between pairs
/// R  = factor · ½ · Σᵢⱼ |Pᵢⱼ| / (n(n − 1)/2)      = factor · mean over pairs i < j of |cos(vᵢ, vⱼ)|
/// ```
/// The vectors `vᵢ` are the rows (`.units`) or columns (`.inputs`) of the kernel flattened to
/// `[shape[0], rest]`. A Dense kernel here is `[out, in]`, the transpose of Keras's `(in, out)`, so:
///
/// | WeightLab `mode` | vectors                          | Keras `mode` |
/// |---|---|---|
/// | `units` (default) | each unit's incoming weights (rows) | `'columns'` |
/// | `inputs`          | each input's outgoing weights (columns) | `'rows'` (Keras's default) |
///
/// WeightLab defaults to `units` because that mode pushes a layer's units to be orthogonal
/// to each other; Keras's default `'rows'` on a Dense kernel is `mode=inputs` here. The 1e-6 floor on
/// the norm keeps a zero vector at zero instead of dividing by zero. A parameter with fewer than two
/// vectors, such as a rank-1 bias, has no pairs and a penalty of 0 (Keras rejects inputs that are not
/// rank 2; here a kernel of higher rank is flattened to `[shape[0], rest]`). Not divided by the batch size, like every WeightLab penalty.
///
/// Gradient, with S = sign(P) (zero diagonal) and c = factor / (n(n − 1)):
/// `∂R/∂xᵢ = 2c·(S·X)ᵢ`, then through the normalization `∂R/∂vᵢ = (gᵢ − (gᵢ·xᵢ)·xᵢ) / ‖vᵢ‖`
/// (or `gᵢ / 1e-6` where the floor is active). |P| has a kink at 0, where sign(0) = 0 is used.
///
/// - Complexity: O(n²·d) for n vectors of length d (two matrix products).
public struct OrthogonalPenalty: Regularizer, Equatable {
  /// The choice of kernel vectors that are compared.
  public enum Mode: String, Sendable, CaseIterable {
    /// Rows of `[out, in]`: each unit's incoming weights (Keras `mode='columns'`).
    case units
    /// Columns of `[out, in]`: each input's outgoing weights (Keras `mode='rows'`).
    case inputs
  }

  /// The multiplier on the mean absolute cosine; ≥ 0. Keras's default is 0.01.
  public let factor: Double
  public let mode: Mode

  /// The smallest norm the normalization divides by, so that a zero vector stays zero.
  static let normFloor = 1e-6

  public init(factor: Double = 0.01, mode: Mode = .units) {
    precondition(
      factor >= 0 && factor.isFinite, "orthogonal penalty factor must be finite and ≥ 0, got \(factor)")
    self.factor = factor
    self.mode = mode
  }

  public var description: String {
    "orthogonal-penalty:\(formatArgument(factor))" + (mode == .units ? "" : ",mode=\(mode.rawValue)")
  }

  public func penalty(_ values: UnsafePointer<Float>, shape: [Int]) -> Double {
    guard let vectors = NormalizedVectors(values, shape: shape, mode: mode) else { return 0 }
    let n = vectors.count
    let cosines = vectors.cosines()
    var sum = 0.0
    for i in 0..<n {
      for j in (i + 1)..<n { sum += Double(abs(cosines[i * n + j])) }
    }
    return factor * sum / Double(n * (n - 1) / 2)
  }

  public func addGradient(
    _ values: UnsafePointer<Float>, shape: [Int], to gradient: UnsafeMutablePointer<Float>
  ) {
    guard let vectors = NormalizedVectors(values, shape: shape, mode: mode) else { return }
    let n = vectors.count
    let d = vectors.length

    // S = sign(P) with a zero diagonal, scaled by 2c so that S·X is ∂R/∂X directly.
    var signs = vectors.cosines()
    let scale = Float(2 * factor / Double(n * (n - 1)))
    for i in 0..<n {
      for j in 0..<n {
        let cosine = signs[i * n + j]
        signs[i * n + j] = i == j || cosine == 0 ? 0 : (cosine > 0 ? scale : -scale)
      }
    }
    var normalizedGradient = [Float](repeating: 0, count: n * d)
    // Row-major: S is [n, n] (lda = n), X is [n, d] (ldb = d), the result is [n, d] (ldc = d).
    signs.withUnsafeBufferPointer { s in
      vectors.normalized.withUnsafeBufferPointer { x in
        normalizedGradient.withUnsafeMutableBufferPointer { g in
          gemm(
            .none, .none, m: n, n: d, k: n, a: s.baseAddress!, lda: n, b: x.baseAddress!, ldb: d,
            beta: 0, c: g.baseAddress!, ldc: d)
        }
      }
    }

    for i in 0..<n {
      let row = i * d
      let norm = vectors.norms[i]
      var projection = 0.0
      if norm > Self.normFloor {
        for k in 0..<d {
          projection += Double(normalizedGradient[row + k]) * Double(vectors.normalized[row + k])
        }
      }
      for k in 0..<d {
        let radial = Double(vectors.normalized[row + k]) * projection
        let value = (Double(normalizedGradient[row + k]) - radial) / max(norm, Self.normFloor)
        gradient[vectors.storageIndex(vector: i, element: k)] += Float(value)
      }
    }
  }
}

/// The n vectors that the penalty compares, copied out of the kernel and L2-normalized.
private struct NormalizedVectors {
  let count: Int
  let length: Int
  let mode: OrthogonalPenalty.Mode
  /// Row-major `[count, length]`: row i is vector i divided by max(‖vᵢ‖, 1e-6).
  var normalized: [Float]
  /// ‖vᵢ‖ in Double.
  var norms: [Double]

  /// Returns nil when the parameter has fewer than two vectors to compare.
  init?(_ values: UnsafePointer<Float>, shape: [Int], mode: OrthogonalPenalty.Mode) {
    guard shape.count >= 2 else { return nil }
    let rows = shape[0]
    let columns = shape.dropFirst().reduce(1, *)
    (count, length) = mode == .units ? (rows, columns) : (columns, rows)
    guard count >= 2, length >= 1 else { return nil }
    self.mode = mode

    normalized = [Float](repeating: 0, count: count * length)
    norms = [Double](repeating: 0, count: count)
    let storageColumns = columns
    for i in 0..<count {
      var squares = 0.0
      for k in 0..<length {
        let index = mode == .units ? i * storageColumns + k : k * storageColumns + i
        squares += Double(values[index]) * Double(values[index])
      }
      let norm = squares.squareRoot()
      norms[i] = norm
      let divisor = max(norm, OrthogonalPenalty.normFloor)
      for k in 0..<length {
        let index = mode == .units ? i * storageColumns + k : k * storageColumns + i
        normalized[i * length + k] = Float(Double(values[index]) / divisor)
      }
    }
  }

  /// Returns the index in the kernel's row-major storage of element `element` of vector `vector`.
  func storageIndex(vector: Int, element: Int) -> Int {
    mode == .units ? vector * length + element : element * count + vector
  }

  /// P = X·Xᵀ, row-major `[count, count]`.
  func cosines() -> [Float] {
    var product = [Float](repeating: 0, count: count * count)
    // Row-major: X is [n, d] (lda = d) and is used transposed as the right operand (ldb = d);
    // P is [n, n] (ldc = n).
    normalized.withUnsafeBufferPointer { x in
      product.withUnsafeMutableBufferPointer { p in
        gemm(
          .none, .transposed, m: count, n: count, k: length, a: x.baseAddress!, lda: length,
          b: x.baseAddress!, ldb: length, beta: 0, c: p.baseAddress!, ldc: count)
      }
    }
    return product
  }
}
