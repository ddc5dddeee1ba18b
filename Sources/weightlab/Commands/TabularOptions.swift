// Options of `train` and `compare` for tabular data: `--data file.csv --target column`, the task,
// the test split, early stopping and class weights.

import WeightLabData

/// The tabular settings of a run, present when `--target` is given or `--data` is `khan`.
struct TabularOptions: Equatable, Sendable {
  /// The name of the built-in Khan gene-expression dataset, read from the `--data-dir` folder.
  static let khanName = "khan"
  /// The folder that scripts/fetch-islp-data.sh fills, relative to the working directory.
  static let defaultISLPDirectory = "data/islp"

  /// The CSV path, or `khan`.
  var dataPath: String
  /// The target column; nil for Khan, whose labels have their own files.
  var target: String?
  /// The requested task, or nil to infer it from the target.
  var task: TabularTask?
  /// The share of rows held out for testing; Khan uses its official test file instead.
  var testFraction: Double
  /// Early-stopping patience in epochs, or nil to train every epoch.
  var patience: Int?
  var balancedClassWeights: Bool

  static let declarations: [OptionDeclaration] = [
    .option(
      "target", valueName: "column",
      help: "Column of the --data CSV file to predict. Its values choose the task: 2 values binary, "
        + "categories or up to \(TabularTask.maximumInferredClassCount) integers multiclass, other numbers regression."
    ),
    .option(
      "task", valueName: "task", help: "Task for the --target column: binary, multiclass or regression.",
      defaultDescription: "inferred from the target"),
    .option(
      "test-fraction", valueName: "fraction",
      help: "Share of the CSV rows held out for testing, stratified by class for classification; "
        + "--validation-fraction sets the validation share.",
      defaultValue: String(TabularSplit.defaultTestFraction)),
    .option(
      "patience", valueName: "n",
      help: "Stop training after n epochs without a lower validation loss, and keep the weights of the "
        + "best epoch. Tabular data only.",
      defaultDescription: "train every epoch", unit: "epochs"),
    .option(
      "class-weights", valueName: "mode",
      help: "Class weights of the cross-entropy: none, or balanced (n / (k · n_c) for class c, as in "
        + "scikit-learn). Tabular classification only.",
      defaultValue: "none"),
  ]
}

/// The values of `--class-weights`.
enum ClassWeightMode: String, CaseIterable, Sendable {
  case none
  case balanced
}

extension TabularOptions {
  /// Reads the tabular options, or returns nil when the run is not on tabular data.
  ///
  /// - Throws: `UsageError` for an invalid value, or for a tabular option given without tabular data.
  init?(parsing options: ParsedOptions, data: DataOptions) throws {
    let commandPath = options.command.commandPath
    let isTabular = options.isGiven("target") || data.dataset == Self.khanName
    if !isTabular && data.dataset.lowercased().hasSuffix(".csv") {
      throw UsageError(
        "option '--target' is missing: '\(data.dataset)' is a CSV file, so name the column to predict, "
          + "for example --target default.",
        commandPath: commandPath)
    }
    guard isTabular else {
      for name in ["task", "test-fraction", "patience", "class-weights"] where options.isGiven(name) {
        throw UsageError(
          "option '--\(name)' applies only to tabular data. Give a CSV file with --data and its target "
            + "column with --target.",
          commandPath: commandPath)
      }
      return nil
    }
    if data.limit != nil {
      throw UsageError(
        "option '--limit' applies only to image datasets. Use a smaller CSV file instead.",
        commandPath: commandPath)
    }
    if data.dataset == Self.khanName && options.isGiven("target") {
      throw UsageError(
        "option '--target' does not apply to khan, whose labels are in their own files.",
        commandPath: commandPath)
    }

    dataPath = data.dataset
    target = options.optionalString("target")
    task = try options.isGiven("task") ? options.choice("task", as: TabularTask.self) : nil
    testFraction = try options.number("test-fraction", bounds: .fractionBelowOne)
    if data.validationFraction + testFraction >= 1 {
      throw UsageError(
        "the validation fraction \(data.validationFraction) and the test fraction \(testFraction) add up "
          + "to 1 or more, leaving no training rows. Lower one of them.",
        commandPath: commandPath)
    }
    patience = try options.optionalInteger("patience", minimum: 1)
    balancedClassWeights = try options.choice("class-weights", as: ClassWeightMode.self) == .balanced
  }
}
