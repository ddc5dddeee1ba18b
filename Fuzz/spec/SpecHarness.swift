// libFuzzer harness for spec strings. The input text goes through every parser that `--init`,
// `--bias-init`, `--reg` and `--activation` reach. Each may throw a SpecError, but nothing may
// trap, and what a parser accepts must build values, penalties and constraints on a small layer.

import WeightLab
import WeightLabCore

/// The activations whose gains the He initializers take when the spec sets none.
private let activations: [Activation] = [.relu, .leakyReLU(slope: 0.2), .tanh, .sigmoid, .identity]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSpec(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)

  _ = try? Spec(parsing: text)
  _ = try? Activation(parsing: text)
  if let specs = try? Spec.parseList(text) {
    for spec in specs {
      _ = spec.description
      buildInitializers(spec)
    }
  }
  if let regularization = try? RegularizerCatalog.regularization(text) {
    applyRegularization(regularization)
  }
  return 0
}

/// Builds the kernel and bias initializers of `spec` and draws values for a 3 x 4 dense layer.
private func buildInitializers(_ spec: Spec) {
  let fans = Fans.dense(inFeatures: 4, outFeatures: 3)
  for activation in activations {
    var stream = RandomStream(seed: 1, name: "dense1.weight")
    if let initialization = try? InitializerCatalog.make(spec, activation: activation) {
      _ = initialization.description
      checkFinite(initialization.weight.makeValues(shape: [3, 4], fans: fans, using: &stream), spec)
      checkFinite(initialization.bias.makeValues(shape: [3], fans: fans, using: &stream), spec)
    }
    if let bias = try? InitializerCatalog.makeBias(spec, activation: activation) {
      checkFinite(bias.makeValues(shape: [3], fans: fans, using: &stream), spec)
    }
  }
}

/// Applies the penalties' values and gradients and the after-step rules to a 3 x 4 kernel.
private func applyRegularization(_ regularization: Regularization) {
  _ = regularization.description
  var stream = RandomStream(seed: 2, name: "dense1.weight")
  let values = XavierUniform().makeValues(
    shape: [3, 4], fans: .dense(inFeatures: 4, outFeatures: 3), using: &stream)
  let kernel = Parameter(path: "dense1.weight", role: .kernel, value: values)
  _ = regularization.penalty(of: [kernel])
  regularization.addGradients(to: [kernel])
  if (try? regularization.checkLearningRate(0.01)) != nil {
    regularization.applyConstraints(to: [kernel], learningRate: 0.01)
  }
}

private func checkFinite(_ tensor: Tensor, _ spec: Spec) {
  if let bad = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
    fatalError("'\(spec)' drew \(tensor.scalars[bad]) at element \(bad) of shape \(tensor.shape)")
  }
}
