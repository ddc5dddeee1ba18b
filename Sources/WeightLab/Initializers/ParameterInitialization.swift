// The pair of initializers a layer applies to its kernel and its bias.

/// The initializers for a layer's kernel and bias.
///
/// Both receive the layer's `Fans`, so a bias initializer that depends on the fan (PyTorch's
/// default) receives the layer's fan-in. Biases start at zero unless a preset or the user sets them.
public struct ParameterInitialization: Sendable, CustomStringConvertible {
  public var weight: any Initializer
  public var bias: any Initializer

  public init(weight: any Initializer, bias: any Initializer = Constant.zeros) {
    self.weight = weight
    self.bias = bias
  }

  /// PyTorch's default for Linear and Conv: U(±1/sqrt(fanIn)) for the kernel and the bias.
  public static let torchDefault = ParameterInitialization(weight: TorchDefault(), bias: TorchDefault())

  /// Keras's default for Dense and Conv: Glorot uniform kernel, zero bias.
  public static let kerasDefault = ParameterInitialization(weight: XavierUniform(), bias: Constant.zeros)

  public var description: String { "weight \(weight), bias \(bias)" }
}
