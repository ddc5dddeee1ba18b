// Finite-difference gradient checks: every layer, activation, loss and regularizer's analytic
// gradient must match central differences of the loss it claims to differentiate.

import Testing
import WeightLabCore

@testable import WeightLab

/// A tiny network and batch, with the loss recomputed from scratch for finite differences.
private struct GradientProblem {
  let model: Sequential
  let input: [Float]
  let labels: [Int32]
  let batchSize: Int
  let regularization: Regularization

  init(
    activation: Activation, hidden: [Int] = [5, 4], regularization: Regularization = .none, seed: UInt64 = 7,
    parametrization: KernelParametrization = .none
  ) {
    let inputs = 6
    let classes = 3
    batchSize = 4
    model = Sequential(
      inputFeatures: inputs, hiddenWidths: hidden, outputs: classes, activation: activation,
      parametrization: parametrization)
    // Weights from N(0, 0.5²) and biases from N(0, 0.1²) give pre-activations of order 1 (so tanh
    // and sigmoid are in their curved region) and keep ReLU units away from their kink. A weight-norm
    // magnitude g from N(1, 0.3²) gives rows of about the same norm as those kernels.
    for parameter in model.parameters {
      var stream = RandomStream(seed: seed, name: parameter.path)
      let (mean, std): (Double, Double) =
        switch parameter.role {
        case .kernel: (0, 0.5)
        case .normalizationScale: (1, 0.3)
        default: (0, 0.1)
        }
      Sampler.fillNormal(&parameter.value.scalars, mean: mean, std: std, using: &stream)
    }
    var dataStream = RandomStream(seed: seed, name: "data")
    var values = [Float](repeating: 0, count: batchSize * inputs)
    Sampler.fillNormal(&values, mean: 0, std: 1, using: &dataStream)
    input = values
    labels = (0..<batchSize).map { Int32($0 % classes) }
    self.regularization = regularization
  }

  /// The mean data loss plus the penalty, computed in a fresh forward pass.
  func loss() -> Double {
    input.withUnsafeBufferPointer { x in
      labels.withUnsafeBufferPointer { y in
        let logits = model.forward(x.baseAddress!, batchSize: batchSize)
        let result = SoftmaxCrossEntropy.evaluate(
          logits: logits, labels: y.baseAddress!, batchSize: batchSize,
          classCount: model.layers.last!.outFeatures, gradient: nil)
        return result.lossSum / Double(batchSize) + regularization.penalty(of: model.parameters)
      }
    }
  }

  /// Runs forward and backward and returns each parameter's analytic gradient.
  func analyticGradients() -> [[Double]] {
    let classes = model.layers.last!.outFeatures
    let gradient = ScratchBuffer(capacity: batchSize * classes)
    input.withUnsafeBufferPointer { x in
      labels.withUnsafeBufferPointer { y in
        let logits = model.forward(x.baseAddress!, batchSize: batchSize)
        _ = SoftmaxCrossEntropy.evaluate(
          logits: logits, labels: y.baseAddress!, batchSize: batchSize, classCount: classes,
          gradient: gradient.pointer)
        model.backward(input: x.baseAddress!, logitGradient: gradient.pointer, batchSize: batchSize)
      }
    }
    regularization.addGradients(to: model.parameters)
    return model.parameters.map { $0.gradient.scalars.map(Double.init) }
  }

  /// Central differences (L(w + h) − L(w − h)) / 2h for every element of every parameter.
  func numericGradients(step: Float) -> [[Double]] {
    model.parameters.map { parameter in
      (0..<parameter.value.count).map { index in
        let original = parameter.value.scalars[index]
        parameter.value.scalars[index] = original + step
        let plus = loss()
        parameter.value.scalars[index] = original - step
        let minus = loss()
        parameter.value.scalars[index] = original
        let actualStep = Double(original + step) - Double(original - step)
        return (plus - minus) / actualStep
      }
    }
  }
}

private func checkGradients(_ problem: GradientProblem, sourceLocation: SourceLocation = #_sourceLocation) {
  let analytic = problem.analyticGradients()
  // A step of 1e-2 keeps Float32 rounding of the loss (about 1e-7 relative) well below the
  // truncation error, which is O(h²) ≈ 1e-4 for these smooth, order-one functions.
  let numeric = problem.numericGradients(step: 1e-2)
  for (index, parameter) in problem.model.parameters.enumerated() {
    expectClose(
      analytic[index], numeric[index], relativeTolerance: 1e-2, absoluteTolerance: 2e-4, parameter.path,
      sourceLocation: sourceLocation)
  }
}

@Suite("Finite-difference gradients")
struct GradientCheckTests {
  @Test(
    "Dense and activation gradients",
    arguments: [Activation.identity, .relu, .leakyReLU(slope: 0.1), .tanh, .sigmoid])
  func denseGradients(activation: Activation) {
    checkGradients(GradientProblem(activation: activation))
  }

  @Test("Softmax cross-entropy gradient, no hidden layer")
  func softmaxCrossEntropyGradient() {
    checkGradients(GradientProblem(activation: .identity, hidden: []))
  }

  @Test(
    "Regularizer gradients",
    arguments: [
      Regularization(penalties: [L1(0.05)]),
      Regularization(penalties: [L2(0.05)]),
      Regularization(penalties: [L2(0.05, convention: .half)]),
      Regularization(penalties: [ElasticNet(l1: 0.03, l2: 0.07)]),
      Regularization(penalties: [L2(0.05)], roles: [.kernel, .bias]),
      Regularization(penalties: [OrthogonalPenalty(factor: 0.5, mode: .inputs)]),
    ])
  func regularizerGradients(regularization: Regularization) {
    checkGradients(GradientProblem(activation: .tanh, regularization: regularization))
  }

  @Test(
    "Weight-norm gradients of g and v",
    arguments: [Activation.identity, .relu, .tanh, .sigmoid])
  func weightNormGradients(activation: Activation) {
    checkGradients(GradientProblem(activation: activation, parametrization: .weightNorm))
  }

  @Test("Weight-norm gradients with a penalty on v and g")
  func weightNormPenaltyGradients() {
    let regularization = Regularization(penalties: [L2(0.05)], roles: [.kernel, .normalizationScale])
    checkGradients(
      GradientProblem(activation: .tanh, regularization: regularization, parametrization: .weightNorm))
  }
}
