// End-to-end tests of usage errors: each invalid command line exits with 64, prints one
// `error:` line that names the problem, and points to the command's help.

import Testing

/// An invalid command line and the fragments its error message must contain.
struct UsageErrorCase: Sendable, CustomTestStringConvertible {
  let arguments: [String]
  let fragments: [String]

  var testDescription: String { arguments.joined(separator: " ") }
  /// The command whose help the error points to.
  var commandPath: String {
    guard let first = arguments.first, !first.hasPrefix("-") else { return "weightlab" }
    return "weightlab \(first)"
  }
}

private let usageErrorCases = [
  UsageErrorCase(
    arguments: ["train", "--epoch", "3"],
    fragments: ["unknown option '--epoch'.", "Did you mean '--epochs'?"]),
  UsageErrorCase(
    arguments: ["train", "--learningrate=0.1"],
    fragments: ["unknown option '--learningrate'.", "Did you mean '--learning-rate'?"]),
  UsageErrorCase(
    arguments: ["compare", "--seed", "1"],
    fragments: ["unknown option '--seed'.", "Did you mean '--seeds'?"]),
  UsageErrorCase(arguments: ["train", "--epochs"], fragments: ["missing value for option '--epochs <n>'"]),
  UsageErrorCase(
    arguments: ["train", "--epochs", "--seed", "1"],
    fragments: ["missing value for option '--epochs <n>'"]),
  UsageErrorCase(
    arguments: ["train", "--epochs", "x"],
    fragments: ["invalid value 'x' for '--epochs <n>'", "expected an integer of at least 1"]),
  UsageErrorCase(
    arguments: ["train", "--epochs=2.5"],
    fragments: ["invalid value '2.5' for '--epochs <n>'", "expected an integer of at least 1"]),
  UsageErrorCase(
    arguments: ["train", "--batch-size", "0"],
    fragments: ["invalid value '0' for '--batch-size <n>'", "expected an integer of at least 1"]),
  UsageErrorCase(
    arguments: ["train", "--epochs", "3", "--epochs", "4"],
    fragments: ["option '--epochs' was given more than once ('3', then '4')"]),
  UsageErrorCase(
    arguments: ["train", "--layers", ""],
    fragments: ["invalid value '' for '--layers <widths>'", "the list is empty"]),
  UsageErrorCase(
    arguments: ["train", "--layers", "256,,128"],
    fragments: ["invalid value '256,,128' for '--layers <widths>'", "item 2 is empty"]),
  UsageErrorCase(
    arguments: ["train", "--layers", "256,-1"],
    fragments: ["item '-1' is not an integer of at least 1"]),
  UsageErrorCase(
    arguments: ["train", "--learning-rate", "-0.5"],
    fragments: ["invalid value '-0.5' for '--learning-rate <rate>'", "expected a number greater than 0"]),
  UsageErrorCase(
    arguments: ["train", "--learning-rate", "inf"],
    fragments: ["invalid value 'inf' for '--learning-rate <rate>'"]),
  UsageErrorCase(
    arguments: ["train", "--validation-fraction", "1"],
    fragments: ["'--validation-fraction <fraction>'", "expected a number x with 0 <= x < 1"]),
  UsageErrorCase(
    arguments: ["train", "--target-accuracy", "1.5"],
    fragments: ["'--target-accuracy <fraction>'", "expected a number x with 0 <= x <= 1"]),
  UsageErrorCase(
    arguments: ["train", "--seed", "-1"],
    fragments: ["invalid value '-1' for '--seed <n>'", "expected an integer from 0 to 18446744073709551615"]),
  UsageErrorCase(
    arguments: ["train", "--optimizer", "sdg"],
    fragments: ["invalid value 'sdg' for '--optimizer <name>'", "did you mean 'sgd'?", "one of adam, sgd"]),
  UsageErrorCase(
    arguments: ["train", "--format", "xml"],
    fragments: ["invalid value 'xml' for '--format <format>'", "one of text, json"]),
  UsageErrorCase(
    arguments: ["train", "--momentum", "0.5"],
    fragments: ["option '--momentum' applies only to '--optimizer sgd'"]),
  UsageErrorCase(
    arguments: ["train", "fashion-mnist"],
    fragments: ["unexpected argument 'fashion-mnist'"]),
  UsageErrorCase(
    arguments: ["train", "--help=yes"],
    fragments: ["option '--help' is a flag and takes no value"]),
  UsageErrorCase(
    arguments: ["compare", "--seeds", "2", "--seed-list", "1,2"],
    fragments: ["options '--seeds' and '--seed-list' cannot be combined"]),
  UsageErrorCase(
    arguments: ["compare", "--seed-list", "4,7,4"],
    fragments: ["invalid value '4,7,4' for '--seed-list <seeds>'", "4 appears more than once"]),
  UsageErrorCase(
    arguments: ["compare", "--seeds", "0"],
    fragments: ["invalid value '0' for '--seeds <n>'", "expected an integer of at least 1"]),
  UsageErrorCase(
    arguments: ["list", "--kind", "initialisers"],
    fragments: ["invalid value 'initialisers' for '--kind <kind>'", "did you mean 'initializers'?"]),
  UsageErrorCase(arguments: ["--bogus"], fragments: ["unknown option '--bogus'."]),
  UsageErrorCase(
    arguments: ["train", "--weight-decay", "0.1"],
    fragments: ["option '--weight-decay' applies only to '--optimizer adamw'", "--reg decay:λ"]),
  UsageErrorCase(
    arguments: ["train", "--optimizer", "adamw", "--weight-decay", "-1"],
    fragments: ["invalid value '-1' for '--weight-decay <rate>'"]),
  UsageErrorCase(
    arguments: ["train", "--reg", "decay:2", "--learning-rate", "0.5"],
    fragments: ["invalid spec 'decay:2'", "must be below 1"]),
  UsageErrorCase(
    arguments: ["compare", "--reg", "none,l2:1e-4+maxnorm:3"],
    fragments: ["unknown regularizer 'maxnorm'", "prox-l1"]),
  UsageErrorCase(
    arguments: ["train", "--init", "lsuv:tolerance=2"],
    fragments: ["invalid value for 'tolerance'"]),
]

@Suite struct UsageErrorTests {
  @Test(arguments: usageErrorCases)
  func usageErrorExitsWith64(errorCase: UsageErrorCase) {
    let result = runWeightLab(errorCase.arguments)

    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stdout.isEmpty)
    let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3, "expected an error line, a help line and a final newline: \(result.stderr)")
    #expect(result.stderr.hasPrefix("error: "))
    #expect(result.stderr.hasSuffix("\nRun '\(errorCase.commandPath) --help' for usage.\n"))
    for fragment in errorCase.fragments {
      #expect(result.stderr.contains(fragment), "stderr: \(result.stderr)")
    }
  }
}
