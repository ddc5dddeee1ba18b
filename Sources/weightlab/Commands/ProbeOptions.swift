// The `probe` command: signal propagation at initialization for an architecture, a batch of real
// data and a list of initializers.

import WeightLabData

/// Everything `weightlab probe` needs to run.
struct ProbeOptions: Equatable, Sendable {
  /// The dataset name; the probe batch is its first `batchSize` training examples.
  var dataset: String
  var dataDirectory: String?
  var hiddenLayerWidths: [Int]
  /// The activation spec. The library parses it.
  var activation: String
  /// Comma-separated initializer specs. The library splits and parses the list.
  var initializers: String
  /// The rows of the probe batch.
  var batchSize: Int
  var seed: UInt64
  var format: OutputFormat
  /// The target column of a CSV `--data` file; nil for image datasets and for khan.
  var target: String?
  /// The requested task of the target, or nil to infer it.
  var task: TabularTask?

  /// Whether the probe batch comes from tabular data: a CSV file with `--target`, or khan.
  var isTabular: Bool { target != nil || dataset == TabularOptions.khanName }

  static let command = CommandDescription(
    commandPath: "weightlab probe",
    abstract: "Measure how each initializer propagates the signal and its gradient through the layers "
      + "at initialization.",
    discussion: "For every layer: the mean and std of pre-activations and activations, the fraction of "
      + "saturated tanh or sigmoid outputs and of dead ReLU units, and the norm of the loss gradient with "
      + "respect to the kernel, all on one batch of real data before any training step. Each initializer "
      + "gets a verdict (vanishing, exploding or healthy) from the ratio of the last hidden layer's "
      + "activation std to the first's, and the output ends with the initializer that the activation "
      + "calls for. Example: weightlab probe --layers 30x256 --activation relu --init xavier-normal,he-normal",
    options: [
      .option(
        "data", valueName: "name",
        help: "Dataset whose first training examples form the probe batch: a dataset name, khan, or a CSV "
          + "file with --target.",
        defaultValue: "fashion-mnist"),
      .option(
        "target", valueName: "column",
        help: "Column of the --data CSV file that the network predicts; the loss gradient comes from it."),
      .option(
        "task", valueName: "task", help: "Task for the --target column: binary, multiclass or regression.",
        defaultDescription: "inferred from the target"),
      .option(
        "data-dir", valueName: "path", help: "Folder that contains the dataset's IDX files.",
        defaultDescription:
          "$\(DataOptions.dataDirectoryVariable), then \(DataOptions.systemFashionMNISTDirectory)"),
      .option(
        "layers", valueName: "widths",
        help: "Widths of the hidden dense layers, separated by commas; NxW repeats width W N times.",
        defaultValue: "30x256", unit: "units per layer"),
      .option(
        "activation", valueName: "spec",
        help: "Activation after each hidden layer: relu, leaky-relu[:slope=0.01], tanh, sigmoid or identity.",
        defaultValue: "relu"),
      .option(
        "init", valueName: "specs", help: "Initializer specs to probe, separated by commas.",
        defaultValue: "xavier-normal,he-normal"),
      .option(
        "batch-size", valueName: "n", help: "Rows of the probe batch.", defaultValue: "512", unit: "examples"),
      .option("seed", valueName: "n", help: "Seed of every network's weights.", defaultValue: "0"),
      OutputFormat.declaration,
    ])
}

extension ProbeOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    dataset = options.string("data")
    dataDirectory = options.optionalString("data-dir")
    hiddenLayerWidths = try options.layerWidths("layers")
    activation = options.string("activation")
    initializers = options.string("init")
    batchSize = try options.integer("batch-size", minimum: 1)
    seed = try options.unsignedInteger("seed")
    format = try options.choice("format", as: OutputFormat.self)
    target = options.optionalString("target")
    task = try options.isGiven("task") ? options.choice("task", as: TabularTask.self) : nil
    if task != nil && target == nil {
      throw UsageError(
        "option '--task' applies only to a CSV file given with --data and its --target column.",
        commandPath: options.command.commandPath)
    }
  }
}
