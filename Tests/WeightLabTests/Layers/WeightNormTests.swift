// Weight normalization of dense kernels: initialization keeps the network's function, the
// kernel equals g·v/‖v‖ row by row, and the parameters carry the roles and paths documented.

import Testing
import WeightLabCore

@testable import WeightLab

private func makeNetwork(_ parametrization: KernelParametrization, seed: UInt64 = 3) -> Sequential {
  let model = Sequential(
    inputFeatures: 6, hiddenWidths: [5, 7], outputs: 3, activation: .tanh, parametrization: parametrization)
  model.initialize(weight: HeNormal(), bias: RandomNormal(mean: 0, std: 0.1), seed: seed)
  return model
}

private func logits(of model: Sequential, input: [Float], batchSize: Int) -> [Double] {
  input.withUnsafeBufferPointer { x in
    let output = model.forward(x.baseAddress!, batchSize: batchSize)
    return (0..<(batchSize * model.layers.last!.outFeatures)).map { Double(output[$0]) }
  }
}

/// Returns g·v/‖v‖ row by row, computed in Double.
private func expectedKernel(direction: Tensor, magnitude: Tensor) -> [Double] {
  let columns = direction.shape[1]
  var result: [Double] = []
  for row in 0..<direction.shape[0] {
    let vector = direction.scalars[(row * columns)..<((row + 1) * columns)].map(Double.init)
    let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
    result += vector.map { Double(magnitude.scalars[row]) * $0 / norm }
  }
  return result
}

@Suite("Weight normalization")
struct WeightNormTests {
  @Test("Initialization keeps the plain network's function")
  func initializationKeepsFunction() {
    let plain = makeNetwork(.none)
    let normalized = makeNetwork(.weightNorm)
    var stream = RandomStream(seed: 9, name: "input")
    var input = [Float](repeating: 0, count: 4 * 6)
    Sampler.fillNormal(&input, mean: 0, std: 1, using: &stream)

    expectClose(
      logits(of: normalized, input: input, batchSize: 4), logits(of: plain, input: input, batchSize: 4),
      relativeTolerance: 1e-5, absoluteTolerance: 1e-6, "logits")
  }

  @Test("Initialization sets v to W and g to the row norms")
  func initializationSetsDirectionAndMagnitude() throws {
    let plain = makeNetwork(.none)
    let normalized = makeNetwork(.weightNorm)
    for (plainLayer, layer) in zip(plain.layers, normalized.layers) {
      let weightNorm = try #require(layer.weightNorm)
      #expect(weightNorm.direction.value == plainLayer.kernel.value, "\(weightNorm.direction.path)")
      let columns = layer.inFeatures
      let rowNorms = (0..<layer.outFeatures).map { row in
        plainLayer.kernel.value.scalars[(row * columns)..<((row + 1) * columns)]
          .reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
      }
      expectClose(
        weightNorm.magnitude.value.scalars.map(Double.init), rowNorms, relativeTolerance: 1e-6,
        weightNorm.magnitude.path)
    }
  }

  @Test("Kernel equals g·v/‖v‖ after g and v change")
  func kernelFollowsParameters() throws {
    let model = makeNetwork(.weightNorm)
    var stream = RandomStream(seed: 4, name: "perturbation")
    for parameter in model.parameters where parameter.role != .bias {
      Sampler.fillNormal(&parameter.value.scalars, mean: 0.5, std: 1, using: &stream)
    }

    let kernels = model.currentKernels()
    for (layer, kernel) in zip(model.layers, kernels) {
      let weightNorm = try #require(layer.weightNorm)
      expectClose(
        kernel.value.scalars.map(Double.init),
        expectedKernel(direction: weightNorm.direction.value, magnitude: weightNorm.magnitude.value),
        relativeTolerance: 1e-5, absoluteTolerance: 1e-6, kernel.path)
    }
  }

  @Test("Parameters are v, g and bias with their roles and paths")
  func parameterRolesAndPaths() {
    let model = makeNetwork(.weightNorm)
    #expect(model.parameters.count == 9)
    #expect(
      model.parameters.prefix(3).map(\.path) == [
        "dense1.parametrizations.weight.original1", "dense1.parametrizations.weight.original0", "dense1.bias",
      ])
    #expect(model.parameters.prefix(3).map(\.role) == [.kernel, .normalizationScale, .bias])
    #expect(model.parameters[0].value.shape == [5, 6])
    #expect(model.parameters[1].value.shape == [5])
  }

  @Test("Default regularization leaves g alone")
  func defaultRolesSkipMagnitude() {
    let model = makeNetwork(.weightNorm)
    let magnitude = model.layers[0].weightNorm!.magnitude
    magnitude.zeroGradient()
    Regularization(penalties: [L2(1)]).addGradients(to: model.parameters)
    #expect(magnitude.gradient.scalars.allSatisfy { $0 == 0 })
  }

  @Test("LSUV gives the kernels of the plain network")
  func lsuvMatchesPlainNetwork() {
    var stream = RandomStream(seed: 8, name: "batch")
    var rows = [Float](repeating: 0, count: 64 * 6)
    Sampler.fillNormal(&rows, mean: 0, std: 1, using: &stream)
    let batch = Tensor(shape: [64, 6], scalars: rows)
    let plain = makeNetwork(.none)
    let normalized = makeNetwork(.weightNorm)
    LSUV.initialize(model: plain, batch: batch, seed: 3)
    LSUV.initialize(model: normalized, batch: batch, seed: 3)

    // The forward pass recomputes each kernel from g and v, so it shows whether LSUV updated them.
    _ = logits(of: normalized, input: rows, batchSize: 64)

    for (plainLayer, layer) in zip(plain.layers, normalized.layers) {
      expectClose(
        layer.kernel.value.scalars.map(Double.init), plainLayer.kernel.value.scalars.map(Double.init),
        relativeTolerance: 1e-5, absoluteTolerance: 1e-6, layer.kernel.path)
    }
  }

  @Test("A zero direction row gives a zero kernel row and finite gradients")
  func zeroRowStaysFinite() {
    let layer = Dense(
      inFeatures: 3, outFeatures: 2, activation: .identity, name: "dense1", parametrization: .weightNorm)
    let weightNorm = layer.weightNorm!
    weightNorm.direction.value.scalars = [0, 0, 0, 1, 2, 2]
    weightNorm.magnitude.value.scalars = [2, 6]
    let input: [Float] = [1, -1, 0.5]
    input.withUnsafeBufferPointer { layer.forward($0.baseAddress!, batchSize: 1) }
    #expect(layer.kernel.value.scalars == [0, 0, 0, 2, 4, 4])

    var outputGradient: [Float] = [1, 1]
    input.withUnsafeBufferPointer { x in
      outputGradient.withUnsafeMutableBufferPointer { dy in
        layer.backward(
          input: x.baseAddress!, outputGradient: dy.baseAddress!, batchSize: 1, computeInputGradient: false)
      }
    }
    #expect(weightNorm.direction.gradient.scalars.allSatisfy { $0.isFinite })
    #expect(weightNorm.magnitude.gradient.scalars.allSatisfy { $0.isFinite })
    // Row 2: v = (1, 2, 2), ‖v‖ = 3, ∂L/∂W = x = (1, −1, 0.5), so ∂L/∂g = (1 − 2 + 1)/3 = 0.
    expectClose(Double(weightNorm.magnitude.gradient.scalars[1]), 0, absoluteTolerance: 1e-6, "∂L/∂g₂")
  }
}
