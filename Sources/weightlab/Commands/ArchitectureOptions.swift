// Options that describe the network, shared by `train` and `compare`.

import WeightLab

/// The hidden layers of the multilayer perceptron, their activation and their bias initializer.
struct ArchitectureOptions: Equatable, Sendable {
  /// The width of each hidden dense layer, from input to output. Never empty.
  var hiddenLayerWidths: [Int]
  /// The activation spec, such as `relu` or `leaky-relu:slope=0.2`. The library parses it.
  var activation: String
  /// The bias initializer spec, such as `zeros`; nil leaves the bias to the `--init` preset,
  /// which is zeros for every preset except `torch-default`. The library parses it.
  var biasInitializer: String?
  /// The kernel parametrization of every dense layer: none (W trained directly) or weight norm.
  var parametrization: KernelParametrization = .none

  static let declarations: [OptionDeclaration] = [
    .option(
      "layers", valueName: "widths",
      help: "Widths of the hidden dense layers from input to output, separated by commas; NxW repeats "
        + "width W N times, as in 30x256. At least one hidden layer is required.",
      defaultValue: "256,128", unit: "units per layer"),
    .option(
      "activation", valueName: "spec",
      help: "Activation after each hidden layer: relu, leaky-relu[:slope=0.01], tanh, sigmoid "
        + "or identity.",
      defaultValue: "relu"),
    .option(
      "bias-init", valueName: "spec", help: "Initializer spec for every bias vector.",
      defaultDescription: "zeros (torch-default: U(±1/√fan-in), as PyTorch)"),
    .option(
      "parametrization", valueName: "name",
      help:
        "Kernel parametrization of every dense layer: none (W trained directly) or weight-norm (W = g·v/‖v‖ per "
        + "unit, g and v trained, as PyTorch weight_norm). To keep kernels orthogonal, use --reg orthogonal.",
      defaultValue: "none"),
  ]
}

extension ArchitectureOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    hiddenLayerWidths = try options.layerWidths("layers")
    activation = options.string("activation")
    biasInitializer = options.optionalString("bias-init")
    if let raw = options.rawValue("parametrization"), raw.text == "orthogonal" {
      // PyTorch lists orthogonal among its parametrizations, but here it is an after-step rule.
      throw options.invalidValueError(
        "parametrization", raw,
        problem:
          "orthogonal kernels are kept by the after-step rule --reg orthogonal (with --init orthogonal)",
        expected: "one of " + KernelParametrization.allCases.map(\.rawValue).joined(separator: ", "))
    }
    parametrization = try options.choice("parametrization", as: KernelParametrization.self)
  }
}
