// The orthogonal initializer: a random matrix with orthonormal rows or columns, scaled by a gain.

import WeightLabCore

/// Draws a (semi-)orthogonal matrix, uniformly distributed over the orthogonal group, times `gain`.
///
/// ```
/// W = gain · Q,   Q·Qᵀ = I when rows ≤ cols,   Qᵀ·Q = I when rows > cols
/// ```
///
/// Shapes follow PyTorch `orthogonal_`: rows = shape[0] (the output units) and cols = the product of
/// the other dimensions, so a convolution kernel `[out, in, kh, kw]` is flattened to
/// `[out, in·kh·kw]` and each output filter is orthonormal to the others when out ≤ in·kh·kw.
/// (Keras flattens the leading dimensions instead, which gives the same property for its layout.)
/// Steps: draw A ~ N(0, 1) of `rows × cols`, transpose it when rows < cols, factor A = Q·R by
/// Householder reflections in Double, multiply column j of Q by sign(R[j][j]) so that Q is
/// uniformly (Haar) distributed and not biased by the QR convention, transpose back, scale.
/// `fans` is not used. The shape must have rank ≥ 2 (PyTorch rejects fewer dimensions too).
///
/// - Complexity: O(max(rows, cols) · min(rows, cols)²) in Double.
///
/// Source: Saxe, McClelland and Ganguli (2014), "Exact solutions to the nonlinear dynamics of
/// learning in deep linear neural networks"; the sign correction is from Mezzadri (2007), "How to
/// generate random matrices from the classical compact groups".
public struct Orthogonal: Initializer, Equatable {
  /// The multiplier on Q; must be positive.
  public var gain: Double

  public init(gain: Double = 1) {
    precondition(gain > 0 && gain.isFinite, "orthogonal needs a finite gain > 0, got \(gain)")
    self.gain = gain
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    precondition(shape.count >= 2, "orthogonal needs a shape of rank >= 2, got \(shape)")
    let rows = shape[0]
    let columns = shape.dropFirst().reduce(1, *)
    guard rows > 0, columns > 0 else { return Tensor(shape: shape) }

    var drawn = [Float](repeating: 0, count: rows * columns)
    Sampler.fillNormal(&drawn, mean: 0, std: 1, using: &stream)
    let transposes = rows < columns
    let (tallRows, tallColumns) = transposes ? (columns, rows) : (rows, columns)
    var tall = [Double](repeating: 0, count: rows * columns)
    for i in 0..<rows {
      for j in 0..<columns {
        let index = transposes ? j * rows + i : i * columns + j
        tall[index] = Double(drawn[i * columns + j])
      }
    }

    let factors = HouseholderQR(tall, rows: tallRows, columns: tallColumns)
    let signs = factors.rDiagonal.map { $0 < 0 ? -1.0 : 1.0 }

    var values = [Float](repeating: 0, count: rows * columns)
    for i in 0..<tallRows {
      for j in 0..<tallColumns {
        let value = gain * signs[j] * factors.q[i * tallColumns + j]
        let index = transposes ? j * columns + i : i * columns + j
        values[index] = Float(value)
      }
    }
    return Tensor(shape: shape, scalars: values)
  }

  public var description: String { "orthogonal:gain=\(formatArgument(gain))" }
}
