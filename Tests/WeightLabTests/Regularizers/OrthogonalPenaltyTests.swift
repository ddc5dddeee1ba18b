// Values of the orthogonality penalty worked out by hand, and its Keras mode mapping.

import Testing
import WeightLabCore

@testable import WeightLab

private func penalty(_ regularizer: OrthogonalPenalty, _ values: [Float], shape: [Int]) -> Double {
  values.withUnsafeBufferPointer { regularizer.penalty($0.baseAddress!, shape: shape) }
}

@Suite("Orthogonality penalty")
struct OrthogonalPenaltyTests {
  @Test("Two units at 45 degrees")
  func twoUnits() {
    // Rows (2, 0) and (3, 3): cosine 1/√2, one pair, so R = factor/√2.
    let value = penalty(OrthogonalPenalty(factor: 0.5), [2, 0, 3, 3], shape: [2, 2])
    expectClose(value, 0.5 / 2.0.squareRoot(), relativeTolerance: 1e-6)
  }

  @Test("Three units average the pairs' absolute cosines")
  func threeUnits() {
    // Rows e₁, e₂ and (1, −1, 0)/√2 up to scale: pairs (1,2) 0, (1,3) 1/√2, (2,3) |−1/√2|;
    // the mean over 3 pairs is √2/3.
    let value = penalty(OrthogonalPenalty(factor: 1), [1, 0, 0, 0, 4, 0, 5, -5, 0], shape: [3, 3])
    expectClose(value, 2.0.squareRoot() / 3, relativeTolerance: 1e-6)
  }

  @Test("Orthogonal rows have no penalty")
  func orthogonalRows() {
    var stream = RandomStream(seed: 3, name: "q")
    let q = Orthogonal().makeValues(
      shape: [4, 9], fans: .dense(inFeatures: 9, outFeatures: 4), using: &stream)
    // Float32 rounding of Q leaves cosines of order 1e-7.
    #expect(penalty(OrthogonalPenalty(factor: 1), q.scalars, shape: [4, 9]) < 1e-5)
  }

  @Test("Inputs mode on W equals units mode on Wᵀ")
  func modeMapping() {
    // W is [2, 3]; its columns are the vectors of mode=inputs (Keras mode='rows' on the (in, out) kernel).
    let w: [Float] = [1, 2, -1, 0.5, -3, 2]
    let transposed: [Float] = [1, 0.5, 2, -3, -1, 2]
    let inputs = penalty(OrthogonalPenalty(factor: 1, mode: .inputs), w, shape: [2, 3])
    let units = penalty(OrthogonalPenalty(factor: 1, mode: .units), transposed, shape: [3, 2])
    expectClose(inputs, units, relativeTolerance: 1e-6)
    // Columns (1, 0.5), (2, −3), (−1, 2): dot products 0.5, 0 and −8, norms √1.25, √13 and √5.
    let first = 0.5 / (1.25.squareRoot() * 13.0.squareRoot())
    let third = 8 / (13.0.squareRoot() * 5.0.squareRoot())
    let expected = (first + third) / 3
    expectClose(inputs, expected, relativeTolerance: 1e-6)
  }

  @Test(
    "Gradient matches central differences",
    arguments: [
      (OrthogonalPenalty.Mode.units, [5, 6]), (.inputs, [5, 6]), (.units, [4, 3]), (.units, [3, 2, 2, 2]),
      (.inputs, [3, 2, 2, 2]),
    ])
  func gradient(mode: OrthogonalPenalty.Mode, shape: [Int]) {
    let regularizer = OrthogonalPenalty(factor: 0.5, mode: mode)
    let values = kinkFreeValues(shape: shape, mode: mode)
    var analytic = [Float](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { v in
      analytic.withUnsafeMutableBufferPointer {
        regularizer.addGradient(v.baseAddress!, shape: shape, to: $0.baseAddress!)
      }
    }

    // A step of 1e-3 on weights of order 0.5 keeps the O(h²) truncation error near 1e-6 and the
    // Float32 rounding of the penalty (about 1e-8) divided by 2h near 1e-5.
    let step: Float = 1e-3
    var numeric: [Double] = []
    for index in values.indices {
      var shifted = values
      shifted[index] = values[index] + step
      let plus = penalty(regularizer, shifted, shape: shape)
      shifted[index] = values[index] - step
      let minus = penalty(regularizer, shifted, shape: shape)
      numeric.append((plus - minus) / (Double(values[index] + step) - Double(values[index] - step)))
    }
    expectClose(
      analytic.map(Double.init), numeric, relativeTolerance: 1e-3, absoluteTolerance: 1e-4, "\(mode) \(shape)"
    )
  }

  @Test("A bias vector has no pairs")
  func vector() {
    #expect(penalty(OrthogonalPenalty(factor: 1), [1, 2, 3], shape: [3]) == 0)
  }
}

/// Values from N(0, 0.5²) whose compared vectors have no cosine within 0.05 of zero, the kink of
/// |P|, so that central differences with a step of 1e-3 do not straddle it. Draws from successive
/// seeds until one qualifies.
private func kinkFreeValues(shape: [Int], mode: OrthogonalPenalty.Mode) -> [Float] {
  let rows = shape[0]
  let columns = shape.dropFirst().reduce(1, *)
  let (count, length) = mode == .units ? (rows, columns) : (columns, rows)
  for seed in UInt64(0)..<100 {
    var stream = RandomStream(seed: seed, name: "orthogonal-penalty/gradient")
    var values = [Float](repeating: 0, count: rows * columns)
    Sampler.fillNormal(&values, mean: 0, std: 0.5, using: &stream)
    func element(_ vector: Int, _ k: Int) -> Double {
      Double(mode == .units ? values[vector * columns + k] : values[k * columns + vector])
    }
    var smallest = Double.infinity
    for i in 0..<count {
      for j in (i + 1)..<count {
        var dot = 0.0
        var first = 0.0
        var second = 0.0
        for k in 0..<length {
          dot += element(i, k) * element(j, k)
          first += element(i, k) * element(i, k)
          second += element(j, k) * element(j, k)
        }
        smallest = min(smallest, abs(dot) / (first * second).squareRoot())
      }
    }
    if smallest > 0.05 { return values }
  }
  Issue.record("no seed below 100 gives cosines away from zero for \(shape)")
  return []
}
