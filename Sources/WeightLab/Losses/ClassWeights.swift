// Per-class loss weights for imbalanced targets: each class's examples weigh in inverse
// proportion to the class's frequency, so every class contributes equally to the loss.

/// Class weights for a weighted cross-entropy.
public enum ClassWeights {
  /// Returns the "balanced" weight of each class in `0 ..< classCount`.
  ///
  /// ```
  /// w_c = n / (k · n_c)
  /// ```
  /// `n` is the number of labels, `n_c` the number of labels of class `c` and `k` the number of
  /// classes that occur. A balanced target gets every weight 1, and the weighted class totals
  /// `w_c · n_c` are all `n / k`. This is scikit-learn's `compute_class_weight("balanced")`.
  /// A class with no labels gets weight 1, because no training example carries it, whereas
  /// scikit-learn raises an error in that case.
  ///
  /// - Precondition: `labels` is not empty and every label is in `0 ..< classCount`.
  public static func balanced(labels: [Int32], classCount: Int) -> [Double] {
    precondition(!labels.isEmpty, "balanced class weights need at least one label")
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels {
      precondition(label >= 0 && Int(label) < classCount, "label \(label) is outside 0..<\(classCount)")
      counts[Int(label)] += 1
    }
    let presentClasses = Double(counts.filter { $0 > 0 }.count)
    let total = Double(labels.count)
    return counts.map { $0 > 0 ? total / (presentClasses * Double($0)) : 1 }
  }
}
