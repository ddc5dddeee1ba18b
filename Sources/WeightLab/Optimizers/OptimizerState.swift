// The per-parameter state of an optimizer as plain named arrays, so a checkpoint can store it and
// a resumed run can continue with exactly the same momentum and moment estimates.

import WeightLabCore

/// An optimizer's state: Float32 buffers keyed by a name and a parameter path, and integer counters.
///
/// Buffer keys are `<buffer>/<parameter path>`, such as `velocity/dense1.weight` for SGD or
/// `firstMoment/dense1.weight` and `secondMoment/dense1.weight` for Adam. An optimizer that has
/// not stepped yet exports no buffers, and importing such a state leaves it unstepped.
public struct OptimizerState: Sendable, Equatable {
  public var buffers: [String: [Float]]
  public var counters: [String: Int]

  public init(buffers: [String: [Float]] = [:], counters: [String: Int] = [:]) {
    self.buffers = buffers
    self.counters = counters
  }
}

/// A state that does not fit the optimizer or the parameters it is imported into.
public struct OptimizerStateError: Error, CustomStringConvertible {
  public var description: String
}

extension OptimizerState {
  /// Copies the buffers named `name` of every parameter out of `storage`.
  static func export(_ name: String, of storage: [ScratchBuffer], parameters: [Parameter]) -> [String:
    [Float]]
  {
    var buffers: [String: [Float]] = [:]
    for (parameter, buffer) in zip(parameters, storage) {
      let count = parameter.value.count
      buffers["\(name)/\(parameter.path)"] = Array(UnsafeBufferPointer(start: buffer.pointer, count: count))
    }
    return buffers
  }

  /// Returns new buffers named `name`, one per parameter, filled from the state.
  ///
  /// - Throws: `OptimizerStateError` naming the parameter whose buffer is missing or has the wrong size.
  func importBuffers(_ name: String, parameters: [Parameter]) throws(OptimizerStateError) -> [ScratchBuffer] {
    var storage: [ScratchBuffer] = []
    for parameter in parameters {
      let key = "\(name)/\(parameter.path)"
      guard let values = buffers[key] else {
        throw OptimizerStateError(description: "the optimizer state has no buffer '\(key)'")
      }
      guard values.count == parameter.value.count else {
        throw OptimizerStateError(
          description: "the optimizer buffer '\(key)' has \(values.count) values, but the parameter has "
            + "\(parameter.value.count)")
      }
      let buffer = ScratchBuffer(capacity: values.count)
      values.withUnsafeBufferPointer { buffer.pointer.update(from: $0.baseAddress!, count: values.count) }
      storage.append(buffer)
    }
    return storage
  }
}
