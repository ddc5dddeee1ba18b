// The `compare` command: a grid of initializers, regularizers and seeds on one architecture.

/// Everything `weightlab compare` needs to run, parsed and validated except for spec lists.
struct CompareOptions: Equatable, Sendable {
  var data: DataOptions
  var architecture: ArchitectureOptions
  /// Comma-separated kernel initializer specs, such as `zeros,xavier-uniform,he-normal`.
  /// The library splits and parses the list.
  var initializers: String
  /// Comma-separated regularizer specs, such as `none,l2:1e-4`. The library splits and parses it.
  var regularizers: String
  var training: TrainingOptions
  /// The seeds to run each configuration with: `0 ..< n` from `--seeds n`, or the `--seed-list`
  /// values in the order given. The parser never leaves it empty or with repeats.
  var seeds: [UInt64]
  var format: OutputFormat
  var store = StoreOptions()
  /// The tabular settings, nil for an image dataset.
  var tabular: TabularOptions? = nil
  /// Whether to reuse the runs that already finished in the run store instead of training them again.
  var resume = false
  /// Whether to write `report.html` into the output folder after the last run.
  var writesReport = false

  static let command = CommandDescription(
    commandPath: "weightlab compare",
    abstract: "Train every combination of initializer, regularizer and seed, and compare them.",
    discussion: "Every run uses the same data, architecture and optimizer. The summary gives, for "
      + "each initializer and regularizer, the mean and spread across seeds. Epoch lines go to "
      + "standard error and the summary to standard output. Every run is added to the run store "
      + "in the --out folder as it trains, one committed epoch at a time, and each run writes a "
      + "checkpoint to checkpoints/<run key hash>/ in the --out folder after each epoch. SIGINT or "
      + "SIGTERM stops the comparison after the current step with a checkpoint (exit status 130 or 143).",
    options: DataOptions.declarations + ArchitectureOptions.declarations
      + [
        .option(
          "init", valueName: "specs", help: "Initializer specs to compare, separated by commas.",
          defaultValue: "zeros,xavier-uniform,he-normal"),
        .option(
          "reg", valueName: "specs",
          help: "Regularizer specs to compare, separated by commas. 'none' means no penalty.",
          defaultValue: "none,l2:1e-4"),
      ]
      + TrainingOptions.declarations
      + [
        .option(
          "seeds", valueName: "n", help: "Run each configuration with seeds 0 to n - 1.",
          defaultValue: "3", unit: "seeds"),
        .option(
          "seed-list", valueName: "seeds",
          help: "Run each configuration with these seeds, separated by commas, in place of --seeds."),
        OutputFormat.declaration,
        StoreOptions.declaration,
        .flag(
          "resume",
          help: "Skip the runs whose configuration already finished in the run store, continue an "
            + "interrupted run from its checkpoint, and train the others, such as after an interruption."),
        .flag(
          "report", help: "Write report.html, the HTML report of this comparison, into the --out folder."),
      ] + TabularOptions.declarations)
}

extension CompareOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    data = try DataOptions(parsing: options)
    architecture = try ArchitectureOptions(parsing: options)
    initializers = options.string("init")
    regularizers = options.string("reg")
    training = try TrainingOptions(parsing: options)
    format = try options.choice("format", as: OutputFormat.self)
    store = try StoreOptions(parsing: options)
    tabular = try TabularOptions(parsing: options, data: data)
    resume = options.flag("resume")
    writesReport = options.flag("report")

    if options.isGiven("seed-list") {
      guard !options.isGiven("seeds") else {
        throw UsageError(
          "options '--seeds' and '--seed-list' cannot be combined. Give one of them.",
          commandPath: options.command.commandPath)
      }
      seeds = try options.distinctUnsignedIntegerList("seed-list", example: "0,5,9")
    } else {
      let count = try options.integer("seeds", minimum: 1)
      seeds = (0..<UInt64(count)).map { $0 }
    }
  }
}
