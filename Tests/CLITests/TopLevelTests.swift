// End-to-end tests of `weightlab` without a subcommand: version, help and unknown subcommands.

import Testing

@Suite struct TopLevelTests {
  @Test func versionPrintsVersion() {
    let result = runWeightLab(["--version"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 0)
    #expect(result.stdout == "weightlab 0.1.0\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func noArgumentsPrintsHelpToStderr() {
    let result = runWeightLab([])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("OVERVIEW:"))
    #expect(result.stderr.contains("USAGE: weightlab <subcommand>"))
    #expect(result.stderr.contains("SUBCOMMANDS:"))
  }

  @Test(arguments: [["--help"], ["-h"], ["help"]])
  func topLevelHelpListsSubcommands(arguments: [String]) {
    let result = runWeightLab(arguments)

    expectNoCrashTrace(result)
    #expect(result.exitCode == 0)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.hasPrefix("OVERVIEW: "))
    #expect(result.stdout.contains("USAGE: weightlab <subcommand>"))
    #expect(result.stdout.contains("--version"))
    let subcommandLines = section("SUBCOMMANDS:", of: result.stdout)
    for name in ["train", "compare", "probe", "report", "list", "help"] {
      #expect(subcommandLines.contains { $0.hasPrefix("  \(name) ") }, "missing subcommand \(name)")
    }
  }

  @Test func unknownSubcommandSuggestsClosest() {
    let result = runWeightLab(["trian", "--epochs", "1"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: unknown subcommand 'trian'."))
    #expect(result.stderr.contains("Did you mean 'train'?"))
    #expect(result.stderr.contains("Valid subcommands: train, compare, probe, predict, report, list, help."))
    #expect(result.stderr.hasSuffix("\nRun 'weightlab --help' for usage.\n"))
  }

  @Test func helpForUnknownSubcommandFails() {
    let result = runWeightLab(["help", "bogus"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("error: unknown subcommand 'bogus'."))
  }

  @Test func unknownTopLevelOptionFails() {
    let result = runWeightLab(["--verison"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stderr.hasPrefix("error: unknown option '--verison'."))
    #expect(result.stderr.contains("Did you mean '--version'?"))
  }
}

/// Returns the lines of a help section, from its heading up to the next blank line.
func section(_ heading: String, of text: String) -> [String] {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  guard let start = lines.firstIndex(of: heading) else { return [] }
  let rest = lines[(start + 1)...]
  return Array(rest.prefix { !$0.isEmpty })
}
