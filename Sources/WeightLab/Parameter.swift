// Trainable parameters: the value, its gradient, the role that selects which regularizers and
// constraints apply, and the path that names it and keys its random stream.

import WeightLabCore

/// What a parameter does in its layer. Regularizers, weight decay and constraints select
/// parameters by role; by default only kernels are penalized or constrained.
public enum ParameterRole: String, Sendable, CaseIterable {
  case kernel
  case bias
  case normalizationScale
  case normalizationOffset
  case embedding
}

/// A trainable tensor with its gradient.
///
/// A reference type, because the layer that owns it, the optimizer and the regularizers all update
/// the same storage in place during a step.
public final class Parameter {
  /// The path that names this parameter in the model, such as `dense2.weight`.
  public let path: String
  /// The role used to select regularizers and constraints.
  public let role: ParameterRole
  /// The current value.
  public var value: Tensor
  /// The gradient of the total loss with respect to `value`, accumulated by the last backward pass.
  public var gradient: Tensor

  public init(path: String, role: ParameterRole, value: Tensor) {
    self.path = path
    self.role = role
    self.value = value
    self.gradient = Tensor(shape: value.shape)
  }

  /// Sets every gradient element to zero.
  public func zeroGradient() {
    gradient.scalars.withUnsafeMutableBufferPointer { buffer in
      buffer.update(repeating: 0)
    }
  }
}
