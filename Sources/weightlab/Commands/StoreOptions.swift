// The `--out` option of `train` and `compare`: the folder that contains the run store and the report.

/// The output folder of `runs.sqlite` and `report.html`.
struct StoreOptions: Equatable, Sendable {
  /// The output folder; created when missing.
  var outputDirectory: String = "runs"

  /// The file name of the HTML report inside the output folder.
  static let reportFileName = "report.html"

  static let declaration = OptionDeclaration.option(
    "out", valueName: "folder",
    help: "Folder for the run store (runs.sqlite), which keeps every run, and for report.html.",
    defaultValue: "runs")

  var storePath: String { outputDirectory + "/" + "runs.sqlite" }
  var reportPath: String { outputDirectory + "/" + Self.reportFileName }
}

extension StoreOptions {
  init(parsing options: ParsedOptions) throws {
    let directory = options.string("out")
    guard !directory.isEmpty else {
      throw options.invalidValueError(
        "out", ParsedOptions.RawValue(text: directory, isDefault: false), expected: "a folder path")
    }
    outputDirectory = directory
  }
}
