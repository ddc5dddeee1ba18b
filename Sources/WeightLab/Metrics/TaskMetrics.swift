// The metrics of one split for its task, computed from the network's outputs: log loss,
// accuracy, balanced accuracy and ROC AUC for classes; MSE, RMSE and R² for real targets.

import Foundation

/// The metrics of a model on one set of examples. Fields of the other task are nil.
public struct TaskMetrics: Sendable, Equatable, Codable {
  /// The number of examples scored.
  public var count: Int
  /// Classification: the unweighted mean negative log-likelihood.
  public var logLoss: Double?
  public var accuracy: Double?
  public var balancedAccuracy: Double?
  /// Classification: class 1's ROC AUC for two classes, the one-vs-rest macro mean for more; nil
  /// when the examples hold only one class.
  public var rocAUC: Double?
  /// Regression, in the squared units of the targets given.
  public var meanSquaredError: Double?
  /// Regression, in the units of the targets given.
  public var rootMeanSquaredError: Double?
  /// Regression: nil when every target is equal.
  public var rSquared: Double?

  /// Scores class probabilities, row-major `[labels.count, classCount]`, against labels.
  public static func classification(probabilities: [Double], labels: [Int32], classCount: Int) -> TaskMetrics
  {
    let predicted = ClassificationMetrics.predictedClasses(
      probabilities: probabilities, classCount: classCount)
    return TaskMetrics(
      count: labels.count,
      logLoss: ClassificationMetrics.logLoss(
        probabilities: probabilities, labels: labels, classCount: classCount),
      accuracy: ClassificationMetrics.accuracy(predicted: predicted, labels: labels),
      balancedAccuracy: ClassificationMetrics.balancedAccuracy(
        predicted: predicted, labels: labels, classCount: classCount),
      rocAUC: ClassificationMetrics.rocAUC(
        probabilities: probabilities, labels: labels, classCount: classCount))
  }

  /// Scores real predictions against targets, both in the same units.
  public static func regression(predictions: [Double], targets: [Double]) -> TaskMetrics {
    let mse = RegressionMetrics.meanSquaredError(predictions: predictions, targets: targets)
    return TaskMetrics(
      count: targets.count, meanSquaredError: mse, rootMeanSquaredError: mse.squareRoot(),
      rSquared: RegressionMetrics.rSquared(predictions: predictions, targets: targets))
  }

  /// The metrics as `name value` pairs in a fixed order, skipping nil ones, for text output.
  public var namedValues: [(name: String, value: Double)] {
    let pairs: [(String, Double?)] = [
      ("log loss", logLoss), ("accuracy", accuracy), ("balanced accuracy", balancedAccuracy),
      ("ROC AUC", rocAUC), ("MSE", meanSquaredError), ("RMSE", rootMeanSquaredError), ("R²", rSquared),
    ]
    return pairs.compactMap { name, value in value.map { (name, $0) } }
  }
}

extension ClassificationMetrics {
  /// Returns the row-wise softmax of `[n, classCount]` logits, in Double.
  ///
  /// ```
  /// p[i, c] = exp(z[i, c] − max_j z[i, j]) / Σ_j exp(z[i, j] − max_j z[i, j])
  /// ```
  /// Subtracting the row maximum keeps every exponential at most 1, so none overflows.
  public static func softmax(logits: [Float], classCount: Int) -> [Double] {
    precondition(
      classCount >= 1 && logits.count % classCount == 0, "\(logits.count) logits in rows of \(classCount)")
    var probabilities = [Double](repeating: 0, count: logits.count)
    for start in stride(from: 0, to: logits.count, by: classCount) {
      let row = logits[start..<(start + classCount)]
      let maximum = Double(row.max()!)
      var sum = 0.0
      for column in 0..<classCount {
        let exponential = exp(Double(logits[start + column]) - maximum)
        probabilities[start + column] = exponential
        sum += exponential
      }
      for column in 0..<classCount { probabilities[start + column] /= sum }
    }
    return probabilities
  }
}
