// The top level of the `weightlab` command: subcommand dispatch, `--version`, `help`, and the
// mapping of errors to messages on standard error and exit statuses.

import Foundation

/// A subcommand's description and the function that runs it with parsed options.
struct Subcommand: Sendable {
  let description: CommandDescription
  let run: @Sendable (ParsedOptions) throws -> Int32
}

/// The `weightlab` executable.
enum WeightLabTool {
  static let version = "0.1.0"

  /// Exit status for success. Runtime failures use 1 and usage errors `UsageError.exitCode`.
  static let successExitCode: Int32 = 0
  static let failureExitCode: Int32 = 1

  static let command = CommandDescription(
    commandPath: "weightlab",
    abstract: "Train neural networks on the CPU and compare how weight initializers and "
      + "regularizers change convergence speed, stability and generalization.",
    discussion: nil,
    options: [.flag("version", help: "Show the version.")])

  static let subcommands: [Subcommand] = [
    Subcommand(description: TrainOptions.command) { try executeTrain(TrainOptions(parsing: $0)) },
    Subcommand(description: CompareOptions.command) {
      try executeCompare(CompareOptions(parsing: $0))
    },
    Subcommand(description: ProbeOptions.command) { try executeProbe(ProbeOptions(parsing: $0)) },
    Subcommand(description: PredictOptions.command) { try executePredict(PredictOptions(parsing: $0)) },
    Subcommand(description: ReportOptions.command) { try executeReport(ReportOptions(parsing: $0)) },
    Subcommand(description: ListOptions.command) { try executeList(ListOptions(parsing: $0)) },
  ]

  static let helpSubcommand = SubcommandSummary(
    name: "help", abstract: "Show help for weightlab or for one of its subcommands.")

  static var topLevelHelp: String {
    let summaries =
      subcommands.map { SubcommandSummary(name: $0.description.name, abstract: $0.description.abstract) }
      + [helpSubcommand]
    return HelpFormatter.helpText(
      for: command, usage: "weightlab <subcommand> [<options>]", subcommands: summaries)
  }

  /// Runs the tool with the arguments after the program name and returns the exit status.
  ///
  /// Every error ends here: a `UsageError` prints its message and a pointer to the help, and
  /// exits with 64. Any other error prints its description and exits with 1.
  static func run(_ arguments: [String]) -> Int32 {
    do {
      return try dispatch(arguments)
    } catch let error as UsageError {
      Terminal.writeLine("error: " + error.message)
      Terminal.writeLine(error.helpHint)
      return UsageError.exitCode
    } catch {
      Terminal.writeLine("error: " + describe(error))
      return failureExitCode
    }
  }

  private static func dispatch(_ arguments: [String]) throws -> Int32 {
    guard let first = arguments.first else {
      FileHandle.standardError.write(Data(topLevelHelp.utf8))
      return UsageError.exitCode
    }
    let rest = Array(arguments.dropFirst())

    if first.hasPrefix("-") {
      return try runTopLevelOptions(arguments)
    }
    if first == helpSubcommand.name {
      return try printHelp(for: rest)
    }
    guard let subcommand = subcommand(named: first) else {
      throw unknownSubcommandError(first)
    }
    switch try parseArguments(rest, for: subcommand.description) {
    case .help:
      print(HelpFormatter.helpText(for: subcommand.description), terminator: "")
      return successExitCode
    case .options(let options):
      return try subcommand.run(options)
    }
  }

  /// Handles `weightlab --version`, `weightlab --help` and mistakes such as `weightlab --epochs 3`.
  private static func runTopLevelOptions(_ arguments: [String]) throws -> Int32 {
    switch try parseArguments(arguments, for: command) {
    case .help:
      print(topLevelHelp, terminator: "")
    case .options(let options):
      precondition(options.flag("version"), "the top level declares only --version")
      print("weightlab \(version)")
    }
    return successExitCode
  }

  /// Handles `weightlab help [<subcommand>]`.
  private static func printHelp(for arguments: [String]) throws -> Int32 {
    guard let name = arguments.first else {
      print(topLevelHelp, terminator: "")
      return successExitCode
    }
    guard arguments.count == 1 else {
      throw UsageError(
        "unexpected argument '\(arguments[1])'. 'weightlab help' takes at most one subcommand name.",
        commandPath: command.commandPath)
    }
    if name == helpSubcommand.name {
      print(topLevelHelp, terminator: "")
      return successExitCode
    }
    guard let subcommand = subcommand(named: name) else {
      throw unknownSubcommandError(name)
    }
    print(HelpFormatter.helpText(for: subcommand.description), terminator: "")
    return successExitCode
  }

  private static func subcommand(named name: String) -> Subcommand? {
    subcommands.first { $0.description.name == name }
  }

  private static func unknownSubcommandError(_ name: String) -> UsageError {
    let names = subcommands.map(\.description.name) + [helpSubcommand.name]
    var message = "unknown subcommand '\(name)'."
    if let suggestion = closestMatch(to: name, among: names) {
      message += " Did you mean '\(suggestion)'?"
    }
    message += " Valid subcommands: " + names.joined(separator: ", ") + "."
    return UsageError(message, commandPath: command.commandPath)
  }

  /// Returns an error's text for `error: <text>`: the `errorDescription` of a `LocalizedError`
  /// when it has one, otherwise `String(describing:)`, which uses the `CustomStringConvertible`
  /// description when the error provides one.
  private static func describe(_ error: any Error) -> String {
    if let localized = error as? any LocalizedError, let text = localized.errorDescription {
      return text
    }
    return String(describing: error)
  }
}
