// Column type inference for CSV tables: each column becomes numeric or categorical, with its
// missing cells counted. TabularFrame stores the decoded values that the encoder and splits read.

/// The type of a column, which decides how its cells are read and encoded.
public enum TabularColumnKind: String, Codable, Sendable, CaseIterable {
  /// Every non-missing cell is a finite number (see `CSVCell`). Encoded by standardization.
  case numeric
  /// Cells are category names, compared after trimming. Encoded one-hot.
  case categorical
}

/// The inferred type of every column of a CSV table.
///
/// A column is numeric when every non-missing cell parses as a finite number, and categorical
/// otherwise, unless the caller forces its kind. A column whose every cell is missing is dropped
/// and listed in `droppedColumns`, because it carries no information and has no mean or mode to
/// impute with.
public struct TabularSchema: Sendable, Equatable {
  /// One kept column.
  public struct Column: Sendable, Equatable {
    /// The header name.
    public var name: String
    /// The 0-based index of the column in the file.
    public var index: Int
    public var kind: TabularColumnKind
    /// The number of missing cells in the column.
    public var missingCount: Int
  }

  /// The kept columns, in file order.
  public var columns: [Column]
  /// The names of the columns dropped because every cell is missing, in file order.
  public var droppedColumns: [String]

  /// Infers the kind of every column of `table`.
  ///
  /// - Parameter columnKinds: Kinds that override inference, by column name. A cell of a column
  ///   forced numeric that is not a number is an error.
  /// - Throws: `CSVError` when a name in `columnKinds` is not a column, or a forced numeric column
  ///   contains a non-numeric cell.
  public static func infer(table: CSVTable, columnKinds: [String: TabularColumnKind] = [:]) throws(CSVError)
    -> TabularSchema
  {
    try TabularFrame(table: table, columnKinds: columnKinds).schema
  }

  /// Returns the kept column named `name`, or nil.
  public func column(named name: String) -> Column? {
    columns.first { $0.name == name }
  }
}

/// The decoded cells of one column.
enum TabularColumnValues: Sendable, Equatable {
  /// Numbers, with NaN for a missing cell.
  case numeric([Double])
  /// Indices into `levels`, with -1 for a missing cell. Levels are in order of first appearance.
  case categorical(codes: [Int32], levels: [String])

  var count: Int {
    switch self {
    case .numeric(let values): return values.count
    case .categorical(let codes, _): return codes.count
    }
  }

  var missingCount: Int {
    switch self {
    case .numeric(let values): return values.reduce(0) { $0 + ($1.isNaN ? 1 : 0) }
    case .categorical(let codes, _): return codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
    }
  }

  var kind: TabularColumnKind {
    switch self {
    case .numeric: return .numeric
    case .categorical: return .categorical
    }
  }
}

/// A CSV table with its cells decoded column by column, ready for encoding.
struct TabularFrame: Sendable {
  /// The file the table came from.
  var path: String
  /// The header names, for every column of the file.
  var names: [String]
  /// The decoded cells by file column, nil for a dropped column.
  var values: [TabularColumnValues?]
  /// The 1-based physical line where each row starts.
  var lines: [Int]

  var rowCount: Int { lines.count }

  /// Decodes every column, inferring each kind unless `columnKinds` forces it.
  init(table: CSVTable, columnKinds: [String: TabularColumnKind]) throws(CSVError) {
    for name in columnKinds.keys.sorted() where table.columnIndex(named: name) == nil {
      throw CSVError(path: table.path, problem: .columnNotFound(name: name, available: table.header))
    }
    var values = [TabularColumnValues?]()
    for column in 0..<table.columnCount {
      let decoded = try TabularFrame.decodeColumn(table, column, kind: columnKinds[table.header[column]])
      values.append(decoded.missingCount == decoded.count ? nil : decoded)
    }
    self.init(path: table.path, names: table.header, values: values, lines: table.recordLines)
  }

  init(path: String, names: [String], values: [TabularColumnValues?], lines: [Int]) {
    self.path = path
    self.names = names
    self.values = values
    self.lines = lines
  }

  var schema: TabularSchema {
    var columns = [TabularSchema.Column]()
    var dropped = [String]()
    for (index, column) in values.enumerated() {
      if let column {
        columns.append(
          TabularSchema.Column(
            name: names[index], index: index, kind: column.kind, missingCount: column.missingCount))
      } else {
        dropped.append(names[index])
      }
    }
    return TabularSchema(columns: columns, droppedColumns: dropped)
  }

  /// Decodes one column as `kind`, or as numeric when every non-missing cell is a number and as
  /// categorical otherwise when `kind` is nil.
  static func decodeColumn(_ table: CSVTable, _ column: Int, kind: TabularColumnKind?) throws(CSVError)
    -> TabularColumnValues
  {
    if kind != .categorical {
      let (numbers, firstFailure) = decodeNumbers(table, column)
      guard let failedRow = firstFailure else { return .numeric(numbers) }
      if kind == .numeric {
        throw CSVError(
          path: table.path, line: table.line(ofRow: failedRow), column: column + 1,
          columnName: table.header[column],
          problem: .nonNumericCell(value: cellText(table, row: failedRow, column: column)))
      }
    }
    return decodeCategories(table, column)
  }

  /// Parses a column as numbers, stopping at the first cell that is neither missing nor a number.
  static func decodeNumbers(_ table: CSVTable, _ column: Int) -> (values: [Double], firstFailure: Int?) {
    var numbers = [Double]()
    numbers.reserveCapacity(table.rowCount)
    let firstFailure = table.content.withUnsafeBufferPointer { buffer -> Int? in
      for row in 0..<table.rowCount {
        let range = table.fieldRange(row: row, column: column)
        let cell = UnsafeBufferPointer(rebasing: CSVCell.trimmed(buffer[range]))
        if CSVCell.isMissing(cell) {
          numbers.append(.nan)
        } else if let number = CSVCell.number(cell) {
          numbers.append(number)
        } else {
          return row
        }
      }
      return nil
    }
    return (numbers, firstFailure)
  }

  /// Reads a column as trimmed category names.
  static func decodeCategories(_ table: CSVTable, _ column: Int) -> TabularColumnValues {
    var codes = [Int32]()
    codes.reserveCapacity(table.rowCount)
    var levels = [String]()
    var codeOfLevel = [String: Int32]()
    table.forEachField(inColumn: column) { _, bytes in
      let cell = UnsafeBufferPointer(rebasing: CSVCell.trimmed(bytes))
      if CSVCell.isMissing(cell) {
        codes.append(-1)
        return
      }
      let name = String(decoding: cell, as: UTF8.self)
      if let code = codeOfLevel[name] {
        codes.append(code)
      } else {
        let code = Int32(levels.count)
        codeOfLevel[name] = code
        levels.append(name)
        codes.append(code)
      }
    }
    return .categorical(codes: codes, levels: levels)
  }

  /// Returns a cell's trimmed text for an error message.
  static func cellText(_ table: CSVTable, row: Int, column: Int) -> String {
    let range = table.fieldRange(row: row, column: column)
    return String(decoding: CSVCell.trimmed(table.content[range]), as: UTF8.self)
  }
}
