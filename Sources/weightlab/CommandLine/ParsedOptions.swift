// Option values after parsing, still as text, with lookups that fall back to declared defaults.
// Conversions to numbers, lists and enumerations live in ParsedOptions+Conversions.swift.

/// The options given to one command, keyed by long name without dashes.
struct ParsedOptions {
  /// A value to convert, and where it came from.
  struct RawValue {
    let text: String
    /// Whether the text is the declaration's default rather than something the user typed.
    let isDefault: Bool
  }

  let command: CommandDescription
  private let values: [String: String]
  private let flags: Set<String>

  init(command: CommandDescription, values: [String: String], flags: Set<String>) {
    self.command = command
    self.values = values
    self.flags = flags
  }

  /// Returns whether the user gave the option, as opposed to it taking its default.
  func isGiven(_ name: String) -> Bool {
    _ = declaration(name)
    return values[name] != nil || flags.contains(name)
  }

  /// Returns whether the flag is present.
  func flag(_ name: String) -> Bool {
    _ = declaration(name)
    return flags.contains(name)
  }

  /// Returns the typed value or, when the option is absent, its declared default.
  func rawValue(_ name: String) -> RawValue? {
    let declaration = declaration(name)
    if let typed = values[name] {
      return RawValue(text: typed, isDefault: false)
    }
    return declaration.defaultValue.map { RawValue(text: $0, isDefault: true) }
  }

  /// Returns the option's text, typed or default, unconverted. Nil when absent without a default.
  func optionalString(_ name: String) -> String? {
    rawValue(name)?.text
  }

  /// Returns the option's text, typed or default, unconverted.
  ///
  /// - Precondition: the option is declared with a default value.
  func string(_ name: String) -> String {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) of '\(command.commandPath)' has no default value")
    }
    return raw.text
  }

  func declaration(_ name: String) -> OptionDeclaration {
    guard let declaration = command.option(named: name) else {
      preconditionFailure("'\(command.commandPath)' declares no option --\(name)")
    }
    return declaration
  }

  /// Returns a usage error for a value that failed conversion, such as
  /// `invalid value 'x' for '--epochs <n>': expected an integer of at least 1.`
  ///
  /// A default that fails conversion is a programmer mistake, so that stops the program instead.
  ///
  /// - Parameters:
  ///   - problem: What is wrong with the value, when "expected" alone does not say it.
  ///   - expected: The values the option accepts, as a noun phrase.
  func invalidValueError(
    _ name: String, _ raw: RawValue, problem: String? = nil, expected: String
  ) -> UsageError {
    let declaration = declaration(name)
    precondition(
      !raw.isDefault,
      "the default '\(raw.text)' of \(declaration.spelling) is invalid: expected \(expected)")
    let prefix = "invalid value '\(raw.text)' for '\(declaration.usageLabel)'"
    let message: String
    if let problem {
      let separator = problem.hasSuffix("?") ? " " : ". "
      message = "\(prefix): \(problem)\(separator)Expected \(expected)."
    } else {
      message = "\(prefix): expected \(expected)."
    }
    return UsageError(message, commandPath: command.commandPath)
  }
}
