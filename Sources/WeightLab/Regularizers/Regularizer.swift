// Penalties on weights during training: each adds a term to the loss and its gradient to the
// parameter's gradient. Penalties apply to the whole parameter and are never divided by the batch size.

import WeightLabCore

/// A penalty `R(w)` added to the training loss, with its gradient added to `∂L/∂w`.
///
/// The total objective for a mini-batch is `mean data loss + Σ_parameters R(w)`: the penalty is
/// summed over the selected parameters' elements and is not scaled by the batch size (Keras's
/// convention for weight regularizers; scikit-learn's MLP instead divides by the batch size).
public protocol Regularizer: Sendable, CustomStringConvertible {
  /// Returns `R(w)` for a parameter of `shape` stored row-major at `values`.
  func penalty(_ values: UnsafePointer<Float>, shape: [Int]) -> Double

  /// Adds `∂R/∂w` for a parameter of `shape` to `gradient` in place.
  func addGradient(_ values: UnsafePointer<Float>, shape: [Int], to gradient: UnsafeMutablePointer<Float>)
}

/// A penalty that is a sum over elements, so a parameter's shape does not change it.
public protocol ElementwiseRegularizer: Regularizer {
  /// Returns `R(w)` for the `count` values at `values`.
  func penalty(_ values: UnsafePointer<Float>, count: Int) -> Double

  /// Adds `∂R/∂w` to `gradient` in place.
  func addGradient(_ values: UnsafePointer<Float>, count: Int, to gradient: UnsafeMutablePointer<Float>)
}

extension ElementwiseRegularizer {
  public func penalty(_ values: UnsafePointer<Float>, shape: [Int]) -> Double {
    penalty(values, count: shape.reduce(1, *))
  }

  public func addGradient(
    _ values: UnsafePointer<Float>, shape: [Int], to gradient: UnsafeMutablePointer<Float>
  ) {
    addGradient(values, count: shape.reduce(1, *), to: gradient)
  }
}

/// The scaling convention of an L2 penalty.
public enum L2Convention: String, Sendable, CaseIterable {
  /// `λ·Σw²`, gradient `2λw` (Keras `L2`, PyTorch users' "weight decay" is the gradient λw instead).
  case sum
  /// `½·λ·Σw²`, gradient `λw` (Caffe and TensorFlow's `tf.nn.l2_loss`; equals PyTorch's coupled
  /// `weight_decay=λ` in SGD and Adam).
  case half
}

/// The L1 penalty `λ·Σ|w|`, gradient `λ·sign(w)` (with sign(0) = 0, a subgradient).
///
/// Plain L1 drives weights towards zero but gradient steps make them oscillate around it, so they
/// rarely land exactly on zero; proximal L1 (soft-thresholding after the step) gives exact zeros.
public struct L1: ElementwiseRegularizer {
  public let strength: Double

  public init(_ strength: Double) {
    precondition(strength >= 0 && strength.isFinite, "L1 strength must be finite and ≥ 0, got \(strength)")
    self.strength = strength
  }

  public var description: String { "l1:\(strength)" }

  public func penalty(_ values: UnsafePointer<Float>, count: Int) -> Double {
    strength * VectorKernels.sumOfMagnitudes(count: count, x: values)
  }

  public func addGradient(
    _ values: UnsafePointer<Float>, count: Int, to gradient: UnsafeMutablePointer<Float>
  ) {
    let step = Float(strength)
    for index in 0..<count {
      let w = values[index]
      if w > 0 {
        gradient[index] += step
      } else if w < 0 {
        gradient[index] -= step
      }
    }
  }
}

/// The L2 penalty `λ·Σw²` (gradient `2λw`), or `½·λ·Σw²` (gradient `λw`) with `.half`.
public struct L2: ElementwiseRegularizer {
  public let strength: Double
  public let convention: L2Convention

  public init(_ strength: Double, convention: L2Convention = .sum) {
    precondition(strength >= 0 && strength.isFinite, "L2 strength must be finite and ≥ 0, got \(strength)")
    self.strength = strength
    self.convention = convention
  }

  public var description: String {
    convention == .sum ? "l2:\(strength)" : "l2:\(strength),convention=half"
  }

  /// The factor in front of Σw²: λ for `.sum`, λ/2 for `.half`.
  var coefficient: Double { convention == .sum ? strength : strength / 2 }

  public func penalty(_ values: UnsafePointer<Float>, count: Int) -> Double {
    coefficient * VectorKernels.sumOfSquares(count: count, x: values)
  }

  public func addGradient(
    _ values: UnsafePointer<Float>, count: Int, to gradient: UnsafeMutablePointer<Float>
  ) {
    VectorKernels.axpy(count: count, alpha: Float(2 * coefficient), x: values, y: gradient)
  }
}

/// The elastic-net penalty `l1·Σ|w| + l2·Σw²` (Keras `L1L2`; gradient `l1·sign(w) + 2·l2·w`).
public struct ElasticNet: ElementwiseRegularizer {
  public let l1: L1
  public let l2: L2

  public init(l1: Double, l2: Double, convention: L2Convention = .sum) {
    self.l1 = L1(l1)
    self.l2 = L2(l2, convention: convention)
  }

  public var description: String { "elastic-net:l1=\(l1.strength),l2=\(l2.strength)" }

  public func penalty(_ values: UnsafePointer<Float>, count: Int) -> Double {
    l1.penalty(values, count: count) + l2.penalty(values, count: count)
  }

  public func addGradient(
    _ values: UnsafePointer<Float>, count: Int, to gradient: UnsafeMutablePointer<Float>
  ) {
    l1.addGradient(values, count: count, to: gradient)
    l2.addGradient(values, count: count, to: gradient)
  }
}
