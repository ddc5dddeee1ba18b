// Output to standard error for progress and diagnostics. Results go to standard output elsewhere.

import Foundation

/// Writes lines to standard error, rewriting a progress line in place when it is a terminal.
enum Terminal {
  /// Whether standard error is a terminal that understands the ANSI erase-line sequence. When it
  /// is not (a file, a pipe, or `TERM=dumb`), progress is written as ordinary lines.
  static let standardErrorIsInteractive: Bool = {
    guard isatty(STDERR_FILENO) == 1 else { return false }
    return ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }()

  /// Writes `line` and a newline to standard error.
  static func writeLine(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Replaces the current line of an interactive standard error with `line`, leaving the cursor
  /// at its end, or writes `line` as an ordinary line otherwise.
  ///
  /// Call `endRewrittenLine()` after the last rewrite so that the next output starts on a new line.
  static func rewriteLine(_ line: String) {
    if standardErrorIsInteractive {
      // Carriage return to column 0, then ESC [ 2 K to erase the whole line.
      FileHandle.standardError.write(Data(("\r\u{1B}[2K" + line).utf8))
    } else {
      writeLine(line)
    }
  }

  /// Ends the line that `rewriteLine(_:)` left open. It does nothing when standard error is not
  /// interactive, because those lines already end with a newline.
  static func endRewrittenLine() {
    if standardErrorIsInteractive {
      FileHandle.standardError.write(Data("\n".utf8))
    }
  }
}
