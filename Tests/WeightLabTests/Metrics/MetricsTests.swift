// Metrics on cases small enough to work out by hand: ties, perfect and reversed rankings,
// missing classes, the probability floor and constant targets.

import Foundation
import Testing

@testable import WeightLab

@Test func rocAUCCountsTiesAsHalf() {
  // Positives score 0.8 and 0.5, negatives 0.5 and 0.2. Of the four positive-negative pairs,
  // three are ordered correctly and one is tied: AUC = (3 + 0.5) / 4.
  let auc = ClassificationMetrics.rocAUC(
    scores: [0.8, 0.5, 0.5, 0.2], isPositive: [true, true, false, false])
  #expect(auc == 0.875)
}

@Test func rocAUCPerfectAndReversed() {
  let labels = [false, false, true, true]
  #expect(ClassificationMetrics.rocAUC(scores: [0.1, 0.2, 0.3, 0.4], isPositive: labels) == 1)
  #expect(ClassificationMetrics.rocAUC(scores: [0.4, 0.3, 0.2, 0.1], isPositive: labels) == 0)
  #expect(ClassificationMetrics.rocAUC(scores: [0.5, 0.5, 0.5, 0.5], isPositive: labels) == 0.5)
}

@Test func rocAUCSingleClassIsNil() {
  #expect(ClassificationMetrics.rocAUC(scores: [0.1, 0.9], isPositive: [true, true]) == nil)
  #expect(ClassificationMetrics.rocAUC(scores: [0.1, 0.9], isPositive: [false, false]) == nil)
}

@Test func multiclassAUCSkipsAbsentClass() {
  // Class 2 never occurs, so only classes 0 and 1 have an AUC; both rank perfectly.
  let probabilities: [Double] = [
    0.8, 0.1, 0.1,
    0.1, 0.8, 0.1,
    0.7, 0.2, 0.1,
  ]
  let auc = ClassificationMetrics.rocAUC(probabilities: probabilities, labels: [0, 1, 0], classCount: 3)
  #expect(auc == 1)
}

@Test func logLossByHand() {
  // −(log 0.5 + log 0.25) / 2.
  let loss = ClassificationMetrics.logLoss(
    probabilities: [0.5, 0.5, 0.75, 0.25], labels: [0, 1], classCount: 2)
  expectClose(loss, -(log(0.5) + log(0.25)) / 2, relativeTolerance: 1e-15)

  // Weights 1 and 3: (−log 0.5 − 3 log 0.25) / 4.
  let weighted = ClassificationMetrics.logLoss(
    probabilities: [0.5, 0.5, 0.75, 0.25], labels: [0, 1], classCount: 2, classWeights: [1, 3])
  expectClose(weighted, -(log(0.5) + 3 * log(0.25)) / 4, relativeTolerance: 1e-15)
}

@Test func logLossFloorsZeroProbability() {
  let loss = ClassificationMetrics.logLoss(probabilities: [1, 0], labels: [1], classCount: 2)
  expectClose(loss, -log(ClassificationMetrics.probabilityFloor), relativeTolerance: 1e-15)
}

@Test func balancedAccuracyOfMajorityGuess() {
  // Always predicting class 0 on 9 zeros and 1 one: accuracy 0.9, balanced accuracy (1 + 0) / 2.
  let labels: [Int32] = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]
  let predicted = [Int32](repeating: 0, count: 10)
  #expect(ClassificationMetrics.accuracy(predicted: predicted, labels: labels) == 0.9)
  #expect(ClassificationMetrics.balancedAccuracy(predicted: predicted, labels: labels, classCount: 2) == 0.5)
}

@Test func predictedClassTakesFirstOnTie() {
  let predicted = ClassificationMetrics.predictedClasses(probabilities: [0.5, 0.5, 0.2, 0.8], classCount: 2)
  #expect(predicted == [0, 1])
}

@Test func regressionByHand() {
  // Errors 1, −1, 2: MSE 2, RMSE √2. Targets 1, 2, 3 have mean 2 and Σ(y − ȳ)² = 2, so R² = 1 − 6/2.
  let predictions: [Double] = [2, 1, 5]
  let targets: [Double] = [1, 2, 3]
  #expect(RegressionMetrics.meanSquaredError(predictions: predictions, targets: targets) == 2)
  #expect(
    RegressionMetrics.rootMeanSquaredError(predictions: predictions, targets: targets) == 2.0.squareRoot())
  #expect(RegressionMetrics.rSquared(predictions: predictions, targets: targets) == -2)
}

@Test func rSquaredOfConstantTargetsIsNil() {
  #expect(RegressionMetrics.rSquared(predictions: [1, 2], targets: [3, 3]) == nil)
}

@Test func balancedWeightsByHand() {
  // 6 labels, 2 classes with 4 and 2 examples: 6 / (2 · 4) and 6 / (2 · 2); class 2 is absent.
  let weights = ClassWeights.balanced(labels: [0, 0, 0, 0, 1, 1], classCount: 3)
  #expect(weights == [0.75, 1.5, 1])
}
