// The `report` command: rebuild the HTML report from a run store.

/// Everything `weightlab report` needs to run.
struct ReportOptions: Equatable, Sendable {
  /// The run store file.
  var storePath: String
  /// The HTML file to write.
  var outputPath: String
  /// The invocation to report; nil reports the latest.
  var invocation: Int64?

  static let command = CommandDescription(
    commandPath: "weightlab report",
    abstract: "Write the HTML report of a comparison from the run store.",
    discussion: "The report is one HTML file with inline SVG charts and no scripts or network access: loss "
      + "and accuracy curves with a band over seeds, the per-layer profile at initialization, weight "
      + "histograms and sparsity per regularizer, the summary table, and the command of every run. It "
      + "covers the latest train or compare command in the store, including runs that a resumed compare "
      + "reused. It can run while a compare is still writing to the store.",
    options: [
      StoreOptions.declaration,
      .option(
        "store", valueName: "file",
        help: "Run store file to read, in place of <folder>/runs.sqlite from --out."),
      .option(
        "output", valueName: "file", help: "HTML file to write.",
        defaultDescription: "report.html in the --out folder, or beside the --store file"),
      .option(
        "invocation", valueName: "id",
        help: "Id of the train or compare command to report, from the store's invocations table.",
        defaultDescription: "the latest"),
    ])
}

extension ReportOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    if options.isGiven("store") {
      guard !options.isGiven("out") else {
        throw UsageError(
          "options '--out' and '--store' cannot be combined. Give the folder with --out or the file with --store.",
          commandPath: options.command.commandPath)
      }
      storePath = options.optionalString("store") ?? ""
    } else {
      storePath = try StoreOptions(parsing: options).storePath
    }
    let folder = storePath.contains("/") ? String(storePath[..<storePath.lastIndex(of: "/")!]) : "."
    outputPath = options.optionalString("output") ?? folder + "/" + StoreOptions.reportFileName
    invocation = try options.optionalInteger("invocation", minimum: 1).map(Int64.init)
  }
}
