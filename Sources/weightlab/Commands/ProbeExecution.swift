// Runs `weightlab probe`: loads the probe batch, measures each initializer and prints the
// per-layer tables, the verdicts and the recommendation.

import Foundation
import WeightLab
import WeightLabData
import WeightLabExperiments

func executeProbe(_ options: ProbeOptions) throws -> Int32 {
  let commandPath = ProbeOptions.command.commandPath
  let activation: Activation
  do {
    activation = try Activation(parsing: options.activation)
  } catch {
    throw UsageError("option '--activation': \(error)", commandPath: commandPath)
  }
  let initializers: [String]
  do {
    initializers = try Spec.parseList(options.initializers).map(\.text)
    for spec in initializers {
      _ = try InitializerCatalog.make(try Spec(parsing: spec), activation: activation)
    }
  } catch {
    throw UsageError("option '--init': \(error)", commandPath: commandPath)
  }

  if options.isTabular {
    return try executeTabularProbe(options, activation: activation, initializers: initializers)
  }
  Terminal.writeLine("loading the first \(options.batchSize) training examples of \(options.dataset)…")
  // No validation split: the probe batch is simply the first rows of the training file.
  let data = try DatasetCatalog.load(
    DataRequest(
      name: options.dataset, directory: options.dataDirectory, limit: options.batchSize, validationFraction: 0
    ))
  if data.train.count < options.batchSize {
    Terminal.writeLine(
      "warning: \(options.dataset) has only \(data.train.count) training examples; the probe batch uses all of them"
    )
  }

  let result = try InitializationProbe.run(
    initializers: initializers, hiddenWidths: options.hiddenLayerWidths, activation: activation,
    batch: data.train, classCount: data.classCount, seed: options.seed)
  switch options.format {
  case .json:
    print(try JSONOutput.text(JSONOutput.probe(result, dataset: options.dataset)))
  case .text:
    print(ProbeText.render(result, dataset: options.dataset))
  }
  return 0
}

/// Probes on the first training rows of a CSV file or of khan, with the task's loss for the gradient.
private func executeTabularProbe(
  _ options: ProbeOptions, activation: Activation, initializers: [String]
) throws -> Int32 {
  let dataset: TabularDataset
  if options.dataset == TabularOptions.khanName {
    dataset = try KhanDataset.load(
      directory: options.dataDirectory ?? TabularOptions.defaultISLPDirectory, validationFraction: 0, seed: 0)
  } else {
    dataset = try TabularDataset.load(
      path: options.dataset, target: options.target!, task: options.task, validationFraction: 0,
      testFraction: TabularSplit.defaultTestFraction, seed: 0)
  }
  Terminal.writeLine(dataset.summary.description)
  let data = TabularData(name: options.dataset, dataset: dataset)
  let rows = min(options.batchSize, data.train.count)
  if rows < options.batchSize {
    Terminal.writeLine(
      "warning: \(options.dataset) has only \(rows) training rows; the probe batch uses all of them")
  }
  let batch = data.train.firstRows(rows)

  let result = try InitializationProbe.run(
    initializers: initializers, hiddenWidths: options.hiddenLayerWidths, activation: activation, batch: batch,
    outputCount: data.outputCount, loss: data.loss(balancedClassWeights: false), seed: options.seed)
  switch options.format {
  case .json:
    print(try JSONOutput.text(JSONOutput.probe(result, dataset: options.dataset)))
  case .text:
    print(ProbeText.render(result, dataset: options.dataset))
  }
  return 0
}

func executeReport(_ options: ReportOptions) throws -> Int32 {
  let store = try RunStore(path: options.storePath, readOnly: true)
  let report = try HTMLReport(store: store, invocationID: options.invocation)
  try report.write(to: options.outputPath)
  Terminal.writeLine(
    "report of '\(report.invocation.commandLine)' (\(report.runs.count) runs) written to \(options.outputPath)"
  )
  return 0
}
