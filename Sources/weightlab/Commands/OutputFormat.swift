// The `--format` option of commands that print a summary.

/// The output formats that `--format` accepts.
enum OutputFormat: String, CaseIterable, Sendable {
  /// Aligned, human-readable lines.
  case text
  /// One JSON document.
  case json

  static let declaration = OptionDeclaration.option(
    "format", valueName: "format", help: "Format of the summary on standard output: text or json.",
    defaultValue: "text")
}
