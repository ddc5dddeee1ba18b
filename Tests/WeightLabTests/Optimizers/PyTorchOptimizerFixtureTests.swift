// Three-step trajectories of AdamW, Adam with weight_decay and SGD with momentum and weight_decay,
// against torch.optim, from scripts/fixtures/make_optimizer_fixture.py (the JSON beside this file
// records the torch version).

import Foundation
import Testing
import WeightLabCore

@testable import WeightLab

/// The contents of Fixtures/optimizer_steps.json.
private struct OptimizerFixture: Decodable {
  struct Case: Decodable {
    struct Hyperparameters: Decodable {
      var lr: Double
      var weightDecay: Double
      var momentum: Double?
    }
    var name: String
    var hyperparameters: Hyperparameters
    var steps: [[Double]]
  }

  var torch: String
  var initial: [Double]
  var gradients: [[Double]]
  var cases: [Case]

  static func load() throws -> OptimizerFixture {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/optimizer_steps.json")
    return try JSONDecoder().decode(OptimizerFixture.self, from: Data(contentsOf: url))
  }
}

/// Runs `fixtureCase` in WeightLab and returns the parameter after each step.
private func trajectory(_ fixture: OptimizerFixture, _ fixtureCase: OptimizerFixture.Case) throws
  -> [[Double]]
{
  let settings = fixtureCase.hyperparameters
  let parameter = Parameter(
    path: "dense1.weight", role: .kernel,
    value: Tensor(shape: [fixture.initial.count], scalars: fixture.initial.map { Float($0) }))
  // PyTorch's coupled weight_decay adds λθ to the gradient: the half-convention L2 penalty.
  let coupled = Regularization(penalties: [L2(settings.weightDecay, convention: .half)])
  let optimizer: any Optimizer
  var regularization = Regularization.none
  switch fixtureCase.name {
  case "adamw", "adamw-defaults":
    optimizer = AdamW(learningRate: settings.lr, weightDecay: settings.weightDecay)
  case "adam-coupled":
    optimizer = Adam(learningRate: settings.lr)
    regularization = coupled
  case "sgd-momentum-coupled":
    optimizer = SGD(learningRate: settings.lr, momentum: try #require(settings.momentum))
    regularization = coupled
  default:
    Issue.record("unknown fixture case \(fixtureCase.name)")
    return []
  }

  var steps: [[Double]] = []
  for gradient in fixture.gradients {
    parameter.gradient = Tensor(shape: [gradient.count], scalars: gradient.map { Float($0) })
    regularization.addGradients(to: [parameter])
    optimizer.step([parameter])
    steps.append(parameter.value.scalars.map(Double.init))
  }
  return steps
}

@Suite("PyTorch optimizer fixture")
struct PyTorchOptimizerFixtureTests {
  @Test(
    "Three steps match torch.optim",
    arguments: ["adamw", "adamw-defaults", "adam-coupled", "sgd-momentum-coupled"])
  func matchesTorch(name: String) throws {
    let fixture = try OptimizerFixture.load()
    let fixtureCase = try #require(fixture.cases.first { $0.name == name })
    let steps = try trajectory(fixture, fixtureCase)

    #expect(steps.count == fixtureCase.steps.count)
    // Both sides compute in Float32 (ulp 6e-8 relative) but order the operations differently, for
    // example WeightLab folds Adam's bias corrections into the step size. A few operations per step
    // over three steps stays within tens of ulps of values of order 0.01 to 3, hence 1e-5 relative
    // plus 1e-7 absolute for elements that pass near zero.
    for (index, expected) in fixtureCase.steps.enumerated() where index < steps.count {
      expectClose(
        steps[index], expected, relativeTolerance: 1e-5, absoluteTolerance: 1e-7, "\(name) step \(index + 1)")
    }
  }
}
