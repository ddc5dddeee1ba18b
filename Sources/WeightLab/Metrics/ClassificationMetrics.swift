// Metrics of a classifier's predicted class probabilities against integer labels: log loss,
// accuracy and balanced accuracy. ROC AUC has its own file. Sums accumulate in Double.

import Foundation

/// Classification metrics over `n` examples and `k` classes.
///
/// Probabilities are row-major `[n, k]`: row `i` is the predicted distribution of example `i`.
/// Labels are class indices in `0 ..< k`. Each function is a pure function of its arguments.
public enum ClassificationMetrics {
  /// The smallest probability that `logLoss` takes the logarithm of, so a confident wrong
  /// prediction costs `-log(1e-15) ≈ 34.5` instead of infinity. Scikit-learn clips likewise,
  /// at the machine epsilon of the probabilities' type.
  public static let probabilityFloor = 1e-15

  /// Returns the mean negative log-likelihood of the labels, optionally weighted by class.
  ///
  /// ```
  /// logLoss = Σ_i w[y_i] · (−log max(p[i, y_i], probabilityFloor)) / Σ_i w[y_i]
  /// ```
  /// With no weights every `w` is 1, which is scikit-learn's `log_loss`. With weights it is the
  /// weighted mean, which is PyTorch's `cross_entropy(weight:, reduction: "mean")`.
  ///
  /// - Parameters:
  ///   - probabilities: Row-major `[labels.count, classCount]` probabilities, each row summing to 1.
  ///   - classWeights: One weight per class, or nil for equal weights.
  /// - Precondition: There is at least one label, every label is in `0 ..< classCount`, and the
  ///   weights of the labels present sum to a positive number.
  /// - Complexity: O(n).
  public static func logLoss(
    probabilities: [Double], labels: [Int32], classCount: Int, classWeights: [Double]? = nil
  ) -> Double {
    checkShapes(probabilities: probabilities, labels: labels, classCount: classCount)
    if let classWeights {
      precondition(
        classWeights.count == classCount, "\(classWeights.count) class weights for \(classCount) classes")
    }

    var weightedSum = 0.0
    var weightTotal = 0.0
    for (row, label) in labels.enumerated() {
      let probability = probabilities[row * classCount + Int(label)]
      let weight = classWeights?[Int(label)] ?? 1
      weightedSum -= weight * Foundation.log(max(probability, probabilityFloor))
      weightTotal += weight
    }
    precondition(weightTotal > 0, "the weights of the labels present sum to \(weightTotal)")
    return weightedSum / weightTotal
  }

  /// Returns the predicted class of each row: the index of its largest probability, the first on a tie.
  ///
  /// - Complexity: O(n · k).
  public static func predictedClasses(probabilities: [Double], classCount: Int) -> [Int32] {
    precondition(classCount >= 1, "classCount must be at least 1, got \(classCount)")
    precondition(
      probabilities.count % classCount == 0,
      "\(probabilities.count) probabilities do not form rows of \(classCount)")
    return stride(from: 0, to: probabilities.count, by: classCount).map { start in
      var best = 0
      for column in 1..<classCount where probabilities[start + column] > probabilities[start + best] {
        best = column
      }
      return Int32(best)
    }
  }

  /// Returns the fraction of examples whose predicted class equals the label.
  ///
  /// - Precondition: Both arrays have the same positive count.
  public static func accuracy(predicted: [Int32], labels: [Int32]) -> Double {
    precondition(
      predicted.count == labels.count && !labels.isEmpty,
      "accuracy needs as many predictions as labels, at least one; got \(predicted.count) and \(labels.count)"
    )
    let correct = zip(predicted, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
    return Double(correct) / Double(labels.count)
  }

  /// Returns the mean of the per-class recalls over the classes present in `labels`.
  ///
  /// ```
  /// balancedAccuracy = (1 / |C|) Σ_{c ∈ C} (correct predictions of class c) / (examples of class c)
  /// ```
  /// `C` is the set of classes with at least one example, as in scikit-learn's
  /// `balanced_accuracy_score`. A classifier that always predicts the majority class scores `1 / |C|`
  /// whatever the imbalance, which is why imbalanced targets report it beside accuracy.
  ///
  /// - Precondition: Both arrays have the same positive count, and labels are in `0 ..< classCount`.
  public static func balancedAccuracy(predicted: [Int32], labels: [Int32], classCount: Int) -> Double {
    precondition(
      predicted.count == labels.count && !labels.isEmpty,
      "balanced accuracy needs as many predictions as labels, at least one; got \(predicted.count) and \(labels.count)"
    )
    var examples = [Int](repeating: 0, count: classCount)
    var correct = [Int](repeating: 0, count: classCount)
    for (prediction, label) in zip(predicted, labels) {
      precondition(label >= 0 && Int(label) < classCount, "label \(label) is outside 0..<\(classCount)")
      examples[Int(label)] += 1
      if prediction == label { correct[Int(label)] += 1 }
    }

    var recallSum = 0.0
    var presentClasses = 0
    for label in 0..<classCount where examples[label] > 0 {
      recallSum += Double(correct[label]) / Double(examples[label])
      presentClasses += 1
    }
    return recallSum / Double(presentClasses)
  }

  static func checkShapes(probabilities: [Double], labels: [Int32], classCount: Int) {
    precondition(!labels.isEmpty, "a metric needs at least one example")
    precondition(
      probabilities.count == labels.count * classCount,
      "\(probabilities.count) probabilities for \(labels.count) labels of \(classCount) classes")
    for label in labels {
      precondition(label >= 0 && Int(label) < classCount, "label \(label) is outside 0..<\(classCount)")
    }
  }
}
