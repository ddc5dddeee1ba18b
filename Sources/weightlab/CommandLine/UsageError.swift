// Errors in how the tool was invoked. They exit with status 64 (EX_USAGE in BSD sysexits.h) and
// point the user at the command's help, unlike runtime failures, which exit with status 1.

/// An invalid command line: an unknown option, a missing or malformed value, a conflict.
struct UsageError: Error, CustomStringConvertible {
  /// The exit status for usage errors, `EX_USAGE` from BSD `sysexits.h`.
  static let exitCode: Int32 = 64

  /// A sentence saying what is wrong, on which option or value, and what is allowed.
  let message: String
  /// The command whose help the error points to, such as `weightlab train`.
  let commandPath: String

  init(_ message: String, commandPath: String) {
    self.message = message
    self.commandPath = commandPath
  }

  var description: String { message }

  /// The line printed after the message.
  var helpHint: String { "Run '\(commandPath) --help' for usage." }
}

/// A failure while running a command, such as unreadable data. It exits with status 1.
struct RuntimeError: Error, CustomStringConvertible {
  let description: String

  init(_ description: String) {
    self.description = description
  }
}
