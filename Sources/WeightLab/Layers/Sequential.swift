// A stack of dense layers: the multilayer perceptron that every WeightLab experiment trains.

import WeightLabCore

/// A multilayer perceptron: hidden dense layers with a shared activation, then a linear output layer.
public final class Sequential {
  public let layers: [Dense]

  /// Creates `inputFeatures → hidden[0] → … → outputs`; hidden layers use `activation`, the output
  /// layer is linear (its logits feed a softmax cross-entropy). Layers are named `dense1`, `dense2`, ….
  /// `parametrization` applies to every layer, the output layer included.
  public init(
    inputFeatures: Int, hiddenWidths: [Int], outputs: Int, activation: Activation,
    parametrization: KernelParametrization = .none
  ) {
    precondition(inputFeatures > 0 && outputs > 0, "a network needs inputs and outputs")
    var layers: [Dense] = []
    var width = inputFeatures
    for (index, hidden) in hiddenWidths.enumerated() {
      layers.append(
        Dense(
          inFeatures: width, outFeatures: hidden, activation: activation, name: "dense\(index + 1)",
          parametrization: parametrization))
      width = hidden
    }
    layers.append(
      Dense(
        inFeatures: width, outFeatures: outputs, activation: .identity,
        name: "dense\(hiddenWidths.count + 1)",
        parametrization: parametrization))
    self.layers = layers
  }

  /// Every trained parameter, layer by layer: kernel then bias, or under weight norm direction v,
  /// magnitude g, then bias.
  public var parameters: [Parameter] { layers.flatMap(\.trainableParameters) }

  /// Returns the kernel W of every layer, recomputing each from its g and v first under weight
  /// norm, so the values are current even when no forward pass followed the last update.
  public func currentKernels() -> [Parameter] {
    for layer in layers { layer.materializeKernel() }
    return layers.map(\.kernel)
  }

  /// The number of scalar parameters.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }

  /// Initializes every layer from streams keyed by `(seed, parameter path)`, so the weights do not
  /// depend on the order in which layers are initialized.
  public func initialize(weight: any Initializer, bias: any Initializer, seed: UInt64) {
    for layer in layers { layer.initialize(weight: weight, bias: bias, seed: seed) }
  }

  /// Runs the forward pass and returns a pointer to the logits, `[batchSize, outputs]`, valid until
  /// the next forward pass with a larger batch.
  @discardableResult
  public func forward(_ input: UnsafePointer<Float>, batchSize: Int) -> UnsafeMutablePointer<Float> {
    var current = input
    for layer in layers {
      layer.forward(current, batchSize: batchSize)
      current = UnsafePointer(layer.output.pointer)
    }
    return layers[layers.count - 1].output.pointer
  }

  /// Back-propagates the gradient of the loss with respect to the logits through every layer,
  /// overwriting each parameter's gradient. `logitGradient` is consumed (overwritten).
  public func backward(
    input: UnsafePointer<Float>, logitGradient: UnsafeMutablePointer<Float>, batchSize: Int
  ) {
    var gradient = logitGradient
    for index in stride(from: layers.count - 1, through: 0, by: -1) {
      let layer = layers[index]
      let layerInput = index == 0 ? input : UnsafePointer(layers[index - 1].output.pointer)
      layer.backward(
        input: layerInput, outputGradient: gradient, batchSize: batchSize, computeInputGradient: index > 0)
      gradient = layer.inputGradient.pointer
    }
  }
}
