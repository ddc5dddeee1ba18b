// A parsed CSV file: the header names and every data field as unescaped UTF-8 bytes in one buffer,
// with the physical line where each record starts, so later stages can point at a cell.

/// The header and data records of a CSV file, as `CSVReader` parsed them.
///
/// Fields are stored without their quotes, with doubled quotes collapsed and nothing trimmed.
/// Every record has exactly `columnCount` fields, because the reader rejects any other count.
///
/// Memory: the unescaped bytes (never more than the file's size) plus one 4-byte offset per field
/// and one line number per record.
public struct CSVTable: Sendable {
  /// The path of the file, quoted in errors.
  public let path: String
  /// The column names from the header row, trimmed of surrounding spaces and tabs.
  public let header: [String]
  /// The unescaped bytes of every field, header fields first, record after record.
  let content: [UInt8]
  /// The end offset in `content` of each field, header fields first. A field starts where the
  /// previous one ends.
  let fieldEnds: [UInt32]
  /// The 1-based physical line where each data record starts.
  let recordLines: [Int]

  init(path: String, header: [String], content: [UInt8], fieldEnds: [UInt32], recordLines: [Int]) {
    precondition(
      fieldEnds.count == (recordLines.count + 1) * header.count,
      "\(fieldEnds.count) field offsets do not fit \(recordLines.count) records of \(header.count) fields")
    self.path = path
    self.header = header
    self.content = content
    self.fieldEnds = fieldEnds
    self.recordLines = recordLines
  }

  /// The number of data records, not counting the header.
  public var rowCount: Int { recordLines.count }

  /// The number of columns, which every record has.
  public var columnCount: Int { header.count }

  /// Returns the 1-based physical line of the file where data record `row` (0-based) starts.
  ///
  /// A record whose quoted fields contain line breaks spans several lines; this is its first.
  public func line(ofRow row: Int) -> Int {
    recordLines[row]
  }

  /// Returns the 0-based index of the column named `name`, or nil when no column has that name.
  public func columnIndex(named name: String) -> Int? {
    header.firstIndex(of: name)
  }

  /// Returns the unescaped text of one field, untrimmed.
  ///
  /// - Precondition: `row` is in `0 ..< rowCount` and `column` in `0 ..< columnCount`.
  public func field(row: Int, column: Int) -> String {
    let range = fieldRange(row: row, column: column)
    return String(decoding: content[range], as: UTF8.self)
  }

  /// Returns where the field at (`row`, `column`) lies in `content`.
  @inline(__always)
  func fieldRange(row: Int, column: Int) -> Range<Int> {
    precondition(row >= 0 && row < rowCount, "row \(row) is outside 0..<\(rowCount)")
    precondition(column >= 0 && column < columnCount, "column \(column) is outside 0..<\(columnCount)")
    let index = (row + 1) * columnCount + column
    return Int(fieldEnds[index - 1])..<Int(fieldEnds[index])
  }

  /// Calls `body` with the bytes of every field of `column`, in row order.
  func forEachField(
    inColumn column: Int, _ body: (_ row: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
  ) {
    content.withUnsafeBufferPointer { buffer in
      for row in 0..<rowCount {
        let range = fieldRange(row: row, column: column)
        body(row, UnsafeBufferPointer(rebasing: buffer[range]))
      }
    }
  }
}
