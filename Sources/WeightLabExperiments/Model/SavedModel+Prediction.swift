// Applying a saved model to the rows of a CSV file: encode with the saved preprocessing, run the
// network, and turn its outputs into class names and probabilities or values in the target's units.

import WeightLab
import WeightLabCore
import WeightLabData

/// A model's predictions for every row of a table, with what the encoder reported about the rows.
public struct TabularPredictions: Sendable {
  public var target: TabularTargetEncoding
  /// Classification: row-major `[rows, classCount]` probabilities. Empty for regression.
  public var probabilities: [Double]
  /// Classification: the class index of the largest probability per row. Empty for regression.
  public var predictedClasses: [Int32]
  /// Regression: the predictions in the target's units. Empty for classification.
  public var values: [Double]
  /// The imputed cells and unseen categories of the rows.
  public var report: TabularTransformReport

  public var rowCount: Int { report.rowCount }

  /// Returns the predictions as CSV text, one row per input row in input order.
  ///
  /// Classification columns: `prediction` (the class name), then `probability_<class>` per class
  /// in class-index order. Regression: `prediction` alone. Fields that contain a comma, a quote or
  /// a line break are quoted, with quotes doubled.
  public func csvText() -> String {
    var lines = [String]()
    lines.reserveCapacity(rowCount + 1)
    if target.task.isClassification {
      let classCount = target.classCount
      lines.append(
        (["prediction"] + target.classNames.map { "probability_\($0)" }).map(Self.csvField).joined(
          separator: ","))
      for row in 0..<rowCount {
        var fields = [Self.csvField(target.classNames[Int(predictedClasses[row])])]
        for column in 0..<classCount {
          fields.append(String(probabilities[row * classCount + column]))
        }
        lines.append(fields.joined(separator: ","))
      }
    } else {
      lines.append("prediction")
      for value in values { lines.append(String(value)) }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Quotes a field when CSV requires it.
  static func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// Scores the predictions against the table's own targets, skipping rows whose target is
  /// missing or names a class the training rows lack.
  ///
  /// - Returns: The metrics and the number of rows skipped, or nil when no row can be scored.
  public func metrics(against targets: TabularTargets) -> (metrics: TaskMetrics, skipped: Int)? {
    switch targets {
    case .classes(let labels):
      let rows = labels.indices.filter { labels[$0] >= 0 }
      guard !rows.isEmpty else { return nil }
      let classCount = target.classCount
      var scored = [Double]()
      scored.reserveCapacity(rows.count * classCount)
      for row in rows {
        scored.append(contentsOf: probabilities[(row * classCount)..<((row + 1) * classCount)])
      }
      let metrics = TaskMetrics.classification(
        probabilities: scored, labels: rows.map { labels[$0] }, classCount: classCount)
      return (metrics, labels.count - rows.count)
    case .values(let numbers):
      let rows = numbers.indices.filter { !numbers[$0].isNaN }
      guard !rows.isEmpty else { return nil }
      let metrics = TaskMetrics.regression(
        predictions: rows.map { values[$0] }, targets: rows.map { numbers[$0] })
      return (metrics, numbers.count - rows.count)
    }
  }
}

extension SavedModel {
  /// Predicts every row of `table`.
  ///
  /// - Throws: `CSVError` when a feature column is missing or a numeric cell is not a number.
  public func predict(table: CSVTable) throws(CSVError) -> TabularPredictions {
    let encoder = description.encoder
    let (features, report) = try encoder.encodeFeatures(table: table)
    let outputs = Self.outputs(of: network, features: features)
    let target = encoder.target

    if target.task.isClassification {
      let probabilities = ClassificationMetrics.softmax(logits: outputs, classCount: target.classCount)
      return TabularPredictions(
        target: target, probabilities: probabilities,
        predictedClasses: ClassificationMetrics.predictedClasses(
          probabilities: probabilities, classCount: target.classCount),
        values: [], report: report)
    }
    return TabularPredictions(
      target: target, probabilities: [], predictedClasses: [],
      values: outputs.map { target.destandardized(Double($0)) }, report: report)
  }

  /// The rows of evaluation passes: large enough to amortize the matrix products, small enough that
  /// the activations of a wide network stay in a few megabytes.
  static let evaluationBatchRows = 1024

  /// Runs `network` on every row of `features` and returns its outputs, row-major `[rows, outputs]`.
  public static func outputs(of network: Sequential, features: Tensor) -> [Float] {
    let width = features.columns
    let outputWidth = network.layers[network.layers.count - 1].outFeatures
    precondition(
      width == network.layers[0].inFeatures,
      "\(width) features for a network of \(network.layers[0].inFeatures) inputs")
    var result = [Float]()
    result.reserveCapacity(features.rows * outputWidth)
    features.scalars.withUnsafeBufferPointer { source in
      var start = 0
      while start < features.rows {
        let rows = min(evaluationBatchRows, features.rows - start)
        let output = network.forward(source.baseAddress! + start * width, batchSize: rows)
        result.append(contentsOf: UnsafeBufferPointer(start: output, count: rows * outputWidth))
        start += rows
      }
    }
    return result
  }
}
