// Optimizers update parameters from their gradients. Each keeps per-parameter state (momentum,
// moment estimates) in buffers allocated on the first step and reused afterwards.

import WeightLabCore

/// A gradient-based update rule applied to a fixed list of parameters.
public protocol Optimizer: AnyObject, CustomStringConvertible {
  /// The step size γ.
  var learningRate: Double { get set }

  /// Updates every parameter in place from its current gradient.
  func step(_ parameters: [Parameter])

  /// Returns a copy of the per-parameter state (momentum, moment estimates, step count) for `parameters`.
  func exportState(of parameters: [Parameter]) -> OptimizerState

  /// Replaces the per-parameter state with `state`, so the next step is the one that would have
  /// followed the export.
  ///
  /// - Throws: `OptimizerStateError` when a buffer is missing or does not match its parameter's size.
  func importState(_ state: OptimizerState, for parameters: [Parameter]) throws(OptimizerStateError)
}

/// Parses optimizer names.
public enum OptimizerCatalog {
  public static let names = ["sgd", "adam", "adamw"]

  /// One optimizer as `weightlab list` shows it.
  public struct Entry: Sendable, Equatable {
    public var name: String
    public var formula: String
    public var defaults: String
  }

  /// The optimizers, in the order `weightlab list` prints them.
  public static let entries: [Entry] = [
    Entry(
      name: "sgd", formula: "v ← μ·v + g, θ ← θ − γ·v (PyTorch SGD, dampening 0)",
      defaults: "momentum μ=0.9 (--momentum); coupled weight decay: --reg l2:λ,convention=half"),
    Entry(
      name: "adam",
      formula: "m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − γ·m̂/(√v̂ + ε) (PyTorch Adam)",
      defaults: "β₁=0.9, β₂=0.999, ε=1e-8; Adam(weight_decay=λ) is --reg l2:λ,convention=half"),
    Entry(
      name: "adamw", formula: "θ ← θ·(1 − γλ), then the adam step (PyTorch AdamW; kernels only)",
      defaults: "λ=0.01 (--weight-decay), β₁=0.9, β₂=0.999, ε=1e-8"),
  ]

  /// Creates the optimizer `name` with `learningRate`; `momentum` applies to SGD only and
  /// `weightDecay` (nil for the default 0.01) to AdamW only.
  public static func make(name: String, learningRate: Double, momentum: Double, weightDecay: Double? = nil)
    throws(SpecError) -> any Optimizer
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
    case "adamw":
      let decay = weightDecay ?? 1e-2
      guard decay >= 0, decay.isFinite, learningRate * decay < 1 else {
        throw SpecError(
          spec: name,
          reason:
            "the weight decay must be ≥ 0 with learning rate × weight decay below 1, got \(decay) "
            + "and learning rate \(learningRate)")
      }
      return AdamW(learningRate: learningRate, weightDecay: decay)
    default:
      throw SpecError(
        spec: name, reason: "unknown optimizer '\(name)'; valid names: \(names.joined(separator: ", "))")
    }
  }
}
