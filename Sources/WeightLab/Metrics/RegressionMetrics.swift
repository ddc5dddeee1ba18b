// Metrics of real-valued predictions against targets: mean squared error, its root and the
// coefficient of determination R². Sums accumulate in Double.

/// Regression metrics over `n` predictions and targets, in the targets' own units.
public enum RegressionMetrics {
  /// Returns the mean squared error, `(1/n) Σ (ŷ_i − y_i)²`.
  ///
  /// - Precondition: Both arrays have the same positive count.
  public static func meanSquaredError(predictions: [Double], targets: [Double]) -> Double {
    checkCounts(predictions: predictions, targets: targets)
    var sum = 0.0
    for (prediction, target) in zip(predictions, targets) {
      sum += (prediction - target) * (prediction - target)
    }
    return sum / Double(targets.count)
  }

  /// Returns the root mean squared error, `sqrt(meanSquaredError)`, in the targets' units.
  public static func rootMeanSquaredError(predictions: [Double], targets: [Double]) -> Double {
    meanSquaredError(predictions: predictions, targets: targets).squareRoot()
  }

  /// Returns the coefficient of determination.
  ///
  /// ```
  /// R² = 1 − Σ (y_i − ŷ_i)² / Σ (y_i − ȳ)²
  /// ```
  /// 1 is a perfect fit, 0 is as good as predicting the mean of these targets, and the value is
  /// negative for worse predictions. This is scikit-learn's `r2_score` for one output.
  ///
  /// - Returns: R², or nil when every target is equal, because the denominator is then zero.
  ///   Scikit-learn returns 1 or 0 in that case instead.
  /// - Precondition: Both arrays have the same positive count.
  public static func rSquared(predictions: [Double], targets: [Double]) -> Double? {
    checkCounts(predictions: predictions, targets: targets)
    let mean = targets.reduce(0, +) / Double(targets.count)
    var residualSum = 0.0
    var totalSum = 0.0
    for (prediction, target) in zip(predictions, targets) {
      residualSum += (target - prediction) * (target - prediction)
      totalSum += (target - mean) * (target - mean)
    }
    guard totalSum > 0 else { return nil }
    return 1 - residualSum / totalSum
  }

  private static func checkCounts(predictions: [Double], targets: [Double]) {
    precondition(
      predictions.count == targets.count && !targets.isEmpty,
      "a regression metric needs as many predictions as targets, at least one; got \(predictions.count) and \(targets.count)"
    )
  }
}
