// Runs `weightlab predict`: load the model, encode and predict every row, report what the encoder
// saw, score labeled rows, and only then write the predictions, so an error leaves nothing behind.

import Foundation
import WeightLab
import WeightLabData
import WeightLabExperiments

func executePredict(_ options: PredictOptions) throws -> Int32 {
  let model = try SavedModel(contentsOf: options.modelDirectory)
  let target = model.description.encoder.target
  Terminal.writeLine(
    "loaded \(options.modelDirectory): \(target.task.rawValue) model of '\(target.name)', "
      + "\(model.description.encoder.features.count) input columns")

  let table = try CSVReader.read(path: options.dataPath)
  let predictions = try model.predict(table: table)
  Terminal.writeLine("predicted \(predictions.report)")
  if !predictions.report.unseenCategories.isEmpty {
    Terminal.writeLine(
      "warning: some categories were not in the training rows; their one-hot features are all zero, so "
        + "those rows are predicted as if the category were unknown.")
  }
  reportMetrics(predictions, table: table, target: target)

  let text = predictions.csvText()
  guard let outputPath = options.outputPath else {
    FileHandle.standardOutput.write(Data(text.utf8))
    return 0
  }
  do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
  } catch {
    throw RuntimeError(
      "\(outputPath): failed to write the predictions: \(error.localizedDescription). Check that the folder "
        + "exists and is writable.")
  }
  Terminal.writeLine("wrote \(predictions.rowCount) predictions to \(outputPath)")
  return 0
}

/// Prints the metrics on the rows that carry a known target, when the file has the target column.
private func reportMetrics(_ predictions: TabularPredictions, table: CSVTable, target: TabularTargetEncoding)
{
  let targets: TabularTargets?
  do {
    targets = try target.targets(in: table)
  } catch {
    Terminal.writeLine("warning: the target column cannot be scored: \(error)")
    return
  }
  guard let targets else { return }
  guard let (metrics, skipped) = predictions.metrics(against: targets) else {
    Terminal.writeLine("the target column '\(target.name)' has no known values to score")
    return
  }
  let values = metrics.namedValues.map { "\($0.name) \(String(format: "%.4f", $0.value))" }
  let skippedText = skipped > 0 ? " (\(skipped) rows with a missing or unknown target skipped)" : ""
  Terminal.writeLine(
    "metrics on the \(metrics.count) rows with a '\(target.name)' value\(skippedText): "
      + values.joined(separator: ", "))
}
