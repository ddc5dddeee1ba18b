// End-to-end tests of each subcommand's help: layout, and every option listed with its default.

import Foundation
import Testing

/// The three ways to request a subcommand's help.
enum HelpRequest: CaseIterable, Sendable {
  case longFlag
  case shortFlag
  case helpSubcommand

  func arguments(for command: String) -> [String] {
    switch self {
    case .longFlag: return [command, "--help"]
    case .shortFlag: return [command, "-h"]
    case .helpSubcommand: return ["help", command]
    }
  }
}

/// A subcommand and the options its help must list, with the defaults the command line promises.
struct HelpExpectation: Sendable, CustomTestStringConvertible {
  let command: String
  /// Each option's help label, such as `--epochs <n>`, and the text after `default:`, or `nil`
  /// for an option without a default.
  let options: [(label: String, defaultValue: String?)]

  var testDescription: String { command }
}

private let sharedOptions: [(label: String, defaultValue: String?)] = [
  ("--data <name>", "fashion-mnist"),
  ("--data-dir <path>", "$WEIGHTLAB_DATA, then /usr/share/datasets/fashion-mnist"),
  ("--validation-fraction <fraction>", "0.1"),
  ("--limit <n>", "all examples"),
  ("--layers <widths>", "256,128"),
  ("--activation <spec>", "relu"),
  ("--bias-init <spec>", "zeros"),
  ("--parametrization <name>", "none"),
  ("--optimizer <name>", "adam"),
  ("--learning-rate <rate>", "0.001"),
  ("--momentum <coefficient>", "0.9"),
  ("--weight-decay <rate>", "0.01"),
  ("--batch-size <n>", "128"),
  ("--epochs <n>", "5"),
  ("--threads <n>", "1"),
  ("--target-accuracy <fraction>", "0.85"),
  ("--format <format>", "text"),
]

private let tabularOptions: [(label: String, defaultValue: String?)] = [
  ("--target <column>", nil),
  ("--task <task>", "inferred from the target"),
  ("--test-fraction <fraction>", "0.15"),
  ("--patience <n>", "train every epoch"),
  ("--class-weights <mode>", "none"),
]

private let helpExpectations = [
  HelpExpectation(
    command: "train",
    options: sharedOptions + [
      ("--init <spec>", "he-normal"),
      ("--reg <spec>", "none"),
      ("--seed <n>", "0"),
      ("--out <folder>", "runs"),
      ("--save <folder>", nil),
      ("--resume", nil),
    ] + tabularOptions),
  HelpExpectation(
    command: "compare",
    options: sharedOptions + [
      ("--init <specs>", "zeros,xavier-uniform,he-normal"),
      ("--reg <specs>", "none,l2:1e-4"),
      ("--seeds <n>", "3"),
      ("--seed-list <seeds>", nil),
      ("--out <folder>", "runs"),
      ("--resume", nil),
      ("--report", nil),
    ] + tabularOptions),
  HelpExpectation(
    command: "predict",
    options: [("--model <folder>", nil), ("--data <file>", nil), ("--output <file>", "standard output")]),
  HelpExpectation(command: "list", options: [("--kind <kind>", "all")]),
]

@Suite struct CommandHelpTests {
  @Test(arguments: helpExpectations, HelpRequest.allCases)
  func helpListsOptionsWithDefaults(expectation: HelpExpectation, request: HelpRequest) {
    let result = runWeightLab(request.arguments(for: expectation.command))

    expectNoCrashTrace(result)
    #expect(result.exitCode == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.hasPrefix("OVERVIEW: "))
    #expect(result.stdout.contains("\nUSAGE: weightlab \(expectation.command) [<options>]\n"))

    let entries = optionEntries(in: result.stdout)
    for (label, defaultValue) in expectation.options {
      guard let entry = entries[label] else {
        Issue.record("help of \(expectation.command) does not list \(label)")
        continue
      }
      if let defaultValue {
        #expect(entry.contains("default: \(defaultValue)"), "\(label): \(entry)")
      } else {
        #expect(!entry.contains("default:"), "\(label): \(entry)")
      }
    }
    #expect(entries["-h, --help"] != nil)
    #expect(entries.count == expectation.options.count + 1, "unexpected options: \(entries.keys.sorted())")
  }

  @Test(arguments: ["train", "compare", "list"])
  func helpLinesFitEightyColumns(command: String) {
    let result = runWeightLab([command, "--help"])

    for line in result.stdout.split(separator: "\n") {
      #expect(line.count <= 80, "line of \(line.count) characters: \(line)")
    }
  }

  @Test func unitsAppearInHelp() {
    let result = runWeightLab(["train", "--help"])

    let entries = optionEntries(in: result.stdout)
    #expect(entries["--batch-size <n>"]?.contains("unit: examples") == true)
    #expect(entries["--epochs <n>"]?.contains("unit: epochs") == true)
    #expect(entries["--layers <widths>"]?.contains("unit: units per layer") == true)
  }
}

/// Returns each entry of the OPTIONS section keyed by its label, with the wrapped lines of its
/// text joined by single spaces.
func optionEntries(in help: String) -> [String: String] {
  var entries: [String: String] = [:]
  var currentLabel: String?
  for line in section("OPTIONS:", of: help) {
    let isContinuation = line.hasPrefix(String(repeating: " ", count: 4))
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if isContinuation, let label = currentLabel {
      entries[label, default: ""] += (entries[label]!.isEmpty ? "" : " ") + trimmed
      continue
    }
    // A label and its text are separated by at least two spaces. A long label is alone on its line.
    let parts = trimmed.components(separatedBy: "  ")
    let label = parts[0]
    let text = parts.dropFirst().joined(separator: " ").trimmingCharacters(in: .whitespaces)
    entries[label] = text
    currentLabel = label
  }
  return entries
}
