// Training on small synthetic problems: seeded determinism, learning a separable problem,
// zero initialization staying at chance, and divergence detection.

import Testing
import WeightLabCore

@testable import WeightLab

private func train(
  initializer: any Initializer, seed: UInt64, learningRate: Double = 1e-2, epochs: Int = 5
) -> (model: Sequential, result: TrainingResult) {
  let model = Sequential(inputFeatures: 8, hiddenWidths: [16, 16], outputs: 3, activation: .relu)
  model.initialize(weight: initializer, bias: Constant.zeros, seed: seed)
  let trainer = Trainer(
    model: model, optimizer: Adam(learningRate: learningRate),
    regularization: Regularization(penalties: [L2(1e-4)]),
    configuration: TrainingConfiguration(epochs: epochs, batchSize: 32, seed: seed))
  let result = trainer.fit(
    train: blobs(count: 300, seed: 1), validation: nil, test: blobs(count: 150, seed: 2))
  return (model, result)
}

@Suite("Trainer")
struct TrainerTests {
  @Test("Same seed gives bit-identical weights and history")
  func determinism() {
    let first = train(initializer: HeNormal(), seed: 3)
    let second = train(initializer: HeNormal(), seed: 3)
    #expect(first.model.parameters.map(\.value) == second.model.parameters.map(\.value))
    #expect(first.result.history.map(\.trainLoss) == second.result.history.map(\.trainLoss))
    let other = train(initializer: HeNormal(), seed: 4)
    #expect(first.model.parameters[0].value != other.model.parameters[0].value)
  }

  @Test("He initialization learns separable blobs")
  func learnsBlobs() throws {
    let run = train(initializer: HeNormal(), seed: 0)
    let last = try #require(run.result.history.last)
    #expect(last.testAccuracy! > 0.95)
    #expect(last.trainLoss < run.result.history[0].trainLoss)
  }

  @Test("Zero initialization cannot break symmetry")
  func zeroInitializationStaysSymmetric() throws {
    let run = train(initializer: Constant.zeros, seed: 0)
    // With zero kernels and zero biases every ReLU unit outputs 0, so no hidden kernel receives a
    // gradient: the hidden kernels stay exactly zero and all units stay identical.
    for layer in run.model.layers.dropLast() {
      #expect(layer.kernel.value.scalars.allSatisfy { $0 == 0 })
    }
    let last = try #require(run.result.history.last)
    #expect(last.testAccuracy! < 0.5)
  }

  @Test("A huge learning rate is reported as divergence")
  func divergence() throws {
    let model = Sequential(inputFeatures: 8, hiddenWidths: [16], outputs: 3, activation: .relu)
    model.initialize(weight: HeNormal(), bias: Constant.zeros, seed: 0)
    let initial = model.parameters.map(\.value)
    let trainer = Trainer(
      model: model, optimizer: SGD(learningRate: 1e30), regularization: .none,
      configuration: TrainingConfiguration(epochs: 3, batchSize: 32, seed: 0))
    let result = trainer.fit(train: blobs(count: 300, seed: 1), validation: nil, test: nil)
    let divergence = try #require(result.divergence)
    #expect(divergence.epoch == 1)
    #expect(!divergence.loss.isFinite)
    // A step of 1e30 makes the weights so large that the next forward pass overflows: the report
    // names the layer and parameter where the non-finite values appeared.
    #expect(divergence.layer != nil)
    #expect(divergence.parameterPath != nil)
    #expect(divergence.description.contains("first non-finite"))
    #expect(result.history.isEmpty)
    // The model is restored to the last good weights: here, the initial ones.
    #expect(model.parameters.map(\.value) == initial)
  }
}
