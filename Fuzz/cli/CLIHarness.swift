// libFuzzer harness for the command line. Each input line is one argument; the first names the
// subcommand as in `weightlab <subcommand> <options>`. The harness runs what `WeightLabTool.run`
// runs before a command starts work: option matching, each command's `init(parsing:)`, and the
// spec checks of `ExperimentRunner.resolve`. Any of them may throw, but none may trap.

import WeightLab
import WeightLabExperiments

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCommandLine(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
  let arguments = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  guard let first = arguments.first else { return 0 }

  if first.hasPrefix("-") {
    // The top level declares only --version, so a successful parse must contain it.
    if case .options(let options) = try? parseArguments(arguments, for: WeightLabTool.command) {
      precondition(options.flag("version"), "the top level parsed options without --version")
    }
    return 0
  }
  guard let subcommand = WeightLabTool.subcommands.first(where: { $0.description.name == first }) else {
    return 0
  }
  switch try? parseArguments(Array(arguments.dropFirst()), for: subcommand.description) {
  case .help:
    _ = HelpFormatter.helpText(for: subcommand.description)
  case .options(let options):
    parseCommand(first, options)
  case nil:
    break
  }
  return 0
}

/// Converts the options of the command `name`, then checks its specs as a run would.
private func parseCommand(_ name: String, _ options: ParsedOptions) {
  switch name {
  case "train":
    guard let train = try? TrainOptions(parsing: options) else { return }
    resolve(train.architecture, train.training, initializers: [train.initializer], train.regularizer)
  case "compare":
    guard let compare = try? CompareOptions(parsing: options) else { return }
    let initializers = (try? Spec.parseList(compare.initializers).map(\.text)) ?? []
    let regularizers = (try? Spec.parseList(compare.regularizers).map(\.text)) ?? []
    for regularizer in regularizers {
      resolve(compare.architecture, compare.training, initializers: initializers, regularizer)
    }
  case "probe":
    guard let probe = try? ProbeOptions(parsing: options),
      let activation = try? Activation(parsing: probe.activation),
      let specs = try? Spec.parseList(probe.initializers)
    else { return }
    for spec in specs { _ = try? InitializerCatalog.make(spec, activation: activation) }
  case "report":
    _ = try? ReportOptions(parsing: options)
  case "list":
    if let list = try? ListOptions(parsing: options) { _ = CatalogText.render(list.kind) }
  case "predict":
    _ = try? PredictOptions(parsing: options)
  default:
    // A command added after this harness: its options were matched, which is the shared part.
    break
  }
}

/// Builds each run configuration and resolves its specs, as `train` and `compare` do before loading data.
private func resolve(
  _ architecture: ArchitectureOptions, _ training: TrainingOptions, initializers: [String],
  _ regularizer: String
) {
  for initializer in initializers {
    guard
      let configuration = try? makeConfiguration(
        architecture: architecture, training: training, initializer: initializer, regularizer: regularizer,
        seed: 0, dataset: "fashion-mnist", commandPath: "weightlab")
    else { return }
    _ = try? ExperimentRunner.resolve(configuration)
  }
}
