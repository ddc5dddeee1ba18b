// Applying a fitted TabularEncoder to rows: the feature matrix, and a report of the cells that
// were imputed or held categories the training rows lacked.

import WeightLabCore

/// A record of the imputed and unseen cells in the rows an encoder transformed.
public struct TabularTransformReport: Sendable, Equatable, CustomStringConvertible {
  /// A count for one column, with up to `exampleLimit` of the values involved.
  public struct ColumnCount: Sendable, Equatable {
    public var name: String
    public var count: Int
    /// Distinct example values, in order of first appearance. Empty for imputed cells.
    public var examples: [String]
  }

  /// The number of rows transformed.
  public var rowCount: Int
  /// Missing cells imputed, per column that had any, in feature order.
  public var imputed: [ColumnCount]
  /// Cells whose category the training rows lack, encoded as all zeros, per column that had any.
  public var unseenCategories: [ColumnCount]

  /// The maximum number of example values kept per column.
  public static let exampleLimit = 3

  public var description: String {
    var parts = ["\(rowCount) rows"]
    if !imputed.isEmpty {
      parts.append(
        "missing values imputed: " + imputed.map { "\($0.name) \($0.count)" }.joined(separator: ", "))
    }
    if !unseenCategories.isEmpty {
      let columns = unseenCategories.map { entry in
        let examples = entry.examples.map { "\"\($0)\"" }.joined(separator: ", ")
        return "\(entry.name) \(entry.count) (\(examples))"
      }
      parts.append(
        "categories not seen in training, encoded as all zeros: " + columns.joined(separator: ", "))
    }
    return parts.joined(separator: "; ")
  }
}

extension TabularEncoder {
  /// Encodes the features of every row of a new table, such as the rows to predict.
  ///
  /// Columns are found by header name, so their order may differ from the training file and extra
  /// columns (the target among them) are ignored. Each column is read with the kind it had in
  /// training: a numeric column must hold numbers, and a categorical column is read as categories
  /// even when its cells look like numbers.
  ///
  /// - Returns: The `[rows, encodedFeatureCount]` matrix and the report of imputed and unseen cells.
  /// - Throws: `CSVError` when a feature column is missing from the table, a cell of a numeric
  ///   column is not a number, or a number standardizes beyond the Float32 range.
  public func encodeFeatures(table: CSVTable) throws(CSVError) -> (
    features: Tensor, report: TabularTransformReport
  ) {
    var values = [TabularColumnValues?](repeating: nil, count: table.columnCount)
    var featureColumns = [Int]()
    for feature in features {
      guard let column = table.columnIndex(named: feature.name) else {
        throw CSVError(
          path: table.path, line: 1, problem: .columnNotFound(name: feature.name, available: table.header),
          suggestion: "The model was trained with a column named \"\(feature.name)\": add it to the file.")
      }
      values[column] = try TabularFrame.decodeColumn(table, column, kind: feature.kind)
      featureColumns.append(column)
    }
    let frame = TabularFrame(path: table.path, names: table.header, values: values, lines: table.recordLines)
    return try encode(frame: frame, featureColumns: featureColumns, rows: Array(0..<frame.rowCount))
  }

  /// Encodes `rows` of `frame`, reading feature `i` from file column `featureColumns[i]`.
  ///
  /// - Throws: `CSVError.Problem.valueOutOfRange` for a number whose standardized value does not
  ///   fit in a Float32, such as 1e300 in a column whose training rows are near 0.
  func encode(frame: TabularFrame, featureColumns: [Int], rows: [Int]) throws(CSVError) -> (
    features: Tensor, report: TabularTransformReport
  ) {
    precondition(
      featureColumns.count == features.count,
      "\(featureColumns.count) columns given for \(features.count) features")
    let width = encodedFeatureCount
    var scalars = [Float](repeating: 0, count: rows.count * width)
    var report = TabularTransformReport(rowCount: rows.count, imputed: [], unseenCategories: [])
    var offset = 0

    for (feature, column) in zip(features, featureColumns) {
      guard let values = frame.values[column] else {
        preconditionFailure("column \(column) (\(frame.names[column])) is not decoded")
      }
      switch values {
      case .numeric(let numbers):
        precondition(feature.kind == .numeric, "column \(feature.name) was numeric in training")
        let imputedCount = try Self.encodeNumeric(
          feature, numbers: numbers, rows: rows, into: &scalars, offset: offset, width: width,
          location: (frame: frame, column: column))
        if imputedCount > 0 {
          report.imputed.append(.init(name: feature.name, count: imputedCount, examples: []))
        }
      case .categorical(let codes, let levels):
        precondition(feature.kind == .categorical, "column \(feature.name) was categorical in training")
        let counts = Self.encodeCategorical(
          feature, codes: codes, levels: levels, rows: rows, into: &scalars, offset: offset, width: width)
        if counts.imputed > 0 {
          report.imputed.append(.init(name: feature.name, count: counts.imputed, examples: []))
        }
        if counts.unseen.count > 0 {
          report.unseenCategories.append(counts.unseen)
        }
      }
      offset += feature.encodedWidth
    }
    return (Tensor(shape: [rows.count, width], scalars: scalars), report)
  }

  /// Writes one standardized column and returns the number of imputed cells.
  ///
  /// - Parameter location: The frame and file column the numbers come from, named in errors.
  static func encodeNumeric(
    _ feature: Feature, numbers: [Double], rows: [Int], into scalars: inout [Float], offset: Int, width: Int,
    location: (frame: TabularFrame, column: Int)
  ) throws(CSVError) -> Int {
    let mean = feature.mean ?? 0
    let scale = feature.scale ?? 1
    var imputedCount = 0
    for (outputRow, row) in rows.enumerated() {
      let value = numbers[row]
      if value.isNaN {
        imputedCount += 1
        // The imputed mean standardizes to exactly 0, which the buffer already holds.
        continue
      }
      let standardized = Float(standardize(value, mean: mean, scale: scale))
      guard standardized.isFinite else {
        throw CSVError(
          path: location.frame.path, line: location.frame.lines[row], column: location.column + 1,
          columnName: feature.name, problem: .valueOutOfRange(value: value, mean: mean, scale: scale))
      }
      scalars[outputRow * width + offset] = standardized
    }
    return imputedCount
  }

  /// Writes one one-hot block and returns the imputed count and the unseen-category count.
  static func encodeCategorical(
    _ feature: Feature, codes: [Int32], levels: [String], rows: [Int], into scalars: inout [Float],
    offset: Int,
    width: Int
  ) -> (imputed: Int, unseen: TabularTransformReport.ColumnCount) {
    let categories = feature.categories ?? []
    var indexOfCategory = [String: Int]()
    for (index, category) in categories.enumerated() { indexOfCategory[category] = index }
    let indexOfLevel = levels.map { indexOfCategory[$0] }
    let modeIndex = feature.mode.flatMap { indexOfCategory[$0] }

    var imputedCount = 0
    var unseen = TabularTransformReport.ColumnCount(name: feature.name, count: 0, examples: [])
    for (outputRow, row) in rows.enumerated() {
      let code = codes[row]
      let category: Int?
      if code < 0 {
        imputedCount += 1
        category = modeIndex
      } else {
        category = indexOfLevel[Int(code)]
        if category == nil {
          unseen.count += 1
          let level = levels[Int(code)]
          if unseen.examples.count < TabularTransformReport.exampleLimit && !unseen.examples.contains(level) {
            unseen.examples.append(level)
          }
        }
      }
      if let category {
        scalars[outputRow * width + offset + category] = 1
      }
    }
    return (imputedCount, unseen)
  }
}
