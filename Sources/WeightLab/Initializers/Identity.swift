// The identity initializer: ones on the main diagonal of a 2-D kernel, times a gain.

import WeightLabCore

/// Sets a 2-D kernel to `gain` on its main diagonal and 0 elsewhere.
///
/// ```
/// W[i][j] = gain if i == j, else 0,   for i < rows, j < cols
/// ```
///
/// Rectangular kernels are allowed: the diagonal has min(rows, cols) ones, as in PyTorch `eye_` and
/// Keras `Identity`. A dense layer `[out, in]` with out = in then starts as the identity map, which
/// lets deep plain or residual stacks pass their input through unchanged. The shape must have rank 2;
/// convolution kernels need a Dirac initializer instead. `fans` is not used. When rows > cols, the
/// rows below the diagonal start as identical zero rows.
///
/// Source: Le, Jaitly and Hinton (2015), "A simple way to initialize recurrent networks of rectified
/// linear units", use the identity for recurrent kernels.
public struct Identity: Initializer, Equatable {
  /// The value on the diagonal; must be positive.
  public var gain: Double

  public init(gain: Double = 1) {
    precondition(gain > 0 && gain.isFinite, "identity needs a finite gain > 0, got \(gain)")
    self.gain = gain
  }

  public func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor {
    precondition(shape.count == 2, "identity needs a 2-D shape, got \(shape)")
    var tensor = Tensor(shape: shape)
    for index in 0..<min(shape[0], shape[1]) {
      tensor[index, index] = Float(gain)
    }
    return tensor
  }

  public var description: String { "identity:gain=\(formatArgument(gain))" }
}
