// Training one configuration while the run store records it: a `running` row first, each epoch
// committed as it finishes, then the summary. Shared by `train` and `compare`.

import Foundation
import WeightLab
import WeightLabExperiments

/// The checkpoint folder of a run and the checkpoint it continues from.
struct CheckpointPlan {
  /// The folder of `checkpoint.safetensors`.
  var directory: String
  /// The checkpoint to resume, or nil to start at epoch 1.
  var resumeFrom: RunCheckpoint? = nil
  /// Whether the checkpoint written after the last epoch stays once the run is stored. `train`
  /// keeps it so that `--epochs N --resume` can extend the run; `compare` deletes it.
  var keepsFinalCheckpoint = false

  var filePath: String { (directory as NSString).appendingPathComponent(RunCheckpoint.fileName) }
}

/// Trains `configuration` and records it in `store` under `invocation`, writing a checkpoint
/// after each epoch and stopping after the current step when SIGINT or SIGTERM arrives.
///
/// A store failure during an epoch does not stop training. The first one is rethrown when the
/// run ends, so the command fails with the store's message instead of reporting a half-stored run.
/// A resumed run is read back from the store at the end, so its result lists every epoch,
/// including those trained before the interruption.
///
/// - Returns: The result, whose `interruption` is set when a signal stopped the run; the
///   checkpoint is then written and the run marked `interrupted`.
func runAndStore(
  _ configuration: RunConfiguration, data: PreparedData, request: DataRequest, store: RunStore,
  invocation: Int64, observer: TrainingObserver, checkpoint plan: CheckpointPlan
) throws -> RunResult {
  let stored = StoredConfiguration(configuration, data: request)
  let commandLine = reproducingCommand(stored)
  let runID: Int64
  if let resumed = plan.resumeFrom, let previousID = resumed.storeRunID,
    try store.reopenRun(
      previousID, invocation: invocation, configuration: stored, commandLine: commandLine,
      throughEpoch: resumed.snapshot.history.count)
  {
    runID = previousID
  } else {
    if plan.resumeFrom != nil {
      Terminal.writeLine(
        "warning: the run that the checkpoint continues is not in \(store.path); the resumed run is stored "
          + "as a new run without the epochs trained before the interruption")
    }
    runID = try store.beginRun(
      invocation: invocation, configuration: stored, commandLine: commandLine, version: WeightLabTool.version)
  }
  let clock = ContinuousClock()
  let start = clock.now

  var storeError: (any Error)?
  var checkpointed = observer
  checkpointed.shouldStop = { StopSignal.received != nil }
  checkpointed.epochCheckpoint = { snapshot in
    guard storeError == nil else { return }
    do {
      try RunCheckpoint(configuration: stored, storeRunID: runID, snapshot: snapshot).write(to: plan.directory)
    } catch {
      storeError = error
    }
  }
  var result = try ExperimentRunner.run(
    configuration, data: data, observer: checkpointed, resumingFrom: plan.resumeFrom?.snapshot
  ) { diagnostics, record in
    guard storeError == nil else { return }
    do {
      try store.recordEpoch(run: runID, diagnostics: diagnostics, metrics: record.map(EpochMetrics.init))
    } catch {
      storeError = error
    }
  }
  if let storeError { throw storeError }

  if let snapshot = result.interruption {
    try RunCheckpoint(configuration: stored, storeRunID: runID, snapshot: snapshot).write(to: plan.directory)
    try store.markInterrupted(runID)
    return result
  }
  let elapsed = clock.now - start
  let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
  try store.finishRun(runID, summary: result.summary, diagnostics: result.diagnostics, seconds: seconds)
  if !plan.keepsFinalCheckpoint { RunCheckpoint.remove(directory: plan.directory) }

  if plan.resumeFrom != nil, let storedRun = try store.run(id: runID) {
    let fresh = result
    result = try storedRun.runResult()
    result.divergence = fresh.divergence
    result.warnings = fresh.warnings
  }
  return result
}

/// Writes the message for a run stopped by a signal and returns the exit status for it.
///
/// - Parameters:
///   - snapshot: The state the checkpoint holds.
///   - checkpointPath: The checkpoint file.
func reportInterruption(_ snapshot: TrainingSnapshot, checkpointPath: String, runLabel: String = "") -> Int32 {
  let signal = StopSignal.received ?? SIGINT
  let position =
    snapshot.completedSteps == 0
    ? "after epoch \(snapshot.epoch - 1)"
    : "at epoch \(snapshot.epoch), step \(snapshot.completedSteps) of \(snapshot.stepsPerEpoch)"
  Terminal.writeLine(
    "interrupted by \(StopSignal.name(of: signal)) \(runLabel)\(position); checkpoint written to "
      + "\(checkpointPath); resume with: \(resumeCommandLine())")
  return StopSignal.exitStatus(for: signal)
}

/// Returns this process's command line with `--resume` added when it is not there yet.
func resumeCommandLine() -> String {
  let line = invocationCommandLine()
  return CommandLine.arguments.contains("--resume") ? line : line + " --resume"
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
