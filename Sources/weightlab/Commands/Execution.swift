// Wires parsed command-line options to the library: builds run configurations, loads data once,
// trains with progress on standard error, and prints results on standard output.

import Foundation
import WeightLab
import WeightLabCore
import WeightLabExperiments

func executeTrain(_ options: TrainOptions) throws -> Int32 {
  if let tabular = options.tabular { return try executeTabularTrain(options, tabular) }
  let commandPath = TrainOptions.command.commandPath
  let configuration = try makeConfiguration(
    architecture: options.architecture, training: options.training, initializer: options.initializer,
    regularizer: options.regularizer, seed: options.seed, dataset: options.data.dataset,
    commandPath: commandPath)
  let resolved = try resolveSpecs(configuration, commandPath: commandPath)
  BLASThreads.set(options.training.threads)

  let data = try loadData(options.data)
  for warning in resolved.warnings { Terminal.writeLine("warning: \(warning)") }
  Terminal.writeLine(
    "training \(describe(configuration, data: data)), seed \(configuration.seed), \(configuration.epochs) epochs"
  )

  let request = dataRequest(options.data)
  let stored = StoredConfiguration(configuration, data: request)
  var plan = CheckpointPlan(
    directory: RunCheckpoint.trainDirectory(in: options.store.outputDirectory), keepsFinalCheckpoint: true)
  if options.resume {
    plan.resumeFrom = try trainCheckpoint(in: plan.directory, for: stored)
    if let snapshot = plan.resumeFrom?.snapshot {
      Terminal.writeLine(
        "resuming from \(plan.filePath): epoch \(snapshot.epoch), step \(snapshot.completedSteps) of "
          + "\(snapshot.stepsPerEpoch)")
    }
  }
  let store = try RunStore(directory: options.store.outputDirectory)
  let invocation = try store.beginInvocation(
    command: "train", commandLine: invocationCommandLine(), version: WeightLabTool.version,
    runKeys: [stored.runKey])

  StopSignal.install()
  let progress = ProgressReporter(totalRuns: 1, epochsPerRun: configuration.epochs)
  let result = try runAndStore(
    configuration, data: data, request: request, store: store, invocation: invocation,
    observer: progress.observer(run: 1), checkpoint: plan)
  progress.finish()
  if let snapshot = result.interruption {
    return reportInterruption(snapshot, checkpointPath: plan.filePath)
  }
  try store.finishInvocation(invocation)
  Terminal.writeLine("run stored in \(store.path)")

  switch options.format {
  case .json:
    print(try JSONOutput.text(JSONOutput.run(result)))
  case .text:
    print(RunText.summary(result))
  }
  if let divergence = result.divergence {
    Terminal.writeLine("error: training diverged: \(divergence). \(divergenceAdvice(configuration))")
    return 1
  }
  return 0
}

func executeCompare(_ options: CompareOptions) throws -> Int32 {
  if let tabular = options.tabular { return try executeTabularCompare(options, tabular) }
  let commandPath = CompareOptions.command.commandPath
  let initializers = try splitSpecList(options.initializers, option: "init", commandPath: commandPath)
  let regularizers = try splitSpecList(options.regularizers, option: "reg", commandPath: commandPath)

  var configurations: [RunConfiguration] = []
  var warnings: [String] = []
  for initializer in initializers {
    for regularizer in regularizers {
      for seed in options.seeds {
        let configuration = try makeConfiguration(
          architecture: options.architecture, training: options.training, initializer: initializer,
          regularizer: regularizer, seed: seed, dataset: options.data.dataset, commandPath: commandPath)
        let resolved = try resolveSpecs(configuration, commandPath: commandPath)
        for warning in resolved.warnings where !warnings.contains(warning) { warnings.append(warning) }
        configurations.append(configuration)
      }
    }
  }
  BLASThreads.set(options.training.threads)

  let data = try loadData(options.data)
  for warning in warnings { Terminal.writeLine("warning: \(warning)") }
  Terminal.writeLine(
    "comparing \(initializers.count) initializer\(initializers.count == 1 ? "" : "s") × "
      + "\(regularizers.count) regularizer\(regularizers.count == 1 ? "" : "s") × \(options.seeds.count) "
      + "seed\(options.seeds.count == 1 ? "" : "s") = \(configurations.count) runs of "
      + describe(configurations[0], data: data))

  let request = dataRequest(options.data)
  let store = try RunStore(directory: options.store.outputDirectory)
  let runKeys = configurations.map { StoredConfiguration($0, data: request).runKey }
  let invocation = try store.beginInvocation(
    command: "compare", commandLine: invocationCommandLine(), version: WeightLabTool.version, runKeys: runKeys
  )

  StopSignal.install()
  let progress = ProgressReporter(totalRuns: configurations.count, epochsPerRun: options.training.epochs)
  var results: [RunResult] = []
  var skippedRuns: [Int64] = []
  for (index, configuration) in configurations.enumerated() {
    let label =
      "run \(index + 1)/\(configurations.count): init \(configuration.initializer), reg \(configuration.regularizer), "
      + "seed \(configuration.seed)"
    let stored = StoredConfiguration(configuration, data: request)
    var plan = CheckpointPlan(
      directory: RunCheckpoint.directory(forRunKey: runKeys[index], in: options.store.outputDirectory))
    if options.resume {
      if let storedRun = try store.latestCompletedRun(runKey: runKeys[index]) {
        Terminal.writeLine("\(label): skipped, finished earlier as stored run \(storedRun.id)")
        results.append(try storedRun.runResult())
        skippedRuns.append(storedRun.id)
        RunCheckpoint.remove(directory: plan.directory)
        progress.finishRun()
        continue
      }
      plan.resumeFrom = compareCheckpoint(in: plan.directory, for: stored)
      try store.deleteUnfinishedRuns(runKey: runKeys[index], keeping: plan.resumeFrom?.storeRunID)
    } else {
      RunCheckpoint.remove(directory: plan.directory)
    }
    if let signal = StopSignal.received {
      Terminal.writeLine(
        "interrupted by \(StopSignal.name(of: signal)) before \(label); resume with: \(resumeCommandLine())")
      return StopSignal.exitStatus(for: signal)
    }
    if let snapshot = plan.resumeFrom?.snapshot {
      Terminal.writeLine(
        "\(label): resumed from its checkpoint at epoch \(snapshot.epoch), step \(snapshot.completedSteps) of "
          + "\(snapshot.stepsPerEpoch)")
    } else {
      Terminal.writeLine(label)
    }
    let result = try runAndStore(
      configuration, data: data, request: request, store: store, invocation: invocation,
      observer: progress.observer(run: index + 1), checkpoint: plan)
    if let snapshot = result.interruption {
      progress.finish()
      return reportInterruption(snapshot, checkpointPath: plan.filePath, runLabel: "in run \(index + 1) ")
    }
    progress.finishRun()
    if let divergence = result.divergence {
      Terminal.writeLine(
        "warning: run \(index + 1) diverged: \(divergence). \(divergenceAdvice(configuration)) "
          + "The comparison continues with the other runs.")
    }
    results.append(result)
  }
  try store.finishInvocation(invocation)
  progress.finish()
  if options.resume {
    Terminal.writeLine(
      "resumed: skipped \(skippedRuns.count) of \(configurations.count) runs that had finished in \(store.path); "
        + "trained \(configurations.count - skippedRuns.count)")
  }
  Terminal.writeLine("runs stored in \(store.path)")
  if options.writesReport {
    let report = try HTMLReport(store: store, invocationID: invocation)
    try report.write(to: options.store.reportPath)
    Terminal.writeLine("report written to \(options.store.reportPath)")
  }

  let comparison = Comparison(runs: results)
  switch options.format {
  case .json:
    print(try JSONOutput.text(JSONOutput.comparison(comparison)))
  case .text:
    print(ComparisonTable.render(comparison, targetAccuracy: options.training.targetAccuracy))
  }
  return 0
}

func executeList(_ options: ListOptions) throws -> Int32 {
  print(CatalogText.render(options.kind))
  return 0
}

// MARK: - Shared steps

func makeConfiguration(
  architecture: ArchitectureOptions, training: TrainingOptions, initializer: String, regularizer: String,
  seed: UInt64, dataset: String, commandPath: String
) throws -> RunConfiguration {
  let activation: Activation
  do {
    activation = try Activation(parsing: architecture.activation)
  } catch {
    throw UsageError("option '--activation': \(error)", commandPath: commandPath)
  }
  return RunConfiguration(
    dataset: dataset, hiddenWidths: architecture.hiddenLayerWidths, activation: activation,
    initializer: initializer, biasInitializer: architecture.biasInitializer,
    parametrization: architecture.parametrization, regularizer: regularizer,
    optimizer: training.optimizer.rawValue, learningRate: training.learningRate, momentum: training.momentum,
    weightDecay: training.weightDecay, batchSize: training.batchSize, epochs: training.epochs, seed: seed,
    targetAccuracy: training.targetAccuracy)
}

/// Parses every spec of a configuration before any data is loaded, so that a typo fails at once.
private func resolveSpecs(_ configuration: RunConfiguration, commandPath: String) throws -> ResolvedRun {
  do {
    return try ExperimentRunner.resolve(configuration)
  } catch {
    throw UsageError(error.description, commandPath: commandPath)
  }
}

private func splitSpecList(_ text: String, option: String, commandPath: String) throws -> [String] {
  do {
    return try Spec.parseList(text).map(\.text)
  } catch {
    throw UsageError("option '--\(option)': \(error)", commandPath: commandPath)
  }
}

private func dataRequest(_ options: DataOptions) -> DataRequest {
  DataRequest(
    name: options.dataset, directory: options.dataDirectory, limit: options.limit,
    validationFraction: options.validationFraction)
}

private func loadData(_ options: DataOptions) throws -> PreparedData {
  Terminal.writeLine("loading \(options.dataset)…")
  let data = try DatasetCatalog.load(dataRequest(options))
  Terminal.writeLine(
    "loaded \(options.dataset) in \(String(format: "%.2f", data.loadSeconds)) s; \(data.splitDescription)")
  return data
}

private func describe(_ configuration: RunConfiguration, data: PreparedData) -> String {
  let widths = [data.featureCount] + configuration.hiddenWidths + [data.classCount]
  return "\(widths.map(String.init).joined(separator: "-")) \(configuration.activation) with "
    + "\(configuration.optimizer) (learning rate \(configuration.learningRate)), batch \(configuration.batchSize)"
}

private func divergenceAdvice(_ configuration: RunConfiguration) -> String {
  "The model keeps the weights from the end of the last complete epoch. Likely causes: a learning rate "
    + "too high for this initializer (\(configuration.learningRate)), or activations that grow layer by "
    + "layer; try a learning rate 10 times smaller or an initializer with a smaller scale."
}
