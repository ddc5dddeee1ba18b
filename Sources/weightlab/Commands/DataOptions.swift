// Options that choose the dataset and how much of it a run uses, shared by `train` and `compare`.

/// The dataset of a run, its folder, its validation split and its size limit.
struct DataOptions: Equatable, Sendable {
  /// The default folder of the Debian package `dataset-fashion-mnist`.
  static let systemFashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"
  /// The environment variable that names the data folder when `--data-dir` is absent.
  static let dataDirectoryVariable = "WEIGHTLAB_DATA"

  /// The dataset name, such as `fashion-mnist`. The library validates it.
  var dataset: String
  /// The folder given with `--data-dir`, or `nil` to look in the default places.
  var dataDirectory: String?
  /// The share of training examples held out for validation, in 0 ≤ x < 1.
  var validationFraction: Double
  /// The number of leading training examples, and of leading test examples, to use. `nil` uses all.
  var limit: Int?

  static let declarations: [OptionDeclaration] = [
    .option(
      "data", valueName: "name",
      help: "Dataset to train and evaluate on: fashion-mnist, khan, or a CSV file with --target. "
        + "'weightlab list --kind datasets' describes them.",
      defaultValue: "fashion-mnist"),
    .option(
      "data-dir", valueName: "path", help: "Folder that contains the dataset's IDX files.",
      defaultDescription: "$\(dataDirectoryVariable), then \(systemFashionMNISTDirectory)"),
    .option(
      "validation-fraction", valueName: "fraction",
      help: "Share of the training examples held out for validation, at least 0 and below 1.",
      defaultValue: "0.1"),
    .option(
      "limit", valueName: "n",
      help: "Use only the first n training examples and the first n test examples, for quick runs.",
      defaultDescription: "all examples", unit: "examples"),
  ]

  /// Returns the folders to search for the dataset's files, in order: the `--data-dir` folder
  /// alone when given, otherwise `$WEIGHTLAB_DATA` when set and not empty, then the system folder.
  func dataDirectoryCandidates(environment: [String: String]) -> [String] {
    if let dataDirectory {
      return [dataDirectory]
    }
    var candidates: [String] = []
    if let fromEnvironment = environment[Self.dataDirectoryVariable], !fromEnvironment.isEmpty {
      candidates.append(fromEnvironment)
    }
    candidates.append(Self.systemFashionMNISTDirectory)
    return candidates
  }
}

extension DataOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    dataset = options.string("data")
    dataDirectory = options.optionalString("data-dir")
    validationFraction = try options.number("validation-fraction", bounds: .fractionBelowOne)
    limit = try options.optionalInteger("limit", minimum: 1)
  }
}
