// Options that describe the network, shared by `train` and `compare`.

/// The hidden layers of the multilayer perceptron, their activation and their bias initializer.
struct ArchitectureOptions: Equatable, Sendable {
  /// The width of each hidden dense layer, from input to output. Never empty.
  var hiddenLayerWidths: [Int]
  /// The activation spec, such as `relu` or `leaky-relu:slope=0.2`. The library parses it.
  var activation: String
  /// The bias initializer spec, such as `zeros`; nil leaves the bias to the `--init` preset,
  /// which is zeros for every preset except `torch-default`. The library parses it.
  var biasInitializer: String?

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
  ]
}

extension ArchitectureOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    hiddenLayerWidths = try options.layerWidths("layers")
    activation = options.string("activation")
    biasInitializer = options.optionalString("bias-init")
  }
}
