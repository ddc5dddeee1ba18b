// Resuming a run from a `TrainingSnapshot` taken at an epoch boundary or in the middle of an
// epoch: the final weights, optimizer state and history match an uninterrupted run bit for bit.

import Testing
import WeightLabCore

@testable import WeightLab

private func makeOptimizer(_ name: String) -> any Optimizer {
  switch name {
  case "sgd": return SGD(learningRate: 0.05, momentum: 0.9)
  case "adamw": return AdamW(learningRate: 1e-2, weightDecay: 1e-2)
  default: return Adam(learningRate: 1e-2)
  }
}

private func makeTrainer(optimizer: String, epochs: Int) -> Trainer {
  let model = Sequential(inputFeatures: 8, hiddenWidths: [16], outputs: 3, activation: .relu)
  model.initialize(weight: HeNormal(), bias: Constant.zeros, seed: 5)
  return Trainer(
    model: model, optimizer: makeOptimizer(optimizer), regularization: Regularization(penalties: [L2(1e-4)]),
    configuration: TrainingConfiguration(epochs: epochs, batchSize: 32, seed: 5))
}

/// Stops after `steps` calls, then never again.
private func stopAfter(_ steps: Int) -> () -> Bool {
  var calls = 0
  return {
    calls += 1
    return calls == steps
  }
}

private let train = blobs(count: 300, seed: 1)
private let test = blobs(count: 90, seed: 2)

@Suite("Trainer resume")
struct TrainerResumeTests {
  /// 300 rows in batches of 32 give 10 steps per epoch: stopping after 7 steps lands mid-epoch 1,
  /// after 10 at the end of epoch 1, and after 23 mid-epoch 3.
  @Test(
    "Resumed run matches uninterrupted run",
    arguments: ["sgd", "adam", "adamw"], [7, 10, 23])
  func resumeIsBitIdentical(optimizer: String, stopStep: Int) throws {
    let straight = makeTrainer(optimizer: optimizer, epochs: 4)
    let expected = straight.fit(train: train, validation: nil, test: test)

    let first = makeTrainer(optimizer: optimizer, epochs: 4)
    let stopped = first.fit(
      train: train, validation: nil, test: test, observer: TrainingObserver(shouldStop: stopAfter(stopStep)))
    let snapshot = try #require(stopped.interruption)
    let second = makeTrainer(optimizer: optimizer, epochs: 4)
    try second.restore(snapshot)
    let resumed = second.fit(train: train, validation: nil, test: test)

    #expect(snapshot.globalStep == stopStep)
    #expect(resumed.interruption == nil)
    #expect(second.model.parameters.map(\.value) == straight.model.parameters.map(\.value))
    #expect(
      second.optimizer.exportState(of: second.model.parameters)
        == straight.optimizer.exportState(of: straight.model.parameters))
    #expect(resumed.history.map(\.trainLoss) == expected.history.map(\.trainLoss))
    #expect(resumed.history.map(\.testAccuracy) == expected.history.map(\.testAccuracy))
  }

  @Test("Stop at an epoch boundary points at the next epoch")
  func boundarySnapshotPosition() throws {
    let trainer = makeTrainer(optimizer: "adam", epochs: 4)
    var boundaries: [Int] = []
    let observer = TrainingObserver(
      epochCheckpoint: { boundaries.append($0.epoch) }, shouldStop: stopAfter(10))

    let result = trainer.fit(train: train, validation: nil, test: test, observer: observer)

    let snapshot = try #require(result.interruption)
    #expect(snapshot.epoch == 2)
    #expect(snapshot.completedSteps == 0)
    #expect(snapshot.history.count == 1)
    #expect(boundaries == [2])
  }

  @Test("Restore rejects another seed")
  func restoreRejectsSeed() throws {
    let trainer = makeTrainer(optimizer: "sgd", epochs: 2)
    let stopped = trainer.fit(
      train: train, validation: nil, test: nil, observer: TrainingObserver(shouldStop: stopAfter(3)))
    var snapshot = try #require(stopped.interruption)
    snapshot.shuffleSeed = 99

    #expect(throws: TrainingSnapshotError.self) {
      try makeTrainer(optimizer: "sgd", epochs: 2).restore(snapshot)
    }
  }

  @Test("Optimizer import rejects a wrong buffer size")
  func optimizerImportChecksSizes() {
    let parameters = makeTrainer(optimizer: "sgd", epochs: 1).model.parameters
    let path = parameters[0].path
    let state = OptimizerState(buffers: ["velocity/\(path)": [1, 2, 3]])

    #expect(throws: OptimizerStateError.self) {
      try SGD(learningRate: 0.1).importState(state, for: parameters)
    }
  }
}
