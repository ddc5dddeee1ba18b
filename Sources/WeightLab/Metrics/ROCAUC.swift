// The area under the ROC curve from ranks (the Mann-Whitney U statistic), with tied scores
// sharing their average rank, and its one-vs-rest macro average for more than two classes.

extension ClassificationMetrics {
  /// Returns the area under the ROC curve of `scores` for separating positives from negatives.
  ///
  /// ```
  /// AUC = (R₊ − n₊(n₊ + 1)/2) / (n₊ · n₋)
  /// ```
  /// `R₊` is the sum of the positives' ranks when all scores are sorted in increasing order
  /// (ranks 1…n, tied scores each get the mean of the ranks they span), `n₊` and `n₋` count the
  /// positives and negatives. The value is the probability that a random positive scores above a
  /// random negative, counting a tie as one half, which equals the trapezoidal area under the ROC
  /// curve that scikit-learn's `roc_auc_score` computes.
  ///
  /// - Returns: The AUC in `0 ... 1`, or nil when every example is positive or every one is
  ///   negative, because the curve then has no area to measure.
  /// - Precondition: Both arrays have the same count, and no score is NaN.
  /// - Complexity: O(n log n) for sorting.
  ///
  /// Source: Hanley and McNeil (1982), "The meaning and use of the area under a receiver operating
  /// characteristic (ROC) curve", Radiology 143(1), which relates the AUC to the Wilcoxon statistic.
  public static func rocAUC(scores: [Double], isPositive: [Bool]) -> Double? {
    precondition(
      scores.count == isPositive.count, "\(scores.count) scores for \(isPositive.count) labels")
    precondition(!scores.contains { $0.isNaN }, "a ROC AUC score is NaN")
    let positiveCount = isPositive.reduce(0) { $0 + ($1 ? 1 : 0) }
    let negativeCount = isPositive.count - positiveCount
    guard positiveCount > 0 && negativeCount > 0 else { return nil }

    // Walk the scores in increasing order, one group of equal scores at a time. The group that
    // covers sorted positions start ..< end has ranks start + 1 ... end, whose mean is
    // (start + 1 + end) / 2.
    let order = scores.indices.sorted { scores[$0] < scores[$1] }
    var positiveRankSum = 0.0
    var start = 0
    while start < order.count {
      var end = start + 1
      while end < order.count && scores[order[end]] == scores[order[start]] { end += 1 }
      let meanRank = Double(start + 1 + end) / 2
      for position in start..<end where isPositive[order[position]] {
        positiveRankSum += meanRank
      }
      start = end
    }

    let positives = Double(positiveCount)
    return (positiveRankSum - positives * (positives + 1) / 2) / (positives * Double(negativeCount))
  }

  /// Returns the ROC AUC of a classifier: the AUC of class 1's probability for two classes, and
  /// the unweighted mean of the one-vs-rest AUCs of every class for more.
  ///
  /// For `k > 2` classes, class `c`'s AUC scores `p[i, c]` with the examples of class `c` as
  /// positives. This is scikit-learn's `roc_auc_score(multi_class="ovr", average="macro")`.
  /// A class with no examples, or whose examples are all there is, has no AUC and is left out of
  /// the mean, whereas scikit-learn raises an error in that case.
  ///
  /// - Returns: The AUC, or nil when no class has both positives and negatives.
  /// - Complexity: O(k · n log n).
  public static func rocAUC(probabilities: [Double], labels: [Int32], classCount: Int) -> Double? {
    checkShapes(probabilities: probabilities, labels: labels, classCount: classCount)
    precondition(classCount >= 2, "ROC AUC needs at least 2 classes, got \(classCount)")
    let classes = classCount == 2 ? [1] : Array(0..<classCount)

    var areas = [Double]()
    for positiveClass in classes {
      let scores = labels.indices.map { probabilities[$0 * classCount + positiveClass] }
      let isPositive = labels.map { Int($0) == positiveClass }
      if let area = rocAUC(scores: scores, isPositive: isPositive) { areas.append(area) }
    }
    guard !areas.isEmpty else { return nil }
    return areas.reduce(0, +) / Double(areas.count)
  }
}
