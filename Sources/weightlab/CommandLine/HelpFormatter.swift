// Help text in the layout of swift-argument-parser: OVERVIEW, USAGE, OPTIONS and, for a command
// with subcommands, SUBCOMMANDS. Lines wrap at 80 columns.

import Foundation

/// A subcommand's name and one-line summary, as listed under SUBCOMMANDS.
struct SubcommandSummary: Sendable {
  let name: String
  let abstract: String
}

/// Renders help for commands.
enum HelpFormatter {
  static let lineWidth = 80
  /// The column where help text starts in OPTIONS and SUBCOMMANDS. Longer labels put their text on the next line.
  static let helpColumn = 26
  static let indent = "  "
  private static let noBreakSpace = "\u{00A0}"

  /// Returns the complete help text for a command, ending with a newline.
  ///
  /// - Parameters:
  ///   - usage: The text after `USAGE:`. The default is the command path followed by `[<options>]`.
  ///   - subcommands: Listed under SUBCOMMANDS when not empty.
  static func helpText(
    for command: CommandDescription, usage: String? = nil, subcommands: [SubcommandSummary] = []
  ) -> String {
    var sections: [String] = []
    sections.append(wrap("OVERVIEW: " + command.abstract, width: lineWidth, hangingIndent: ""))
    if let discussion = command.discussion {
      sections.append(
        discussion.split(separator: "\n\n").map {
          wrap(String($0), width: lineWidth, hangingIndent: "")
        }.joined(separator: "\n\n"))
    }
    sections.append("USAGE: " + (usage ?? "\(command.commandPath) [<options>]"))

    var optionLines = ["OPTIONS:"]
    for option in command.options {
      optionLines.append(row(label: option.usageLabel, text: option.help, details: details(of: option)))
    }
    optionLines.append(row(label: "-h, --help", text: "Show help information."))
    sections.append(optionLines.joined(separator: "\n"))

    if !subcommands.isEmpty {
      var subcommandLines = ["SUBCOMMANDS:"]
      for subcommand in subcommands {
        subcommandLines.append(row(label: subcommand.name, text: subcommand.abstract))
      }
      subcommandLines.append("")
      subcommandLines.append(
        indent + "See '\(command.commandPath) help <subcommand>' for detailed help.")
      sections.append(subcommandLines.joined(separator: "\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// Returns the option's default and unit, such as `(default: 128, unit: examples)`, or `nil`
  /// when it has neither.
  static func details(of option: OptionDeclaration) -> String? {
    var details: [String] = []
    if let defaultText = option.defaultDescription ?? option.defaultValue {
      details.append("default: " + (defaultText.isEmpty ? "''" : defaultText))
    }
    if let unit = option.unit {
      details.append("unit: " + unit)
    }
    guard !details.isEmpty else { return nil }
    return "(" + details.joined(separator: ", ") + ")"
  }

  /// Formats one OPTIONS or SUBCOMMANDS entry: the label, then its text and details wrapped in
  /// the help column. The details stay on one line when they fit in the column.
  private static func row(label: String, text: String, details: String? = nil) -> String {
    let hangingIndent = String(repeating: " ", count: helpColumn)
    let labelText = indent + label
    let columnWidth = lineWidth - helpColumn

    // A no-break space keeps the wrapper from splitting the details, and becomes a space again below.
    var fullText = text
    if let details {
      let keptTogether = details.count <= columnWidth
      fullText += " " + (keptTogether ? details.replacingOccurrences(of: " ", with: noBreakSpace) : details)
    }
    let wrappedText = wrap(fullText, width: columnWidth, hangingIndent: hangingIndent)
      .replacingOccurrences(of: noBreakSpace, with: " ")
    if labelText.count + 2 > helpColumn {
      return labelText + "\n" + hangingIndent + wrappedText
    }
    let padding = String(repeating: " ", count: helpColumn - labelText.count)
    return labelText + padding + wrappedText
  }

  /// Wraps text at spaces so that no line exceeds `width` characters unless a single word does.
  /// Every line after the first starts with `hangingIndent`, which does not count toward `width`.
  static func wrap(_ text: String, width: Int, hangingIndent: String) -> String {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    lines.append(current)
    return lines.joined(separator: "\n" + hangingIndent)
  }
}
