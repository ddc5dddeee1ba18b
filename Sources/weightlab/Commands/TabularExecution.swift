// Runs `train` and `compare` on tabular data: load and summarize the CSV file (or Khan), train
// with the task's loss, early stopping and automatic regularization, checkpoint `train` after
// each epoch, print metrics, save the model.

import Foundation
import WeightLab
import WeightLabCore
import WeightLabData
import WeightLabExperiments

/// The seed of the train/validation/test split, fixed so that every run of a comparison, and a
/// train run with any --seed, trains and scores on the same rows.
private let tabularSplitSeed: UInt64 = 0

func executeTabularTrain(_ options: TrainOptions, _ tabular: TabularOptions) throws -> Int32 {
  let commandPath = TrainOptions.command.commandPath
  let configuration = try makeConfiguration(
    architecture: options.architecture, training: options.training, initializer: options.initializer,
    regularizer: options.regularizer, seed: options.seed, dataset: tabular.dataPath, commandPath: commandPath)
  BLASThreads.set(options.training.threads)
  let data = try loadTabularData(tabular, data: options.data)

  var stored = StoredConfiguration(
    configuration,
    data: DataRequest(
      name: tabular.dataPath, directory: options.data.dataDirectory,
      validationFraction: options.data.validationFraction, splitSeed: tabularSplitSeed))
  stored.tabular = StoredTabularSettings(
    target: tabular.target, task: tabular.task?.rawValue, testFraction: tabular.testFraction,
    patience: tabular.patience, balancedClassWeights: tabular.balancedClassWeights)
  let checkpointDirectory = RunCheckpoint.trainDirectory(in: options.store.outputDirectory)
  let checkpointPath = (checkpointDirectory as NSString).appendingPathComponent(RunCheckpoint.fileName)
  var resumeFrom: TrainingSnapshot?
  if options.resume {
    let checkpoint = try trainCheckpoint(in: checkpointDirectory, for: stored)
    // Under `auto` the cross-validation runs again before the resumed training, and it trains
    // every strength for --epochs epochs. Another epoch count could choose another strength
    // than the one the checkpoint was trained with.
    if let checkpoint, AutomaticRegularization(spec: configuration.regularizer) != nil,
      checkpoint.configuration.epochs != configuration.epochs
    {
      throw RuntimeError(
        "the checkpoint in \(checkpointDirectory) was trained with --epochs \(checkpoint.configuration.epochs), "
          + "and with --reg \(configuration.regularizer) a resumed run must keep it. Give --epochs "
          + "\(checkpoint.configuration.epochs), or train without --resume to start over.")
    }
    resumeFrom = checkpoint?.snapshot
    if let snapshot = resumeFrom {
      Terminal.writeLine(
        "resuming from \(checkpointPath): epoch \(snapshot.epoch), step \(snapshot.completedSteps) of "
          + "\(snapshot.stepsPerEpoch)")
    }
  }

  // The checkpoint after each epoch stays when the run ends, so that `--epochs N --resume` can
  // extend it. A failed write does not stop training; the first failure is rethrown at the end.
  var checkpointError: (any Error)?
  var observer = TrainingObserver()
  observer.shouldStop = { StopSignal.received != nil }
  observer.epochCheckpoint = { snapshot in
    guard checkpointError == nil else { return }
    do {
      try RunCheckpoint(configuration: stored, storeRunID: nil, snapshot: snapshot).write(
        to: checkpointDirectory)
    } catch {
      checkpointError = error
    }
  }
  StopSignal.install()
  Terminal.writeLine(
    "training seed \(options.seed), \(configuration.epochs) epochs, regularizer \(configuration.regularizer)")
  let result = try runTabular(
    configuration, data: data, tabular: tabular, commandPath: commandPath, observer: observer,
    resumingFrom: resumeFrom)
  if let checkpointError { throw checkpointError }
  if let snapshot = result.interruption {
    try RunCheckpoint(configuration: stored, storeRunID: nil, snapshot: snapshot).write(
      to: checkpointDirectory)
    return reportInterruption(snapshot, checkpointPath: checkpointPath)
  }
  for warning in result.warnings { Terminal.writeLine("warning: \(warning)") }

  if let saveDirectory = options.saveDirectory {
    let description = ModelDescription(
      weightsID: UUID().uuidString,
      architecture: .init(
        inputFeatures: data.featureCount, hiddenWidths: configuration.hiddenWidths,
        activation: configuration.activation.description, outputs: data.outputCount),
      encoder: data.encoder,
      provenance: .init(
        initializer: configuration.initializer, regularizer: result.chosenRegularizer,
        seed: configuration.seed,
        epoch: result.keptEpoch, dataPath: tabular.dataPath))
    try SavedModel(description: description, network: result.network).save(to: saveDirectory)
    try writeSplitRows(data.split, directory: saveDirectory)
    Terminal.writeLine("model saved to \(saveDirectory) (model.json, model.safetensors)")
  }

  switch options.format {
  case .json:
    print(try TabularJSON.text(TabularJSON.run(result, data: data)))
  case .text:
    print(TabularText.run(result, data: data))
  }
  if let divergence = result.divergence {
    Terminal.writeLine(
      "error: training diverged: \(divergence). The model keeps the last weights before it; try a learning "
        + "rate 10 times smaller.")
    return 1
  }
  return 0
}

func executeTabularCompare(_ options: CompareOptions, _ tabular: TabularOptions) throws -> Int32 {
  let commandPath = CompareOptions.command.commandPath
  // NOTE: tabular runs are not written to the run store, so there is nothing to report or resume.
  for (given, name) in [(options.writesReport, "report"), (options.resume, "resume")] where given {
    throw UsageError(
      "option '--\(name)' applies only to image datasets: tabular comparisons are not written to the "
        + "run store. Use --format json to keep their results.",
      commandPath: commandPath)
  }
  let initializers: [String]
  let regularizers: [String]
  do {
    initializers = try Spec.parseList(options.initializers).map(\.text)
    regularizers = try Spec.parseList(options.regularizers).map(\.text)
  } catch {
    throw UsageError("option '--init' or '--reg': \(error)", commandPath: commandPath)
  }
  var configurations: [RunConfiguration] = []
  for initializer in initializers {
    for regularizer in regularizers {
      for seed in options.seeds {
        configurations.append(
          try makeConfiguration(
            architecture: options.architecture, training: options.training, initializer: initializer,
            regularizer: regularizer, seed: seed, dataset: tabular.dataPath, commandPath: commandPath))
      }
    }
  }
  BLASThreads.set(options.training.threads)
  let data = try loadTabularData(tabular, data: options.data)

  var results: [TabularRunResult] = []
  for (index, configuration) in configurations.enumerated() {
    Terminal.writeLine(
      "run \(index + 1)/\(configurations.count): init \(configuration.initializer), reg \(configuration.regularizer), "
        + "seed \(configuration.seed)")
    let result = try runTabular(configuration, data: data, tabular: tabular, commandPath: commandPath)
    if let divergence = result.divergence {
      Terminal.writeLine("warning: run \(index + 1) diverged: \(divergence). The comparison continues.")
    }
    results.append(result)
  }

  switch options.format {
  case .json:
    print(try TabularJSON.text(TabularJSON.comparison(results, data: data)))
  case .text:
    print(TabularText.comparison(results, data: data))
  }
  return 0
}

/// Loads the CSV file or Khan and prints the summary on standard error.
private func loadTabularData(_ tabular: TabularOptions, data options: DataOptions) throws -> TabularData {
  let dataset: TabularDataset
  if tabular.dataPath == TabularOptions.khanName {
    let directory = options.dataDirectory ?? TabularOptions.defaultISLPDirectory
    dataset = try KhanDataset.load(
      directory: directory, validationFraction: options.validationFraction, seed: tabularSplitSeed)
  } else {
    guard let target = tabular.target else {
      preconditionFailure("TabularOptions requires --target for a CSV file")
    }
    dataset = try TabularDataset.load(
      path: tabular.dataPath, target: target, task: tabular.task,
      validationFraction: options.validationFraction,
      testFraction: tabular.testFraction, seed: tabularSplitSeed)
  }
  Terminal.writeLine(dataset.summary.description)
  return TabularData(name: tabular.dataPath, dataset: dataset)
}

/// Trains one configuration with epoch lines on standard error.
///
/// - Parameters:
///   - observer: The checkpoint and stop callbacks of the kept training.
///   - snapshot: A checkpointed state of the kept training to continue from.
private func runTabular(
  _ configuration: RunConfiguration, data: TabularData, tabular: TabularOptions, commandPath: String,
  observer: TrainingObserver = TrainingObserver(), resumingFrom snapshot: TrainingSnapshot? = nil
) throws -> TabularRunResult {
  do {
    return try TabularRunner.run(
      configuration, data: data, patience: tabular.patience,
      balancedClassWeights: tabular.balancedClassWeights, observer: observer, resumingFrom: snapshot
    ) { spec, record in
      let validation = record.validationLoss.map { String(format: ", validation loss %.4f", $0) } ?? ""
      Terminal.writeLine(
        "  \(spec) epoch \(record.epoch): train loss \(String(format: "%.4f", record.trainLoss))\(validation)"
      )
    }
  } catch let error as SpecError {
    throw UsageError(error.description, commandPath: commandPath)
  } catch let error as TrainingSnapshotError {
    throw RuntimeError("the checkpoint cannot continue this run: \(error)")
  }
}

/// Writes split.json beside the model: the 0-based data rows of the training file in each split,
/// so that the held-out test rows can be extracted and scored with `weightlab predict`.
private func writeSplitRows(_ split: TabularSplit, directory: String) throws {
  let rows = ["train": split.train, "validation": split.validation, "test": split.test]
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  let path = (directory as NSString).appendingPathComponent("split.json")
  do {
    try encoder.encode(rows).write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    throw RuntimeError("\(path): failed to write the split rows: \(error.localizedDescription).")
  }
}
