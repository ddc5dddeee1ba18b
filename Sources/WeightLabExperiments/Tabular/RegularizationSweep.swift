// `--reg l2:auto` and `--reg l1:auto`: a logarithmic grid of strengths trained with warm starts,
// the strength with the lowest validation loss kept, and the whole path reported.

import WeightLab

/// A request for an automatically chosen penalty strength, parsed from `l2:auto` or `l1:auto`.
public struct AutomaticRegularization: Sendable, Equatable {
  /// The penalty name, `l1` or `l2`.
  public var penalty: String
  /// The strengths tried, strongest first.
  public var strengths: [Double]

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
  /// The path only chooses the strength: with warm starts each weaker strength inherits all earlier
  /// training, so the runner retrains the chosen strength from the initial weights with the same
  /// epoch budget as a fixed-strength run before it reports test figures.
  public init?(spec: String) {
    let lowered = spec.lowercased()
    guard lowered == "l2:auto" || lowered == "l1:auto" else { return nil }
    penalty = String(lowered.prefix(2))
    strengths = Self.defaultStrengths
  }

  /// Returns the fixed-strength spec of one grid point, such as `l2:0.001`.
  public func spec(strength: Double) -> String {
    "\(penalty):\(strength)"
  }
}

/// One strength of a regularization path.
public struct RegularizationPathPoint: Sendable, Equatable, Codable {
  public var strength: Double
  /// The validation loss of the weights kept at this strength.
  public var validationLoss: Double
  /// The epoch kept at this strength, counted within this strength's training.
  public var keptEpoch: Int
  public var epochsTrained: Int
  /// Whether the run diverged at this strength.
  public var diverged: Bool
}
