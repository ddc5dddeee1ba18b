// The Float32 tensor that every WeightLab module passes around: row-major, contiguous storage
// with value semantics (copy on write through Swift's Array).

/// A dense, row-major, contiguous array of `Float` values with a shape.
///
/// The last dimension varies fastest, so a matrix of shape `[rows, columns]` stores row `r` at
/// `scalars[r * columns ..< (r + 1) * columns]` and its leading dimension is `columns`.
/// Copies share storage until one of them is mutated.
public struct Tensor: Equatable, Sendable {
  /// The size of each dimension, outermost first.
  public private(set) var shape: [Int]
  /// The elements in row-major order; `scalars.count` equals the product of `shape`.
  public var scalars: [Float]

  /// Creates a tensor of the given shape filled with `value`.
  public init(shape: [Int], repeating value: Float = 0) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
    self.shape = shape
    self.scalars = [Float](repeating: value, count: shape.reduce(1, *))
  }

  /// Creates a tensor from row-major scalars; `scalars.count` must equal the product of `shape`.
  public init(shape: [Int], scalars: [Float]) {
    precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative dimension")
    precondition(
      scalars.count == shape.reduce(1, *),
      "Tensor shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
    self.shape = shape
    self.scalars = scalars
  }

  /// The number of elements.
  public var count: Int { scalars.count }

  /// The number of dimensions.
  public var rank: Int { shape.count }

  /// The size of dimension 0 of a matrix.
  public var rows: Int {
    precondition(rank == 2, "rows needs a rank-2 tensor, got shape \(shape)")
    return shape[0]
  }

  /// The size of dimension 1 of a matrix, which is also its leading dimension.
  public var columns: Int {
    precondition(rank == 2, "columns needs a rank-2 tensor, got shape \(shape)")
    return shape[1]
  }

  /// Returns a tensor with the same scalars and a new shape of the same element count.
  public func reshaped(to newShape: [Int]) -> Tensor {
    Tensor(shape: newShape, scalars: scalars)
  }

  /// Changes the shape in place, reallocating only when the element count grows beyond the capacity.
  ///
  /// Buffers that layers reuse across mini-batches call this when the batch size changes; the
  /// contents after a resize are unspecified.
  public mutating func resize(to newShape: [Int]) {
    let newCount = newShape.reduce(1, *)
    if newCount != scalars.count {
      if newCount < scalars.count {
        scalars.removeLast(scalars.count - newCount)
      } else {
        scalars.append(contentsOf: repeatElement(0, count: newCount - scalars.count))
      }
    }
    shape = newShape
  }

  /// Accesses the element of a matrix at `row`, `column`.
  public subscript(row: Int, column: Int) -> Float {
    get {
      precondition(rank == 2, "Two-index subscript needs a rank-2 tensor, got shape \(shape)")
      return scalars[row * shape[1] + column]
    }
    set {
      precondition(rank == 2, "Two-index subscript needs a rank-2 tensor, got shape \(shape)")
      scalars[row * shape[1] + column] = newValue
    }
  }
}

extension Tensor: CustomStringConvertible {
  public var description: String {
    let preview = scalars.prefix(8).map { String($0) }.joined(separator: ", ")
    let ellipsis = scalars.count > 8 ? ", …" : ""
    return "Tensor(shape: \(shape), scalars: [\(preview)\(ellipsis)])"
  }
}
