// Matching of raw arguments against a command's declared options: `--name value`,
// `--name=value`, flags and `-h`/`--help`, with usage errors for everything else.

/// The outcome of parsing one command's arguments.
enum ParseOutcome {
  /// The user asked for the command's help with `-h` or `--help`.
  case help
  /// The arguments were valid. Values are not converted yet, see `ParsedOptions`.
  case options(ParsedOptions)
}

/// Parses the arguments that follow a command's name.
///
/// Every argument must be an option or an option's value, because no command takes positional
/// arguments. A value may begin with `-` (such as `-0.5`) unless it looks like an option: a token
/// that starts with `--`, or with `-` followed by something other than a digit or a point.
///
/// - Throws: `UsageError` for an unknown option, a missing value, a value given to a flag, an
///   option given twice, or a stray argument.
func parseArguments(_ arguments: [String], for command: CommandDescription) throws -> ParseOutcome {
  if arguments.contains(where: { $0 == "-h" || $0 == "--help" }) {
    return .help
  }

  var values: [String: String] = [:]
  var flags: Set<String> = []
  var index = 0
  while index < arguments.count {
    let argument = arguments[index]
    index += 1

    guard argument.hasPrefix("-"), argument != "-" else {
      throw UsageError(
        "unexpected argument '\(argument)'. '\(command.commandPath)' takes only options.",
        commandPath: command.commandPath)
    }
    let (name, inlineValue) = splitOption(argument)
    if name == "help", inlineValue != nil {
      throw UsageError(
        "option '--help' is a flag and takes no value, but received '\(argument)'.",
        commandPath: command.commandPath)
    }
    guard argument.hasPrefix("--"), let declaration = command.option(named: name) else {
      throw unknownOptionError(argument, name: name, command: command)
    }

    switch declaration.kind {
    case .flag:
      guard inlineValue == nil else {
        throw UsageError(
          "option '\(declaration.spelling)' is a flag and takes no value, but received '\(argument)'.",
          commandPath: command.commandPath)
      }
      flags.insert(name)

    case .value:
      let value: String
      if let inlineValue {
        value = inlineValue
      } else if index < arguments.count, !looksLikeOption(arguments[index]) {
        value = arguments[index]
        index += 1
      } else {
        throw UsageError(
          "missing value for option '\(declaration.usageLabel)'.", commandPath: command.commandPath)
      }
      if let previous = values[name] {
        throw UsageError(
          "option '\(declaration.spelling)' was given more than once ('\(previous)', then '\(value)'). "
            + "Give it once.",
          commandPath: command.commandPath)
      }
      values[name] = value
    }
  }
  return .options(ParsedOptions(command: command, values: values, flags: flags))
}

/// Splits `--name=value` into its name and value, and strips the dashes from `--name`.
private func splitOption(_ argument: String) -> (name: String, inlineValue: String?) {
  let withoutDashes = argument.drop { $0 == "-" }
  guard let equals = withoutDashes.firstIndex(of: "=") else {
    return (String(withoutDashes), nil)
  }
  let name = withoutDashes[..<equals]
  let value = withoutDashes[withoutDashes.index(after: equals)...]
  return (String(name), String(value))
}

/// Returns whether a token after `--name` starts another option instead of being its value.
private func looksLikeOption(_ token: String) -> Bool {
  guard token.hasPrefix("-"), token.count > 1 else { return false }
  if token.hasPrefix("--") { return true }
  let second = token[token.index(after: token.startIndex)]
  return !(second.isNumber || second == ".")
}

private func unknownOptionError(
  _ argument: String, name: String, command: CommandDescription
) -> UsageError {
  let spelling = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
  var message = "unknown option '\(spelling)'."
  let names = command.options.map(\.name) + ["help"]
  if let suggestion = closestMatch(to: name, among: names) {
    message += " Did you mean '--\(suggestion)'?"
  } else {
    message += " Valid options: " + names.map { "--" + $0 }.joined(separator: ", ") + "."
  }
  return UsageError(message, commandPath: command.commandPath)
}
