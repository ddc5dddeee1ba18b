// The sparse initializer: normal weights with a fixed fraction of each unit's incoming weights zeroed.

import WeightLabCore

/// Draws N(0, std²) and then zeroes `ceil(sparsity · cols)` randomly chosen entries of every row.
///
/// ```
/// W[i][j] ~ N(0, std²);  for each row i, zero k = ceil(sparsity · cols) entries chosen uniformly
/// ```
///
/// Rows are output units and columns are inputs (a dense kernel is `[out, in]`; a higher-rank
/// kernel is flattened to `[shape[0], product of the rest]`), so each row contains one unit's incoming
/// weights and every unit keeps exactly `cols - k` nonzero inputs.
///
/// This differs from PyTorch `sparse_(sparsity, std=0.01)`, which zeroes `ceil(sparsity · rows)`
/// entries per column: a column holds one input's outgoing weights, so PyTorch fixes how many units
/// each input feeds, and the number of inputs per unit varies from unit to unit (binomially around
/// the same mean fraction). Both give the same overall fraction of zeros; only the per-row choice
/// guarantees each unit's incoming count. The per-row choice follows the source: Martens's sparse
/// initialization limits the number of incoming connections of each unit (15 in the paper), so that
/// no unit's input is dominated by a large fan-in and the total input scale does not depend on it.
/// The default std 0.01 is PyTorch's. `fans` is not used.
///
/// Source: Martens (2010), "Deep learning via Hessian-free optimization".
public struct Sparse: Initializer, Equatable {
  /// The fraction of each row to zero, in [0, 1).
  public var sparsity: Double
  /// The std of the nonzero weights; must be positive.
  public var std: Double

  public init(sparsity: Double, std: Double = 0.01) {
    precondition(sparsity >= 0 && sparsity < 1, "sparse needs 0 <= sparsity < 1, got \(sparsity)")
    precondition(std > 0 && std.isFinite, "sparse needs a finite std > 0, got \(std)")
    self.sparsity = sparsity
    self.std = std
  }

  /// Returns the number of zeros per row of a kernel with `columns` inputs: `ceil(sparsity · columns)`.
  public func zerosPerRow(columns: Int) -> Int {
    Int((sparsity * Double(columns)).rounded(.up))
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    precondition(shape.count >= 2, "sparse needs a shape of rank >= 2, got \(shape)")
    let rows = shape[0]
    let columns = shape.dropFirst().reduce(1, *)
    var values = [Float](repeating: 0, count: rows * columns)
    Sampler.fillNormal(&values, mean: 0, std: std, using: &stream)

    // A partial Fisher-Yates shuffle of the column indices picks k distinct columns per row.
    let zeroCount = zerosPerRow(columns: columns)
    var order = Array(0..<columns)
    for row in 0..<rows {
      for position in 0..<zeroCount {
        let pick = Int.random(in: position..<columns, using: &stream)
        order.swapAt(position, pick)
        values[row * columns + order[position]] = 0
      }
    }
    return Tensor(shape: shape, scalars: values)
  }

  public var description: String { "sparse:sparsity=\(formatArgument(sparsity)),std=\(formatArgument(std))" }
}
