// The `predict` command: apply a saved tabular model to the rows of a CSV file.

/// Everything `weightlab predict` needs to run.
struct PredictOptions: Equatable, Sendable {
  /// The model folder written by `weightlab train --save`.
  var modelDirectory: String
  /// The CSV file whose rows to predict.
  var dataPath: String
  /// The CSV file to write, or nil for standard output.
  var outputPath: String?

  static let command = CommandDescription(
    commandPath: "weightlab predict",
    abstract: "Predict the rows of a CSV file with a saved model and write the predictions as CSV.",
    discussion: "The file needs the feature columns the model was trained on, found by header name in any "
      + "order; other columns are ignored. Each row is encoded with the statistics saved with the model. "
      + "The output has one row per input row, in order: a prediction column (the class name, or the value "
      + "in the target's units) and, for classifiers, one probability_<class> column per class. Missing cells "
      + "and categories the training rows lacked are reported on standard error. When the file also has "
      + "the target column, the metrics on its labeled rows are printed on standard error. Nothing is "
      + "written when any row fails to encode.",
    options: [
      .option(
        "model", valueName: "folder",
        help: "Model folder written by 'weightlab train --save', holding model.json and model.safetensors."),
      .option("data", valueName: "file", help: "CSV file with a header row and the rows to predict."),
      .option(
        "output", valueName: "file",
        help: "CSV file to write the predictions to, replaced in one step once every row is predicted.",
        defaultDescription: "standard output"),
    ])
}

extension PredictOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    let commandPath = options.command.commandPath
    for name in ["model", "data"] where !options.isGiven(name) {
      throw UsageError(
        "missing option '\(options.declaration(name).usageLabel)'. Usage: weightlab predict --model <folder> "
          + "--data <file> [--output <file>].",
        commandPath: commandPath)
    }
    modelDirectory = options.string("model")
    dataPath = options.string("data")
    outputPath = options.optionalString("output")
  }
}
