// LSUV on synthetic batches: the calibrated pre-activation variance, the number of rescalings, the
// orthonormal start and the spec.

import Testing
import WeightLabCore

@testable import WeightLab

/// Returns a `[rows, features]` batch from N(0, 3²), so that an orthonormal first layer starts far from
/// unit variance.
private func gaussianBatch(rows: Int, features: Int, seed: UInt64) -> Tensor {
  var stream = RandomStream(seed: seed, name: "lsuv-test/batch")
  var values = [Float](repeating: 0, count: rows * features)
  Sampler.fillNormal(&values, mean: 0, std: 3, using: &stream)
  return Tensor(shape: [rows, features], scalars: values)
}

/// Returns the population variance of z = x·Wᵀ + b for `layer`, recomputed in Double without BLAS.
private func preActivationVariance(_ layer: Dense, input: [Float], rows: Int) -> Double {
  var sum = 0.0
  var squares = 0.0
  let weights = layer.kernel.value.scalars
  for row in 0..<rows {
    for unit in 0..<layer.outFeatures {
      var z = Double(layer.bias.value.scalars[unit])
      for k in 0..<layer.inFeatures {
        z += Double(input[row * layer.inFeatures + k]) * Double(weights[unit * layer.inFeatures + k])
      }
      sum += z
      squares += z * z
    }
  }
  let count = Double(rows * layer.outFeatures)
  return squares / count - (sum / count) * (sum / count)
}

@Suite("LSUV")
struct LSUVTests {
  @Test("ReLU layers reach unit variance in one rescaling")
  func reluOneIteration() {
    let model = Sequential(inputFeatures: 20, hiddenWidths: [16, 12], outputs: 5, activation: .relu)
    let batch = gaussianBatch(rows: 200, features: 20, seed: 1)

    let results = LSUV.initialize(model: model, batch: batch, seed: 9)

    #expect(results.map(\.path) == ["dense1.weight", "dense2.weight", "dense3.weight"])
    // With zero biases z is linear in W, so W/√Var gives Var = 1 up to Float32 rounding.
    for result in results {
      #expect(result.iterations == 1, "\(result.path)")
      #expect(result.converged, "\(result.path)")
      expectClose(result.variance, 1, absoluteTolerance: 1e-4, result.path)
    }
    // The first layer of an orthonormal W on N(0, 9) inputs starts near variance 9·16/20.
    #expect(results[0].initialVariance > 4)
    // An independent recomputation of the first layer's variance agrees with the report.
    let recomputed = preActivationVariance(model.layers[0], input: batch.scalars, rows: 200)
    expectClose(recomputed, results[0].variance, relativeTolerance: 1e-4)
  }

  @Test("Tanh layers reach the tolerance within the iteration limit")
  func tanhConverges() {
    let model = Sequential(inputFeatures: 20, hiddenWidths: [16, 16, 16], outputs: 5, activation: .tanh)
    let batch = gaussianBatch(rows: 300, features: 20, seed: 2)
    let results = LSUV.initialize(model: model, batch: batch, tolerance: 0.02, maxIterations: 10, seed: 4)
    for result in results {
      #expect(result.converged, "\(result.path)")
      #expect(abs(result.variance - 1) < 0.02, "\(result.path)")
      #expect(result.warning == nil)
    }
  }

  @Test("The iteration limit bounds the rescalings")
  func iterationLimit() {
    let model = Sequential(inputFeatures: 4, hiddenWidths: [], outputs: 3, activation: .identity)
    // A non-zero bias makes part of Var(z) independent of W: with biases ±3 on three units the bias
    // alone contributes a variance of 6, so Var(z) ≥ 6 whatever the scale of W and it never reaches 1.
    model.layers[0].bias.value = Tensor(shape: [3], scalars: [3, -3, 0])
    let batch = gaussianBatch(rows: 50, features: 4, seed: 3)
    let results = LSUV.initialize(model: model, batch: batch, maxIterations: 3, seed: 0)
    #expect(results[0].iterations == 3)
    #expect(!results[0].converged)
    #expect(results[0].warning?.contains("dense1.weight") == true)
  }

  @Test("The start is orthonormal and seeded by parameter path")
  func orthonormalStart() {
    let lsuv = LSUV()
    var first = RandomStream(seed: 5, name: "dense1.weight")
    var second = RandomStream(seed: 5, name: "dense1.weight")
    let fans = Fans.dense(inFeatures: 8, outFeatures: 3)
    let values = lsuv.makeValues(shape: [3, 8], fans: fans, using: &first)
    #expect(values == Orthogonal().makeValues(shape: [3, 8], fans: fans, using: &second))
  }

  @Test("Spec parses and rejects bad arguments")
  func spec() throws {
    let initialization = try InitializerCatalog.make(
      try Spec(parsing: "lsuv:tolerance=0.05,max-iterations=20"), activation: .relu)
    #expect(initialization.weight as? LSUV == LSUV(tolerance: 0.05, maxIterations: 20))
    #expect(
      try InitializerCatalog.make(try Spec(parsing: "lsuv"), activation: .relu).weight as? LSUV == LSUV())
    for bad in [
      "lsuv:tolerance=0", "lsuv:tolerance=1.5", "lsuv:max-iterations=0", "lsuv:max-iterations=2.5",
      "lsuv:gain=2",
    ] {
      #expect(throws: SpecError.self, "\(bad)") {
        try InitializerCatalog.make(try Spec(parsing: bad), activation: .relu)
      }
    }
    #expect(throws: SpecError.self) {
      try InitializerCatalog.makeBias(try Spec(parsing: "lsuv"), activation: .relu)
    }
  }
}
