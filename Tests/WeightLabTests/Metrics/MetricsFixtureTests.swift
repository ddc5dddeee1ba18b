// Metrics and balanced class weights against scikit-learn, from
// scripts/fixtures/make_metrics_fixture.py (the JSON beside this file records the versions).

import Foundation
import Testing

@testable import WeightLab

/// The contents of Fixtures/metrics.json.
private struct MetricsFixture: Decodable {
  struct Classification: Decodable, CustomTestStringConvertible {
    var name: String
    var classCount: Int
    var labels: [Int32]
    var probabilities: [Double]
    var logLoss: Double
    var weightedLogLoss: Double
    var accuracy: Double
    var balancedAccuracy: Double
    var rocAUC: Double
    var balancedClassWeights: [Double]

    var testDescription: String { name }
  }

  struct Regression: Decodable {
    var targets: [Double]
    var predictions: [Double]
    var meanSquaredError: Double
    var rootMeanSquaredError: Double
    var rSquared: Double
  }

  var sklearn: String
  var classification: [Classification]
  var regression: Regression

  static func load() throws -> MetricsFixture {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/metrics.json")
    return try JSONDecoder().decode(MetricsFixture.self, from: Data(contentsOf: url))
  }
}

// Loaded once for the arguments below; a missing or malformed fixture fails every case.
private let fixture = try! MetricsFixture.load()

// Every metric is a sum of at most 80 Double terms, so 1e-12 relative leaves room for rounding only.
private let tolerance = 1e-12

@Test(arguments: fixture.classification)
private func classificationMatchesScikitLearn(_ fixtureCase: MetricsFixture.Classification) {
  let predicted = ClassificationMetrics.predictedClasses(
    probabilities: fixtureCase.probabilities, classCount: fixtureCase.classCount)

  let logLoss = ClassificationMetrics.logLoss(
    probabilities: fixtureCase.probabilities, labels: fixtureCase.labels, classCount: fixtureCase.classCount)
  expectClose(logLoss, fixtureCase.logLoss, relativeTolerance: tolerance, "log loss")

  let weights = ClassWeights.balanced(labels: fixtureCase.labels, classCount: fixtureCase.classCount)
  expectClose(weights, fixtureCase.balancedClassWeights, relativeTolerance: tolerance, "class weights")

  let weightedLogLoss = ClassificationMetrics.logLoss(
    probabilities: fixtureCase.probabilities, labels: fixtureCase.labels, classCount: fixtureCase.classCount,
    classWeights: weights)
  expectClose(weightedLogLoss, fixtureCase.weightedLogLoss, relativeTolerance: tolerance, "weighted log loss")

  let accuracy = ClassificationMetrics.accuracy(predicted: predicted, labels: fixtureCase.labels)
  expectClose(accuracy, fixtureCase.accuracy, relativeTolerance: tolerance, "accuracy")

  let balancedAccuracy = ClassificationMetrics.balancedAccuracy(
    predicted: predicted, labels: fixtureCase.labels, classCount: fixtureCase.classCount)
  expectClose(
    balancedAccuracy, fixtureCase.balancedAccuracy, relativeTolerance: tolerance, "balanced accuracy")

  let auc = ClassificationMetrics.rocAUC(
    probabilities: fixtureCase.probabilities, labels: fixtureCase.labels, classCount: fixtureCase.classCount)
  expectClose(auc ?? .nan, fixtureCase.rocAUC, relativeTolerance: tolerance, "ROC AUC")
}

@Test private func regressionMatchesScikitLearn() {
  let regression = fixture.regression
  let mse = RegressionMetrics.meanSquaredError(
    predictions: regression.predictions, targets: regression.targets)
  expectClose(mse, regression.meanSquaredError, relativeTolerance: tolerance, "MSE")

  let rmse = RegressionMetrics.rootMeanSquaredError(
    predictions: regression.predictions, targets: regression.targets)
  expectClose(rmse, regression.rootMeanSquaredError, relativeTolerance: tolerance, "RMSE")

  let rSquared = RegressionMetrics.rSquared(predictions: regression.predictions, targets: regression.targets)
  expectClose(rSquared ?? .nan, regression.rSquared, relativeTolerance: tolerance, "R²")
}
