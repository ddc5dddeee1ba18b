// The `train` command: one network configuration, trained and evaluated once.

/// Everything `weightlab train` needs to run, parsed and validated except for spec strings.
struct TrainOptions: Equatable, Sendable {
  var data: DataOptions
  var architecture: ArchitectureOptions
  /// The kernel initializer spec, such as `he-normal` or `normal:std=0.01`. The library parses it.
  var initializer: String
  /// The regularizer spec, such as `none` or `l2:1e-4`. The library parses it.
  var regularizer: String
  var training: TrainingOptions
  /// The seed of every random stream in the run: weights, shuffling and the validation split.
  var seed: UInt64
  var format: OutputFormat
  var store = StoreOptions()
  /// The tabular settings, nil for an image dataset.
  var tabular: TabularOptions? = nil
  /// The folder `--save` writes the model to, tabular data only.
  var saveDirectory: String? = nil
  /// Whether to continue from the checkpoint in the `--out` folder instead of starting at epoch 1.
  var resume = false

  static let command = CommandDescription(
    commandPath: "weightlab train",
    abstract: "Train one network configuration and report its convergence and accuracy.",
    discussion: "Epoch lines go to standard error and the summary to standard output. A spec names "
      + "a scheme and its arguments, such as he-uniform:mode=fan-out or l2:1e-4. "
      + "'weightlab list' shows every name. The run, its epochs and its per-layer statistics are "
      + "added to the run store in the --out folder. A checkpoint is written to "
      + "checkpoints/train/checkpoint.safetensors in the --out folder after each epoch, and when "
      + "SIGINT or SIGTERM stops the run after its current step (exit status 130 or 143).",
    options: DataOptions.declarations + ArchitectureOptions.declarations
      + [
        .option(
          "init", valueName: "spec", help: "Initializer spec for every dense kernel.",
          defaultValue: "he-normal"),
        .option(
          "reg", valueName: "spec", help: "Regularizer spec added to the loss, or none.",
          defaultValue: "none"),
      ]
      + TrainingOptions.declarations
      + [
        .option(
          "seed", valueName: "n", help: "Seed for weights, shuffling and the validation split.",
          defaultValue: "0"),
        OutputFormat.declaration,
        StoreOptions.declaration,
        .option(
          "save", valueName: "folder",
          help: "Folder to save the trained model in: model.safetensors and model.json, for "
            + "'weightlab predict'. Tabular data only."),
        .flag(
          "resume",
          help: "Continue from the checkpoint in the --out folder. Every setting except --epochs and "
            + "--target-accuracy must match the checkpoint's; --epochs may extend the run."),
      ] + TabularOptions.declarations)
}

extension TrainOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    data = try DataOptions(parsing: options)
    architecture = try ArchitectureOptions(parsing: options)
    initializer = options.string("init")
    regularizer = options.string("reg")
    training = try TrainingOptions(parsing: options)
    seed = try options.unsignedInteger("seed")
    format = try options.choice("format", as: OutputFormat.self)
    store = try StoreOptions(parsing: options)
    tabular = try TabularOptions(parsing: options, data: data)
    saveDirectory = options.optionalString("save")
    resume = options.flag("resume")
    if saveDirectory != nil && tabular == nil {
      throw UsageError(
        "option '--save' applies only to tabular data. Give a CSV file with --data and its target column "
          + "with --target.",
        commandPath: options.command.commandPath)
    }
  }
}
