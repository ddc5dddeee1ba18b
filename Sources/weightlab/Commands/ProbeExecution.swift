// Runs `weightlab probe`: loads the probe batch, measures each initializer and prints the
// per-layer tables, the verdicts and the recommendation.

import Foundation
import WeightLab
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

func executeReport(_ options: ReportOptions) throws -> Int32 {
  let store = try RunStore(path: options.storePath, readOnly: true)
  let report = try HTMLReport(store: store, invocationID: options.invocation)
  try report.write(to: options.outputPath)
  Terminal.writeLine(
    "report of '\(report.invocation.commandLine)' (\(report.runs.count) runs) written to \(options.outputPath)"
  )
  return 0
}
