// Element-wise activation functions, their derivatives, and the gains initializers use for them.

import Foundation
import WeightLabCore

/// An element-wise nonlinearity applied after a layer's affine map.
public enum Activation: Equatable, Sendable, CustomStringConvertible {
  case identity
  case relu
  /// max(x, slope · x) for a small positive `slope` (PyTorch's default is 0.01).
  case leakyReLU(slope: Float)
  case tanh
  case sigmoid

  /// The names accepted by `init(spec:)`.
  public static let names = ["identity", "relu", "leaky-relu", "tanh", "sigmoid"]

  public var description: String {
    switch self {
    case .identity: return "identity"
    case .relu: return "relu"
    case .leakyReLU(let slope): return "leaky-relu:slope=\(slope)"
    case .tanh: return "tanh"
    case .sigmoid: return "sigmoid"
    }
  }

  /// Applies the activation to `count` values in place.
  public func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .identity:
      return
    case .relu:
      for index in 0..<count { values[index] = max(values[index], 0) }
    case .leakyReLU(let slope):
      for index in 0..<count {
        let x = values[index]
        values[index] = x > 0 ? x : slope * x
      }
    case .tanh:
      for index in 0..<count { values[index] = Foundation.tanh(values[index]) }
    case .sigmoid:
      for index in 0..<count { values[index] = 1 / (1 + Foundation.exp(-values[index])) }
    }
  }

  /// Multiplies `gradient` in place by the derivative of the activation, written in terms of the
  /// activation's output `y` (every activation here has a derivative expressible from its output).
  public func multiplyByDerivative(
    gradient: UnsafeMutablePointer<Float>, output: UnsafePointer<Float>, count: Int
  ) {
    switch self {
    case .identity:
      return
    case .relu:
      VectorKernels.zeroWhereNotPositive(count: count, gradient: gradient, output: output)
    case .leakyReLU(let slope):
      VectorKernels.scaleWhereNotPositive(count: count, gradient: gradient, output: output, slope: slope)
    case .tanh:
      for index in 0..<count {
        let y = output[index]
        gradient[index] *= 1 - y * y
      }
    case .sigmoid:
      for index in 0..<count {
        let y = output[index]
        gradient[index] *= y * (1 - y)
      }
    }
  }
}
