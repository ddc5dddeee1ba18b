// Spectral normalization as an after-step rule: divides a kernel by its largest singular value,
// estimated by power iteration with a vector kept from step to step.

import Foundation
import WeightLabCore

/// Divides each selected kernel by its spectral norm σ (largest singular value) after every step:
///
/// ```
/// v ← Wᵀu / ‖Wᵀu‖,  u ← W·v / ‖W·v‖      repeated `powerIterations` times
/// σ = uᵀ·W·v,  W ← W / σ
/// ```
/// W is the parameter flattened to `[shape[0], rest]`. The vector u of each parameter persists
/// between steps, so one iteration per step tracks σ as the weights change. The first application
/// starts from a normal vector drawn from the stream `(0, path)` and runs 15 iterations, as PyTorch
/// does when the parametrization is registered. Norms use Double and ε = 1e-12 (PyTorch's).
///
/// This matches Keras `SpectralNormalization`, which in training writes W/σ back into the kernel,
/// and PyTorch `parametrizations.spectral_norm`, which computes W/σ at every forward pass: either
/// way the layer trains with σ(W) = 1. Only kernels are normalized by default; a rank-1 parameter
/// is divided by its L2 norm, as PyTorch does for 1-D weights.
///
/// Source: Miyato et al. (2018), "Spectral Normalization for Generative Adversarial Networks".
public final class SpectralNorm: ParameterConstraint, @unchecked Sendable {
  /// Power iterations per application after the first; PyTorch's and Keras's default 1.
  public let powerIterations: Int
  /// Iterations of the first application, when u starts from a random vector.
  static let initialIterations = 15
  static let epsilon = 1e-12

  // The left singular vector estimate of each parameter, keyed by path; guarded by `lock`.
  private var leftVectors: [String: [Double]] = [:]
  private let lock = NSLock()

  public init(powerIterations: Int = 1) {
    precondition(
      powerIterations >= 1, "spectral-norm needs at least one power iteration, got \(powerIterations)")
    self.powerIterations = powerIterations
  }

  public var description: String {
    "spectral-norm" + (powerIterations == 1 ? "" : ":iterations=\(powerIterations)")
  }

  public func apply(to parameter: Parameter, learningRate: Double) {
    let shape = parameter.value.shape
    let rows = shape.count >= 2 ? shape[0] : 1
    let columns = rows == 0 ? 0 : parameter.value.count / rows
    guard rows > 0, columns > 0 else { return }
    let weights = parameter.value.scalars.map(Double.init)

    lock.lock()
    let stored = leftVectors[parameter.path]
    lock.unlock()
    var u = stored ?? Self.startVector(count: rows, path: parameter.path)
    var v = [Double](repeating: 0, count: columns)
    for _ in 0..<(stored == nil ? Self.initialIterations : powerIterations) {
      v = Self.normalized(Self.transposedProduct(weights, rows: rows, columns: columns, u))
      u = Self.normalized(Self.product(weights, rows: rows, columns: columns, v))
    }
    lock.lock()
    leftVectors[parameter.path] = u
    lock.unlock()

    let wv = Self.product(weights, rows: rows, columns: columns, v)
    let sigma = zip(u, wv).reduce(0) { $0 + $1.0 * $1.1 }
    guard sigma > Self.epsilon else { return }
    let scale = Float(1 / sigma)
    parameter.value.scalars.withUnsafeMutableBufferPointer { values in
      for index in values.indices { values[index] *= scale }
    }
  }

  private static func startVector(count: Int, path: String) -> [Double] {
    var stream = RandomStream(seed: 0, name: path)
    var values = [Float](repeating: 0, count: count)
    Sampler.fillNormal(&values, mean: 0, std: 1, using: &stream)
    return normalized(values.map(Double.init))
  }

  private static func normalized(_ vector: [Double]) -> [Double] {
    let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    return vector.map { $0 / max(norm, epsilon) }
  }

  /// Returns W·v for the row-major `[rows, columns]` matrix W.
  private static func product(_ w: [Double], rows: Int, columns: Int, _ v: [Double]) -> [Double] {
    (0..<rows).map { row in
      var sum = 0.0
      for column in 0..<columns { sum += w[row * columns + column] * v[column] }
      return sum
    }
  }

  /// Returns Wᵀ·u for the row-major `[rows, columns]` matrix W.
  private static func transposedProduct(_ w: [Double], rows: Int, columns: Int, _ u: [Double]) -> [Double] {
    var result = [Double](repeating: 0, count: columns)
    for row in 0..<rows {
      for column in 0..<columns { result[column] += w[row * columns + column] * u[row] }
    }
    return result
  }
}
