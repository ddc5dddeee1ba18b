// Seeded replay: the same stream gives bit-identical values and another seed gives different ones;
// constant initializers report that they do not break symmetry.

import Testing
import WeightLab
import WeightLabCore

@Suite("Determinism and symmetry")
struct DeterminismTests {
  static let randomSpecs = [
    "uniform", "normal", "truncated-normal", "xavier-uniform", "xavier-normal", "he-uniform", "he-normal",
    "lecun-uniform", "lecun-normal", "variance-scaling", "orthogonal", "sparse:0.5", "torch-default",
  ]

  @Test("same stream replays bits", arguments: randomSpecs)
  func sameStreamReplaysBits(_ text: String) throws {
    let initializer = try InitializerCatalog.makeInitializer(Spec(parsing: text), activation: .relu)
    let first = drawDense(initializer, inFeatures: 30, outFeatures: 20, seed: 42)
    let second = drawDense(initializer, inFeatures: 30, outFeatures: 20, seed: 42)

    #expect(first.scalars.map(\.bitPattern) == second.scalars.map(\.bitPattern))
  }

  @Test("other seed or path differs", arguments: randomSpecs)
  func otherSeedOrPathDiffers(_ text: String) throws {
    let initializer = try InitializerCatalog.makeInitializer(Spec(parsing: text), activation: .relu)
    let first = drawDense(initializer, inFeatures: 30, outFeatures: 20, seed: 42)
    let otherSeed = drawDense(initializer, inFeatures: 30, outFeatures: 20, seed: 43)
    let otherPath = drawDense(initializer, inFeatures: 30, outFeatures: 20, seed: 42, path: "dense2.weight")

    #expect(first != otherSeed)
    #expect(first != otherPath)
  }

  @Test("constants do not break symmetry")
  func constantsDoNotBreakSymmetry() {
    #expect(Constant.zeros.breaksSymmetry == false)
    #expect(Constant.ones.breaksSymmetry == false)
    #expect(Constant(value: 0.3).breaksSymmetry == false)
    #expect(XavierUniform().breaksSymmetry)
    #expect(Orthogonal().breaksSymmetry)
  }

  @Test("constant fills every element")
  func constantFillsEveryElement() {
    let kernel = drawDense(Constant(value: 0.3), inFeatures: 4, outFeatures: 3)

    #expect(kernel.shape == [3, 4])
    #expect(kernel.scalars.allSatisfy { $0 == Float(0.3) })
  }
}
