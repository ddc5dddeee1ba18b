// Joining two CSV tables side by side, row by row, such as a features file and a labels file
// that list the same examples in the same order.

extension CSVTable {
  /// Returns a table whose columns are this table's, then `other`'s, with the records paired by position.
  ///
  /// - Parameters:
  ///   - otherHeader: Names for `other`'s columns in the result, or nil to keep its header.
  ///   - path: The path quoted in errors about the joined table.
  /// - Throws: `CSVError` when the row counts differ, or a column name occurs twice in the result.
  /// - Complexity: O(total field bytes).
  public func joiningColumns(of other: CSVTable, otherHeader: [String]? = nil, path: String) throws(CSVError)
    -> CSVTable
  {
    guard rowCount == other.rowCount else {
      throw CSVError(
        path: self.path,
        problem: .rowCountMismatch(rowCount: rowCount, otherPath: other.path, otherRowCount: other.rowCount))
    }
    let appendedHeader = otherHeader ?? other.header
    precondition(
      appendedHeader.count == other.columnCount,
      "\(appendedHeader.count) names for \(other.columnCount) columns")
    let header = self.header + appendedHeader
    var firstColumnOfName = [String: Int]()
    for (column, name) in header.enumerated() {
      if let first = firstColumnOfName[name] {
        throw CSVError(
          path: path, line: 1, column: column + 1,
          problem: .duplicateHeaderName(name: name, firstColumn: first + 1))
      }
      firstColumnOfName[name] = column
    }

    // Field offsets are 32-bit, as in the reader, so the joined bytes must stay below 4 GiB.
    let byteCount = self.content.count + other.content.count
    guard byteCount < Int(UInt32.max) else {
      throw CSVError(path: path, problem: .fileTooLarge(byteCount: byteCount))
    }

    // Header fields first, then each record: this table's fields, then the other's.
    var content = [UInt8]()
    content.reserveCapacity(self.content.count + other.content.count)
    var fieldEnds = [UInt32]()
    fieldEnds.reserveCapacity(self.fieldEnds.count + other.fieldEnds.count)
    for name in header {
      content.append(contentsOf: name.utf8)
      fieldEnds.append(UInt32(content.count))
    }
    for row in 0..<rowCount {
      for (table, count) in [(self, columnCount), (other, other.columnCount)] {
        for column in 0..<count {
          content.append(contentsOf: table.content[table.fieldRange(row: row, column: column)])
          fieldEnds.append(UInt32(content.count))
        }
      }
    }
    return CSVTable(
      path: path, header: header, content: content, fieldEnds: fieldEnds, recordLines: recordLines)
  }
}
