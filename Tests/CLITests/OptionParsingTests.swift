// Tests of option parsing inside the executable module: the values that reach the commands.

import Testing

@testable import weightlab

private struct HelpRequested: Error {}

/// Parses `arguments` for `command` and returns the options, or throws when they request help.
private func parse(_ arguments: [String], for command: CommandDescription) throws -> ParsedOptions {
  guard case .options(let options) = try parseArguments(arguments, for: command) else {
    throw HelpRequested()
  }
  return options
}

@Suite struct OptionParsingTests {
  @Test func trainDefaults() throws {
    let options = try TrainOptions(parsing: parse([], for: TrainOptions.command))

    let expected = TrainOptions(
      data: DataOptions(
        dataset: "fashion-mnist", dataDirectory: nil, validationFraction: 0.1, limit: nil),
      architecture: ArchitectureOptions(
        hiddenLayerWidths: [256, 128], activation: "relu", biasInitializer: nil),
      initializer: "he-normal", regularizer: "none",
      training: TrainingOptions(
        optimizer: .adam, learningRate: 1e-3, momentum: 0.9, batchSize: 128, epochs: 5, threads: 1,
        targetAccuracy: 0.85),
      seed: 0, format: .text)
    #expect(options == expected)
  }

  @Test func trainEveryOptionGiven() throws {
    let arguments = [
      "--data", "fashion-mnist", "--data-dir=/data/fm", "--validation-fraction", "0",
      "--limit", "1000", "--layers", "512, 64,32", "--activation", "leaky-relu:slope=0.2",
      "--bias-init", "zeros", "--init=orthogonal:gain=1.41", "--reg", "elastic-net:l1=1e-5,l2=1e-4",
      "--optimizer", "sgd", "--learning-rate", "0.05", "--momentum=0", "--batch-size", "32",
      "--epochs", "20", "--threads", "4", "--target-accuracy", "1", "--seed", "18446744073709551615",
      "--format", "json",
    ]
    let options = try TrainOptions(parsing: parse(arguments, for: TrainOptions.command))

    let expected = TrainOptions(
      data: DataOptions(
        dataset: "fashion-mnist", dataDirectory: "/data/fm", validationFraction: 0, limit: 1000),
      architecture: ArchitectureOptions(
        hiddenLayerWidths: [512, 64, 32], activation: "leaky-relu:slope=0.2", biasInitializer: "zeros"),
      initializer: "orthogonal:gain=1.41", regularizer: "elastic-net:l1=1e-5,l2=1e-4",
      training: TrainingOptions(
        optimizer: .sgd, learningRate: 0.05, momentum: 0, batchSize: 32, epochs: 20, threads: 4,
        targetAccuracy: 1),
      seed: UInt64.max, format: .json)
    #expect(options == expected)
  }

  @Test func compareDefaults() throws {
    let options = try CompareOptions(parsing: parse([], for: CompareOptions.command))

    #expect(options.initializers == "zeros,xavier-uniform,he-normal")
    #expect(options.regularizers == "none,l2:1e-4")
    #expect(options.seeds == [0, 1, 2])
    #expect(options.training.epochs == 5)
    #expect(options.format == .text)
    #expect(options.architecture.hiddenLayerWidths == [256, 128])
  }

  @Test func compareSeedCountAndList() throws {
    let counted = try CompareOptions(parsing: parse(["--seeds", "4"], for: CompareOptions.command))
    let listed = try CompareOptions(
      parsing: parse(["--seed-list", "9,0,5"], for: CompareOptions.command))

    #expect(counted.seeds == [0, 1, 2, 3])
    #expect(listed.seeds == [9, 0, 5])
  }

  @Test func listKindDefaultsToAll() throws {
    let defaulted = try ListOptions(parsing: parse([], for: ListOptions.command))
    let chosen = try ListOptions(parsing: parse(["--kind", "datasets"], for: ListOptions.command))

    #expect(defaulted.kind == .all)
    #expect(chosen.kind == .datasets)
  }

  @Test func negativeNumberIsValueNotOption() throws {
    let options = try parse(["--learning-rate", "-0.5", "--epochs", "2"], for: TrainOptions.command)

    #expect(options.optionalString("learning-rate") == "-0.5")
    #expect(options.optionalString("epochs") == "2")
  }

  @Test func helpWinsOverInvalidOptions() throws {
    let outcome = try parseArguments(["--bogus", "-h"], for: TrainOptions.command)

    guard case .help = outcome else {
      Issue.record("expected a help request, got \(outcome)")
      return
    }
  }

  @Test func dataDirectoryLookupOrder() {
    let given = DataOptions(
      dataset: "fashion-mnist", dataDirectory: "/given", validationFraction: 0.1, limit: nil)
    let absent = DataOptions(
      dataset: "fashion-mnist", dataDirectory: nil, validationFraction: 0.1, limit: nil)

    #expect(given.dataDirectoryCandidates(environment: ["WEIGHTLAB_DATA": "/env"]) == ["/given"])
    #expect(
      absent.dataDirectoryCandidates(environment: ["WEIGHTLAB_DATA": "/env"])
        == ["/env", "/usr/share/datasets/fashion-mnist"])
    #expect(
      absent.dataDirectoryCandidates(environment: ["WEIGHTLAB_DATA": ""])
        == ["/usr/share/datasets/fashion-mnist"])
    #expect(absent.dataDirectoryCandidates(environment: [:]) == ["/usr/share/datasets/fashion-mnist"])
  }
}

@Suite struct ClosestMatchTests {
  @Test(arguments: [
    ("kitten", "sitting", 3),
    ("", "abc", 3),
    ("abc", "", 3),
    ("epochs", "epochs", 0),
    ("seeds", "seed", 1),
    ("learningrate", "learning-rate", 1),
  ])
  func levenshteinDistanceCases(source: String, target: String, distance: Int) {
    #expect(levenshteinDistance(source, target) == distance)
  }

  @Test func prefixWinsOverDistance() {
    let names = ["data", "data-dir", "epochs", "seed"]

    #expect(closestMatch(to: "data-directory", among: names) == "data-dir")
    #expect(closestMatch(to: "epoch", among: names) == "epochs")
  }

  @Test func distantInputHasNoSuggestion() {
    #expect(closestMatch(to: "xyzzy", among: ["epochs", "seed", "layers"]) == nil)
  }
}
