// The fitted preprocessing of a table: per-column standardization and one-hot encodings, with
// the statistics taken from the training rows only. It is Codable so a saved model can re-apply it.

/// Turns table rows into a Float32 feature matrix, with statistics fitted on training rows.
///
/// Features keep the file's column order (without the target and dropped columns):
/// - A numeric column becomes one feature, `(x - mean) / scale`, with `mean` and the population
///   standard deviation `scale` from the training rows. A missing cell is imputed with `mean`, so
///   it encodes as 0. A column that is constant on the training rows gets `scale = 1`, so those
///   rows encode as 0 and nothing is divided by zero.
/// - A categorical column becomes one feature per training category, in `String` order, holding
///   1 for the row's category and 0 elsewhere. A missing cell is imputed with the training mode
///   (the most frequent training category, the first in order on a tie). A category that the
///   training rows lack encodes as all zeros and is counted in the `TabularTransformReport`.
public struct TabularEncoder: Codable, Sendable, Equatable {
  /// The encoding of one input column.
  public struct Feature: Codable, Sendable, Equatable {
    /// The column's header name, which a new file must also contain.
    public var name: String
    public var kind: TabularColumnKind
    /// Numeric only: the training mean of the non-missing cells, 0 when there are none.
    public var mean: Double?
    /// Numeric only: the training population standard deviation, or 1 when it is 0.
    public var scale: Double?
    /// Numeric only: whether the training cells are all equal (or all missing).
    public var isConstant: Bool?
    /// Categorical only: the training categories, sorted, one encoded feature each.
    public var categories: [String]?
    /// Categorical only: the category imputed for a missing cell, nil when every training cell is missing.
    public var mode: String?

    /// The number of columns this feature takes in the encoded matrix.
    public var encodedWidth: Int {
      kind == .numeric ? 1 : categories?.count ?? 0
    }
  }

  /// The version of this JSON layout, raised when a field changes meaning.
  public var formatVersion: Int
  /// The input columns, in encoded order.
  public var features: [Feature]
  /// The target encoding.
  public var target: TabularTargetEncoding

  /// The layout version this code writes and reads.
  public static let currentFormatVersion = 1

  public init(features: [Feature], target: TabularTargetEncoding) {
    self.formatVersion = TabularEncoder.currentFormatVersion
    self.features = features
    self.target = target
  }

  /// The number of columns of the encoded feature matrix.
  public var encodedFeatureCount: Int {
    features.reduce(0) { $0 + $1.encodedWidth }
  }

  /// The name of each encoded column: the column name for a numeric feature, `name=category` for
  /// a one-hot feature.
  public var encodedFeatureNames: [String] {
    features.flatMap { feature -> [String] in
      if feature.kind == .numeric { return [feature.name] }
      return (feature.categories ?? []).map { "\(feature.name)=\($0)" }
    }
  }

  /// The names of the numeric features that were constant on the training rows.
  public var constantFeatureNames: [String] {
    features.filter { $0.isConstant == true }.map(\.name)
  }

  /// Fits the encoder on the `trainRows` of `frame`.
  ///
  /// - Parameter featureColumns: The file columns to encode, in order. Each must be decoded in `frame`.
  static func fit(
    frame: TabularFrame, featureColumns: [Int], target: TabularTargetEncoding, trainRows: [Int]
  ) -> TabularEncoder {
    let features = featureColumns.map { column -> Feature in
      guard let values = frame.values[column] else {
        preconditionFailure("column \(column) (\(frame.names[column])) was dropped and cannot be a feature")
      }
      switch values {
      case .numeric(let numbers):
        return fitNumeric(name: frame.names[column], numbers: numbers, trainRows: trainRows)
      case .categorical(let codes, let levels):
        return fitCategorical(name: frame.names[column], codes: codes, levels: levels, trainRows: trainRows)
      }
    }
    return TabularEncoder(features: features, target: target)
  }

  static func fitNumeric(name: String, numbers: [Double], trainRows: [Int]) -> Feature {
    let present = trainRows.map { numbers[$0] }.filter { !$0.isNaN }
    var feature = Feature(name: name, kind: .numeric, mean: 0, scale: 1, isConstant: true)
    guard let minimum = present.min(), let maximum = present.max() else { return feature }
    if minimum == maximum {
      // Exactly the shared value, so the training rows encode as exactly 0.
      feature.mean = minimum
      return feature
    }

    // Two passes in Double: the mean, then the mean squared deviation.
    var (mean, variance) = meanAndVariance(present)
    var deviation = variance.squareRoot()
    if !mean.isFinite || !deviation.isFinite {
      // Cells near ±1.8e308 overflow the sum or the squares. Divided by the largest magnitude,
      // every value is in [-1, 1], so the statistics of the quotients are finite, and so are
      // they once multiplied back.
      let magnitude = max(abs(minimum), abs(maximum))
      (mean, variance) = meanAndVariance(present.map { $0 / magnitude })
      mean *= magnitude
      deviation = variance.squareRoot() * magnitude
    }
    feature.mean = mean
    feature.scale = deviation > 0 ? deviation : 1
    feature.isConstant = deviation == 0
    return feature
  }

  /// Returns the mean and the population variance of `values`, which must not be empty.
  private static func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
    return (mean, variance)
  }

  /// Returns `(value - mean) / scale`, computed so that a difference beyond the Double range does
  /// not become infinite when the quotient is finite.
  static func standardize(_ value: Double, mean: Double, scale: Double) -> Double {
    let difference = value - mean
    if difference.isFinite { return difference / scale }
    return value / scale - mean / scale
  }

  static func fitCategorical(name: String, codes: [Int32], levels: [String], trainRows: [Int]) -> Feature {
    var levelCounts = [Int](repeating: 0, count: levels.count)
    for row in trainRows where codes[row] >= 0 {
      levelCounts[Int(codes[row])] += 1
    }
    let categories = levels.indices.filter { levelCounts[$0] > 0 }.map { levels[$0] }.sorted()

    var mode: String? = nil
    var modeCount = 0
    for level in levels.indices where levelCounts[level] > 0 {
      let count = levelCounts[level]
      if count > modeCount || (count == modeCount && levels[level] < mode!) {
        mode = levels[level]
        modeCount = count
      }
    }
    return Feature(name: name, kind: .categorical, categories: categories, mode: mode)
  }
}
