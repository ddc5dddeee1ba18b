// Orthogonal and identity initializers: orthonormal rows or columns to Float32 precision, the gain,
// PyTorch's flattening of higher-rank kernels, and rectangular identities.

import Testing
import WeightLab
import WeightLabCore

/// Returns M·Mᵀ (when `rows` is true) or Mᵀ·M of a row-major `rows × columns` matrix, in Double.
private func gram(_ m: [Float], rows: Int, columns: Int, ofRows: Bool) -> [Double] {
  let size = ofRows ? rows : columns
  var product = [Double](repeating: 0, count: size * size)
  for i in 0..<size {
    for j in 0..<size {
      var sum = 0.0
      if ofRows {
        for k in 0..<columns { sum += Double(m[i * columns + k]) * Double(m[j * columns + k]) }
      } else {
        for k in 0..<rows { sum += Double(m[k * columns + i]) * Double(m[k * columns + j]) }
      }
      product[i * size + j] = sum
    }
  }
  return product
}

/// Returns the row-major `size × size` identity times `value`.
private func scaledIdentity(_ size: Int, _ value: Double = 1) -> [Double] {
  var identity = [Double](repeating: 0, count: size * size)
  for i in 0..<size { identity[i * size + i] = value }
  return identity
}

@Suite("Orthogonal and identity")
struct OrthogonalTests {
  // Float32 rounding of each entry is about 6e-8 relative, so a dot product of unit vectors is exact
  // to well under 1e-5 at these sizes.
  static let tolerance = 1e-5

  @Test("wide kernel has orthonormal rows", arguments: [[3, 5], [64, 300], [8, 3, 3, 3]])
  func wideKernelHasOrthonormalRows(_ shape: [Int]) {
    var stream = RandomStream(seed: 5, name: "orthogonal")
    let kernel = Orthogonal().makeValues(shape: shape, fans: Fans(fanIn: 1, fanOut: 1), using: &stream)
    let rows = shape[0]
    let columns = shape.dropFirst().reduce(1, *)

    #expect(kernel.shape == shape)
    expectClose(
      gram(kernel.scalars, rows: rows, columns: columns, ofRows: true), scaledIdentity(rows),
      relativeTolerance: 0,
      absoluteTolerance: Self.tolerance, "Q·Qᵀ")
  }

  @Test("tall or square kernel has orthonormal columns", arguments: [[5, 3], [300, 64], [256, 256]])
  func tallKernelHasOrthonormalColumns(_ shape: [Int]) {
    var stream = RandomStream(seed: 5, name: "orthogonal")
    let kernel = Orthogonal().makeValues(shape: shape, fans: Fans(fanIn: 1, fanOut: 1), using: &stream)

    expectClose(
      gram(kernel.scalars, rows: shape[0], columns: shape[1], ofRows: false), scaledIdentity(shape[1]),
      relativeTolerance: 0, absoluteTolerance: Self.tolerance, "Qᵀ·Q")
  }

  @Test("gain scales the Gram matrix")
  func gainScalesGramMatrix() {
    var stream = RandomStream(seed: 9, name: "orthogonal")
    let kernel = Orthogonal(gain: 2).makeValues(
      shape: [6, 10], fans: Fans(fanIn: 10, fanOut: 6), using: &stream)

    expectClose(
      gram(kernel.scalars, rows: 6, columns: 10, ofRows: true), scaledIdentity(6, 4), relativeTolerance: 0,
      absoluteTolerance: 4 * Self.tolerance, "Q·Qᵀ with gain 2")
  }

  @Test("sign fix makes entries symmetric")
  func signFixMakesEntriesSymmetric() {
    // Without the sign correction, this QR gives Q[0][0] = -|A[0][0]| / ‖A's first column‖, always
    // negative. With it, Q[0][0] is positive half the time: for 2000 draws of a 4 × 4 Q, the count of positive Q[0][0] is
    // Binomial(2000, 1/2) with SD 22.4, so ±100 is 4.5 SD.
    var positive = 0
    for seed in 0..<2000 {
      var stream = RandomStream(seed: UInt64(seed), name: "orthogonal")
      let kernel = Orthogonal().makeValues(shape: [4, 4], fans: Fans(fanIn: 4, fanOut: 4), using: &stream)
      if kernel.scalars[0] > 0 { positive += 1 }
    }

    #expect(abs(positive - 1000) < 100, "\(positive) of 2000 first entries are positive")
  }

  @Test("identity square and rectangular", arguments: [[4, 4], [3, 5], [5, 3]])
  func identityPutsGainOnDiagonal(_ shape: [Int]) {
    var stream = RandomStream(seed: 1, name: "identity")
    let kernel = Identity(gain: 0.5).makeValues(shape: shape, fans: Fans(fanIn: 1, fanOut: 1), using: &stream)

    for row in 0..<shape[0] {
      for column in 0..<shape[1] {
        #expect(kernel[row, column] == (row == column ? 0.5 : 0), "element [\(row), \(column)]")
      }
    }
  }
}
