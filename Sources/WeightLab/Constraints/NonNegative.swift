// The non-negativity constraint: clamps negative weights to zero.

/// Sets every negative element to zero, as Keras `NonNeg`: `w ← max(w, 0)`.
public struct NonNegative: ParameterConstraint, Equatable {
  public init() {}

  public var description: String { "non-neg" }

  public func apply(to parameter: Parameter, learningRate: Double) {
    parameter.value.scalars.withUnsafeMutableBufferPointer { values in
      for index in values.indices where values[index] < 0 { values[index] = 0 }
    }
  }
}
