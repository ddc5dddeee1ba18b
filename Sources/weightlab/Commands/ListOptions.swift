// The `list` command: the names that spec strings and `--data` accept.

/// The groups of names that `list --kind` selects.
enum ListKind: String, CaseIterable, Sendable {
  case initializers
  case regularizers
  case constraints
  case parametrizations
  case optimizers
  case activations
  case datasets
  case all
}

/// Everything `weightlab list` needs to run.
struct ListOptions: Equatable, Sendable {
  var kind: ListKind

  static let command = CommandDescription(
    commandPath: "weightlab list",
    abstract:
      "List the initializers, regularizers, constraints, parametrizations, optimizers, activations and datasets.",
    discussion: "Each entry shows its spec name, its formula and the defaults of its arguments.",
    options: [
      .option(
        "kind", valueName: "kind",
        help:
          "Group to list: initializers, regularizers, constraints, parametrizations, optimizers, activations, "
          + "datasets or all.",
        defaultValue: "all")
    ])
}

extension ListOptions {
  /// Reads and validates the options from the parsed command line.
  init(parsing options: ParsedOptions) throws {
    kind = try options.choice("kind", as: ListKind.self)
  }
}
