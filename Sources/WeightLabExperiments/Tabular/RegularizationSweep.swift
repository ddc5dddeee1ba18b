// `--reg l2:auto` and `--reg l1:auto`: a logarithmic grid of strengths trained with warm starts,
// the strength with the lowest validation loss kept, and the whole path reported.

import WeightLab

/// A request for an automatically chosen penalty strength, parsed from `l2:auto` or `l1:auto`.
public struct AutomaticRegularization: Sendable, Equatable {
  /// The penalty name, `l1` or `l2`.
  public var penalty: String
  /// The strengths tried, strongest first.
  public var strengths: [Double]
  /// The number of cross-validation folds that score each strength.
  public var folds: Int

  /// The default number of folds, as scikit-learn's `LogisticRegressionCV` and glmnet's `cv.glmnet`
  /// use 5 and 10: 5 keeps the cost at 5 paths.
  public static let defaultFolds = 5

  /// The default grid, 1e-1 down to 1e-6 in steps of 1 and 3 per decade, about half a decade
  /// apart on a log scale: 11 strengths.
  ///
  /// The path runs from strong to weak, as glmnet's regularization path does (Friedman, Hastie
  /// and Tibshirani, 2010, "Regularization Paths for Generalized Linear Models via Coordinate
  /// Descent"), so each warm start begins from smaller weights than it will end with.
  public static let defaultStrengths: [Double] = [
    1e-1, 3e-2, 1e-2, 3e-3, 1e-3, 3e-4, 1e-4, 3e-5, 1e-5, 3e-6, 1e-6,
  ]

  /// Parses `l2:auto` or `l1:auto`, and returns nil for any other spec.
  ///
  /// The strength is chosen by k-fold cross-validation over the training and validation rows: each
  /// fold trains the whole path with warm starts, from strong to weak, and each strength is scored
  /// by its held-out loss averaged over the folds. A single validation split of a small table (a
  /// few dozen rows) scores noise. The paths only choose: with warm starts each weaker strength
  /// inherits all earlier training, so the runner then retrains the chosen strength from the
  /// initial weights with the same epoch budget as a fixed-strength run.
  public init?(spec: String) {
    let lowered = spec.lowercased()
    guard lowered == "l2:auto" || lowered == "l1:auto" else { return nil }
    penalty = String(lowered.prefix(2))
    strengths = Self.defaultStrengths
    folds = Self.defaultFolds
  }

  /// Returns the fixed-strength spec of one grid point, such as `l2:0.001`.
  public func spec(strength: Double) -> String {
    "\(penalty):\(strength)"
  }
}

/// One strength of a regularization path.
public struct RegularizationPathPoint: Sendable, Equatable, Codable {
  public var strength: Double
  /// The held-out data loss at this strength, averaged over the cross-validation folds.
  public var validationLoss: Double
  /// The sample standard deviation of the held-out loss over the folds.
  public var validationLossStd: Double
  /// The epochs trained at this strength in each fold.
  public var epochsTrained: Int
  /// The number of folds whose run diverged at this strength; their loss is left out of the mean.
  public var divergedFolds: Int
}
