// Optimizers update parameters from their gradients. Each keeps per-parameter state (momentum,
// moment estimates) in buffers allocated on the first step and reused afterwards.

import WeightLabCore

/// A gradient-based update rule applied to a fixed list of parameters.
public protocol Optimizer: AnyObject, CustomStringConvertible {
  /// The step size γ.
  var learningRate: Double { get set }

  /// Updates every parameter in place from its current gradient.
  func step(_ parameters: [Parameter])
}

/// Parses optimizer names.
public enum OptimizerCatalog {
  public static let names = ["sgd", "adam"]

  /// Creates the optimizer `name` with `learningRate`; `momentum` applies to SGD only.
  public static func make(name: String, learningRate: Double, momentum: Double) throws(SpecError)
    -> any Optimizer
  {
    guard learningRate > 0, learningRate.isFinite else {
      throw SpecError(spec: name, reason: "the learning rate must be a positive number, got \(learningRate)")
    }
    switch name.lowercased() {
    case "sgd":
      guard momentum >= 0, momentum < 1 else {
        throw SpecError(spec: name, reason: "momentum must be in [0, 1), got \(momentum)")
      }
      return SGD(learningRate: learningRate, momentum: momentum)
    case "adam":
      return Adam(learningRate: learningRate)
    default:
      throw SpecError(
        spec: name, reason: "unknown optimizer '\(name)'; valid names: \(names.joined(separator: ", "))")
    }
  }
}
