// Constant initializers: zeros, ones and any fixed value. Biases start at zero by default.

import WeightLabCore

/// Sets every element to `value`.
///
/// ```
/// w = value
/// ```
///
/// Every unit of a layer then starts with the same incoming weights and receives the same gradient,
/// so training can never make them differ (`breaksSymmetry` is false). That is right for biases and
/// normalization offsets, and it is the failure WeightLab's comparisons show for hidden kernels.
/// Matches PyTorch `constant_`, `zeros_`, `ones_` and Keras `Constant`, `Zeros`, `Ones`.
public struct Constant: Initializer, Equatable {
  public var value: Double

  public init(value: Double) {
    precondition(value.isFinite, "a constant initializer needs a finite value, got \(value)")
    self.value = value
  }

  /// All zeros: the default for biases.
  public static let zeros = Constant(value: 0)
  /// All ones: the usual start for normalization scales.
  public static let ones = Constant(value: 1)

  public var breaksSymmetry: Bool { false }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    Tensor(shape: shape, repeating: Float(value))
  }

  public var description: String {
    switch value {
    case 0: return "zeros"
    case 1: return "ones"
    default: return "constant:value=\(formatArgument(value))"
    }
  }
}
