// Training one configuration while the run store records it: a `running` row first, each epoch
// committed as it finishes, then the summary. Shared by `train` and `compare`.

import Foundation
import WeightLab
import WeightLabExperiments

/// Trains `configuration` and records it in `store` under `invocation`.
///
/// A store failure during an epoch does not stop training. The first one is rethrown when the
/// run ends, so the command fails with the store's message instead of reporting a half-stored run.
func runAndStore(
  _ configuration: RunConfiguration, data: PreparedData, request: DataRequest, store: RunStore,
  invocation: Int64, observer: TrainingObserver
) throws -> RunResult {
  let stored = StoredConfiguration(configuration, data: request)
  let runID = try store.beginRun(
    invocation: invocation, configuration: stored, commandLine: reproducingCommand(stored),
    version: WeightLabTool.version)
  let clock = ContinuousClock()
  let start = clock.now

  var storeError: (any Error)?
  let result = try ExperimentRunner.run(configuration, data: data, observer: observer) {
    diagnostics, record in
    guard storeError == nil else { return }
    do {
      try store.recordEpoch(run: runID, diagnostics: diagnostics, metrics: record.map(EpochMetrics.init))
    } catch {
      storeError = error
    }
  }
  if let storeError { throw storeError }

  let elapsed = clock.now - start
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  try store.finishRun(runID, summary: result.summary, diagnostics: result.diagnostics, seconds: seconds)
  return result
}

/// Returns the command line of this process, each argument quoted for a POSIX shell when it needs it.
func invocationCommandLine() -> String {
  (["weightlab"] + CommandLine.arguments.dropFirst()).map(shellQuoted).joined(separator: " ")
}

/// Builds a `weightlab train` command that reproduces one stored run, with every option that changes its result.
func reproducingCommand(_ configuration: StoredConfiguration) -> String {
  var arguments = [
    "weightlab", "train", "--data", configuration.dataset,
    "--validation-fraction", "\(configuration.validationFraction)",
  ]
  if let limit = configuration.dataLimit { arguments += ["--limit", "\(limit)"] }
  arguments += [
    "--layers", configuration.hiddenWidths.map(String.init).joined(separator: ","),
    "--activation", configuration.activation, "--init", configuration.initializer,
  ]
  if let bias = configuration.biasInitializer { arguments += ["--bias-init", bias] }
  if let parametrization = configuration.parametrization { arguments += ["--parametrization", parametrization] }
  arguments += [
    "--reg", configuration.regularizer, "--optimizer", configuration.optimizer,
    "--learning-rate", "\(configuration.learningRate)",
  ]
  if configuration.optimizer == "sgd" { arguments += ["--momentum", "\(configuration.momentum)"] }
  if let decay = configuration.weightDecay { arguments += ["--weight-decay", "\(decay)"] }
  arguments += [
    "--batch-size", "\(configuration.batchSize)", "--epochs", "\(configuration.epochs)",
    "--target-accuracy", "\(configuration.targetAccuracy)", "--seed", "\(configuration.seed)",
  ]
  return arguments.map(shellQuoted).joined(separator: " ")
}

/// Quotes `argument` in single quotes unless it contains only characters a shell leaves alone.
func shellQuoted(_ argument: String) -> String {
  let plain = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_=.,:/+@")
  if !argument.isEmpty, argument.unicodeScalars.allSatisfy(plain.contains) { return argument }
  return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
