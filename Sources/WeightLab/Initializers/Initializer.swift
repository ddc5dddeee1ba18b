// The initializer protocol: how a parameter gets its starting values.

import WeightLabCore

/// A scheme that produces a parameter's starting values before training.
///
/// An initializer is given the parameter's shape, the fans its layer computed, and the random
/// stream keyed by the parameter's path; it must draw only from that stream so that results replay.
public protocol Initializer: Sendable, CustomStringConvertible {
  /// Returns the starting values for a parameter of `shape`.
  func makeValues(shape: [Int], fans: Fans, using stream: inout RandomStream) -> Tensor

  /// Whether this scheme gives every unit of a hidden layer the same incoming weights, so that
  /// gradient descent can never make them differ (zeros and constant).
  var breaksSymmetry: Bool { get }
}

extension Initializer {
  public var breaksSymmetry: Bool { true }
}
