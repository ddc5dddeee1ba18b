// The text and options of one command, shared by the parser, the help formatter and usage errors.

/// A command's name, summary and declared options.
struct CommandDescription: Sendable {
  /// The words that invoke the command, such as `weightlab train`.
  let commandPath: String
  /// One sentence shown after `OVERVIEW:` and in the parent's list of subcommands.
  let abstract: String
  /// Further paragraphs shown below the overview, if any.
  let discussion: String?
  /// The options in the order that help lists them. `--help` is implied and never declared.
  let options: [OptionDeclaration]

  /// The last word of the command path, such as `train`.
  var name: String { commandPath.split(separator: " ").last.map(String.init) ?? commandPath }

  /// Returns the declaration with the given long name (without dashes), if the command has one.
  func option(named name: String) -> OptionDeclaration? {
    options.first { $0.name == name }
  }
}
