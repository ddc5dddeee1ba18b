// Declarations of the options a command accepts. The parser matches arguments against them and
// the help formatter renders them, so a name, default or unit is written in one place only.

/// One long option (`--name <value>`) or flag (`--name`) that a command accepts.
struct OptionDeclaration: Sendable {
  /// Whether the option takes a value.
  enum Kind: Sendable {
    /// An option followed by a value, shown in help as `--name <valueName>`.
    case value(valueName: String)
    /// A flag that takes no value.
    case flag
  }

  /// The long name without its leading dashes, such as `epochs`.
  let name: String
  let kind: Kind
  /// One or two sentences saying what the option sets.
  let help: String
  /// The value used when the option is absent, as the user would type it.
  ///
  /// The parser converts this text with the same rules as a typed value, so the help text and
  /// the behaviour cannot disagree. `nil` means the option has no default value.
  let defaultValue: String?
  /// The help description of a default that is not a literal value, such as a lookup order.
  let defaultDescription: String?
  /// The unit of the value, such as `examples` or `epochs`, when it has one.
  let unit: String?

  /// The spelling on the command line, such as `--epochs`.
  var spelling: String { "--" + name }

  /// The spelling with the value name, such as `--epochs <n>`, as shown in help and messages.
  var usageLabel: String {
    switch kind {
    case .value(let valueName): return "\(spelling) <\(valueName)>"
    case .flag: return spelling
    }
  }

  /// Declares an option that takes a value.
  static func option(
    _ name: String, valueName: String, help: String, defaultValue: String? = nil,
    defaultDescription: String? = nil, unit: String? = nil
  ) -> OptionDeclaration {
    OptionDeclaration(
      name: name, kind: .value(valueName: valueName), help: help, defaultValue: defaultValue,
      defaultDescription: defaultDescription, unit: unit)
  }

  /// Declares a flag, an option without a value that is either present or absent.
  static func flag(_ name: String, help: String) -> OptionDeclaration {
    OptionDeclaration(
      name: name, kind: .flag, help: help, defaultValue: nil, defaultDescription: nil, unit: nil)
  }
}
