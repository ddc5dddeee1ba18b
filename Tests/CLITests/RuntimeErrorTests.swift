// End-to-end tests of command lines that parse but fail while running: they exit with 1 and
// print one `error:` line that names the missing folder, without the usage hint.

import Testing

/// Valid command lines whose data folder does not exist. Each one must get past the parser, so
/// the options use both `--name value` and `--name=value` and values at the edges of their ranges.
/// They fail at run time because the data cannot be loaded.
private let failingRuns: [[String]] = [
  [
    "train", "--data-dir", "/nonexistent/weightlab-cli-test", "--limit", "10", "--epochs=1",
    "--layers", "32, 16", "--activation", "leaky-relu:slope=0.2", "--init", "xavier-uniform",
    "--reg", "l2:1e-4", "--optimizer", "sgd", "--momentum", "0", "--learning-rate=0.05",
    "--seed", "18446744073709551615", "--validation-fraction", "0", "--target-accuracy", "1",
    "--threads", "2", "--format", "json",
  ],
  [
    "compare", "--data-dir=/nonexistent/weightlab-cli-test", "--limit", "10", "--epochs", "1",
    "--init", "zeros,he-normal", "--reg", "none", "--seed-list", "0,5,9", "--format=text",
  ],
]

@Suite struct RuntimeErrorTests {
  @Test(arguments: failingRuns)
  func runtimeFailureExitsWith1(arguments: [String]) {
    let result = runWeightLab(arguments)

    expectNoCrashTrace(result)
    #expect(result.exitCode == 1, "stderr: \(result.stderr)")
    let errorLines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    #expect(errorLines.count == 1, "stderr: \(result.stderr)")
    #expect(errorLines.first?.contains("/nonexistent/weightlab-cli-test") == true)
    #expect(!result.stderr.contains("for usage."))
    #expect(result.stdout.isEmpty)
  }
}
