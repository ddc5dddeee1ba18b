// The probe reproduces the two classic findings on synthetic data: Xavier's signal shrinks by
// about 1/√2 per ReLU layer while He's stays level, and tanh with N(0, 0.01²) weights vanishes
// within a few layers. Features are unit-variance normals, so only depth and the weights decide.

import Testing
import WeightLab

@testable import WeightLabExperiments

@Suite("Initialization probe")
struct InitializationProbeTests {
  private let batch = syntheticExamples(count: 256, features: 128, classes: 10, seed: 7)

  @Test("He keeps ReLU std level, Xavier decays")
  func reluDepth() throws {
    let result = try InitializationProbe.run(
      initializers: ["xavier-normal", "he-normal"], hiddenWidths: Array(repeating: 128, count: 20),
      activation: .relu, batch: batch, classCount: 10, seed: 0)
    let xavier = result.profiles[0].verdict
    let he = result.profiles[1].verdict

    // Xavier with fan-in = fan-out keeps Var(w) = 1/fan, half of what ReLU needs, so the std falls
    // by √(1/2) per layer: 0.707^19 ≈ 1.4e-3 over 20 hidden layers. 0.01 leaves room for sampling noise.
    #expect(xavier.health == .vanishing)
    #expect(xavier.activationStdRatio < 0.01)
    #expect(abs(xavier.perLayerFactor - 0.5.squareRoot()) < 0.05)
    // He's per-layer factor is 1 in expectation; a finite width of 128 lets the product wander a
    // little, so allow a factor of 2 over 19 layers.
    #expect(he.health == .healthy)
    #expect(he.activationStdRatio > 0.5)
    #expect(he.activationStdRatio < 2)
    #expect(result.recommendation.initializer == "he-normal")
    #expect(result.profiles.count == 2)
  }

  @Test("tanh with tiny weights vanishes")
  func tanhSmallWeights() throws {
    let result = try InitializationProbe.run(
      initializers: ["normal:std=0.01"], hiddenWidths: Array(repeating: 128, count: 8), activation: .tanh,
      batch: batch, classCount: 10, seed: 0)
    let small = result.profiles[0]

    // Each layer multiplies the std by about 0.01 · √128 ≈ 0.11, so layer 2 is already near 0.1 ×
    // layer 1 and layer 3 is well below it.
    #expect(small.verdict.health == .vanishing)
    #expect((small.verdict.firstVanishedLayer ?? 99) <= 3)
    #expect(small.layers[2].activationStd < 0.02 * small.layers[0].activationStd)
    // Xavier is added because tanh calls for it, and it stays healthy.
    let added = try #require(result.profiles.last)
    #expect(added.initializer == "xavier-normal")
    #expect(added.addedAsRecommendation)
    #expect(added.verdict.health == .healthy)
  }

  @Test("Dead fraction of zero-bias ReLU layers")
  func deadUnitsAreCounted() throws {
    let result = try InitializationProbe.run(
      initializers: ["he-normal"], hiddenWidths: [64, 64], activation: .relu, batch: batch, classCount: 10,
      seed: 0)
    let layers = result.profiles[0].layers

    // With 256 rows, a unit with zero bias is off for every row only with negligible probability.
    #expect(layers[0].deadFraction == 0)
    #expect(layers[0].saturatedFraction == nil)
    #expect(layers[2].deadFraction == nil)
    #expect(layers.allSatisfy { $0.kernelGradientNorm > 0 })
  }

  @Test("Pre-activations match a direct computation")
  func preActivationStd() throws {
    let tiny = syntheticExamples(count: 4, features: 3, classes: 2, seed: 11)
    let model = Sequential(inputFeatures: 3, hiddenWidths: [2], outputs: 2, activation: .relu)
    model.layers[0].kernel.value.scalars = [1, 0, 0, 0, -1, 0]
    model.layers[0].bias.value.scalars = [0.5, 0]
    model.layers[1].kernel.value.scalars = [1, 0, 0, 1]

    let layers = SignalProbe.measure(model, batch: tiny)

    // z = (x₀ + 0.5, −x₁) for each row; its mean and population std, worked out here.
    var z: [Double] = []
    for row in 0..<4 {
      z.append(Double(tiny.features.scalars[row * 3]) + 0.5)
      z.append(-Double(tiny.features.scalars[row * 3 + 1]))
    }
    let mean = z.reduce(0, +) / 8
    let std = (z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 8).squareRoot()
    #expect(abs(layers[0].preActivationMean - mean) < 1e-6)
    #expect(abs(layers[0].preActivationStd - std) < 1e-6)
    let relu = z.map { max($0, 0) }
    #expect(abs(layers[0].activationMean - relu.reduce(0, +) / 8) < 1e-6)
  }
}
