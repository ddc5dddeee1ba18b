// The vectors whose norms the norm constraints (max-norm, min-max-norm, unit-norm) measure, and
// the shared rescaling loop that applies a per-vector factor.

/// Which vectors of a parameter a norm constraint measures.
///
/// A Dense kernel is `[outFeatures, inFeatures]`, so one row is one unit's incoming weight vector.
/// Keras stores the same kernel as `(in, out)`, so its default `axis=0` (the norm over the inputs,
/// one norm per unit) is `.perUnit` here, and Keras `axis=1` is `.perInput`. A parameter of rank
/// above 2, such as a convolution kernel `[out, in, kh, kw]`, is flattened to `[shape[0], rest]`, so
/// `.perUnit` is one norm per output filter (Keras `axis=[0, 1, 2]` for channels-last Conv2D).
/// A rank-1 parameter such as a bias is one vector whatever the axis.
public enum NormAxis: String, Sendable, CaseIterable {
  /// One norm per row of the flattened `[shape[0], rest]` matrix: each unit's incoming weights.
  case perUnit = "units"
  /// One norm per column of the flattened matrix: each input's outgoing weights.
  case perInput = "inputs"
  /// One norm over the whole parameter.
  case whole
}

/// The ε that Keras constraints add to a norm before dividing by it (`keras.config.epsilon()`, 1e-7).
public let constraintEpsilon = 1e-7

extension NormAxis {
  /// Multiplies each vector `v` of `parameter`, chosen by this axis, by `factor(‖v‖₂)`.
  ///
  /// Norms are accumulated in Double; the factor is applied in Float.
  /// - Complexity: O(n) for n elements, two passes.
  func rescale(_ parameter: Parameter, factor: (Double) -> Double) {
    let shape = parameter.value.shape
    let rows = shape.count >= 2 ? shape[0] : 1
    let columns = rows == 0 ? 0 : parameter.value.count / rows
    guard rows > 0, columns > 0 else { return }

    parameter.value.scalars.withUnsafeMutableBufferPointer { values in
      switch self {
      case .whole:
        let scale = Float(factor(Self.norm(values, start: 0, stride: 1, count: values.count)))
        for index in values.indices { values[index] *= scale }
      case .perUnit:
        for row in 0..<rows {
          let start = row * columns
          let scale = Float(factor(Self.norm(values, start: start, stride: 1, count: columns)))
          for index in start..<(start + columns) { values[index] *= scale }
        }
      case .perInput:
        for column in 0..<columns {
          let scale = Float(factor(Self.norm(values, start: column, stride: columns, count: rows)))
          for row in 0..<rows { values[row * columns + column] *= scale }
        }
      }
    }
  }

  private static func norm(_ values: UnsafeMutableBufferPointer<Float>, start: Int, stride: Int, count: Int)
    -> Double
  {
    var sum = 0.0
    for step in 0..<count {
      let value = Double(values[start + step * stride])
      sum += value * value
    }
    return sum.squareRoot()
  }
}
