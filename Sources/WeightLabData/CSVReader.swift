// An RFC 4180 CSV reader: one pass of a byte-level state machine over the file's bytes, after a
// UTF-8 check, producing a CSVTable whose records all have the header's number of fields.

/// Reads CSV files as RFC 4180 describes them (Shafranovich, 2005, "Common Format and MIME Type
/// for Comma-Separated Values (CSV) Files").
///
/// - The file must be valid UTF-8. A leading byte order mark (EF BB BF) is skipped.
/// - The first record is the header. Header names are trimmed of spaces and tabs, and must be
///   non-empty and unique.
/// - Records end at LF, CRLF or a lone CR. The last record may end without a line break.
/// - A field that starts with `"` is quoted: it runs to the next `"` that is not doubled, and may
///   contain commas, line breaks and `""` (read as one `"`). Only a comma, a line break or the end
///   of the file may follow the closing quote.
/// - A `"` inside an unquoted field is kept as an ordinary character, as Python's `csv` module (3.11) does.
/// - Empty lines between records are skipped, so a one-column file cannot mark a missing value
///   with an empty line (write `NA` instead).
///
/// Fields are kept exactly as written (no trimming, no type conversion); `TabularFrame` does that.
public enum CSVReader {
  /// Reads and parses the file at `path`.
  ///
  /// - Throws: `CSVError` when the file is missing, unreadable, not UTF-8 or malformed.
  /// - Complexity: O(n) time for n bytes; memory as `CSVTable` describes.
  public static func read(path: String) throws(CSVError) -> CSVTable {
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.readAll(path: path)
    } catch {
      switch error.problem {
      case .notFound:
        throw CSVError(path: path, problem: .notFound)
      case .unreadable(let reason):
        throw CSVError(path: path, problem: .unreadable(reason: reason))
      default:
        throw CSVError(path: path, problem: .unreadable(reason: error.problemDescription))
      }
    }
    return try parse(bytes: bytes, path: path)
  }

  /// Parses CSV bytes that came from `path` (used only in error messages).
  ///
  /// - Throws: `CSVError` when the bytes are not UTF-8 or not valid CSV.
  public static func parse(bytes: [UInt8], path: String) throws(CSVError) -> CSVTable {
    guard bytes.count <= Int(UInt32.max) else {
      throw CSVError(path: path, problem: .fileTooLarge(byteCount: bytes.count))
    }
    if let offset = bytes.withUnsafeBufferPointer({ firstInvalidUTF8Offset(in: $0) }) {
      let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == CSVByte.lineFeed ? 1 : 0) }
      throw CSVError(path: path, line: line, problem: .invalidUTF8(byteOffset: offset))
    }

    var content = [UInt8](repeating: 0, count: bytes.count)
    var scanner = CSVScanner(path: path)
    let outcome = Result { () throws(CSVError) -> Int in
      try bytes.withUnsafeBufferPointer { input throws(CSVError) -> Int in
        try content.withUnsafeMutableBufferPointer { output throws(CSVError) -> Int in
          try scanner.scan(input, into: output)
        }
      }
    }
    let writtenCount = try outcome.get()
    content.removeSubrange(writtenCount...)

    guard let columnCount = scanner.columnCount else {
      throw CSVError(path: path, problem: .empty)
    }
    let header = try headerNames(
      content: content, fieldEnds: scanner.fieldEnds, count: columnCount, path: path)
    guard !scanner.recordLines.isEmpty else {
      throw CSVError(path: path, line: 1, problem: .headerOnly)
    }
    return CSVTable(
      path: path, header: header, content: content, fieldEnds: scanner.fieldEnds,
      recordLines: scanner.recordLines)
  }

  /// Decodes and checks the header names, the first `count` fields of `content`.
  static func headerNames(content: [UInt8], fieldEnds: [UInt32], count: Int, path: String) throws(CSVError)
    -> [String]
  {
    var names = [String]()
    var firstColumnOfName = [String: Int]()
    var start = 0
    for column in 0..<count {
      let end = Int(fieldEnds[column])
      let name = String(decoding: CSVCell.trimmed(content[start..<end]), as: UTF8.self)
      start = end
      if name.isEmpty {
        throw CSVError(path: path, line: 1, column: column + 1, problem: .emptyHeaderName)
      }
      if let first = firstColumnOfName[name] {
        throw CSVError(
          path: path, line: 1, column: column + 1, columnName: name,
          problem: .duplicateHeaderName(name: name, firstColumn: first))
      }
      firstColumnOfName[name] = column + 1
      names.append(name)
    }
    return names
  }
}

/// The ASCII bytes the CSV grammar uses.
enum CSVByte {
  static let comma: UInt8 = 0x2C
  static let quote: UInt8 = 0x22
  static let lineFeed: UInt8 = 0x0A
  static let carriageReturn: UInt8 = 0x0D
  static let space: UInt8 = 0x20
  static let tab: UInt8 = 0x09
}

/// The state machine behind `CSVReader.parse`: it copies unescaped field bytes to an output buffer
/// and records where each field ends and on which line each record starts.
struct CSVScanner {
  let path: String
  /// The header's field count, once the header record has been read.
  var columnCount: Int? = nil
  var fieldEnds = [UInt32]()
  var recordLines = [Int]()

  init(path: String) {
    self.path = path
  }

  /// Scans `input` and returns how many bytes were written to `output`, which must be at least as
  /// long as `input` (unescaping never lengthens a field).
  mutating func scan(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutableBufferPointer<UInt8>)
    throws(CSVError) -> Int
  {
    precondition(output.count >= input.count, "output has \(output.count) bytes, input \(input.count)")
    let end = input.count
    var index = 0
    var written = 0
    var line = 1

    if end >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF {
      index = 3
    }

    while index < end {
      // A record starts here. An empty line is skipped.
      let first = input[index]
      if first == CSVByte.lineFeed || first == CSVByte.carriageReturn {
        index = Self.skipLineBreak(input, at: index)
        line += 1
        continue
      }
      let recordLine = line
      var fieldCount = 0

      while true {
        if index < end && input[index] == CSVByte.quote {
          // Quoted field: copy up to the closing quote, collapsing doubled quotes.
          let quoteLine = line
          index += 1
          while true {
            guard index < end else {
              throw CSVError(
                path: path, line: quoteLine, column: fieldCount + 1,
                columnName: headerName(fieldCount, output),
                problem: .unterminatedQuote)
            }
            let byte = input[index]
            if byte == CSVByte.quote {
              if index + 1 < end && input[index + 1] == CSVByte.quote {
                output[written] = CSVByte.quote
                written += 1
                index += 2
                continue
              }
              index += 1
              break
            }
            if byte == CSVByte.lineFeed
              || (byte == CSVByte.carriageReturn
                && !(index + 1 < end && input[index + 1] == CSVByte.lineFeed))
            {
              line += 1
            }
            output[written] = byte
            written += 1
            index += 1
          }
          if index < end {
            let next = input[index]
            if next != CSVByte.comma && next != CSVByte.lineFeed && next != CSVByte.carriageReturn {
              throw CSVError(
                path: path, line: line, column: fieldCount + 1, columnName: headerName(fieldCount, output),
                problem: .textAfterClosingQuote(character: Self.characterText(input, at: index)))
            }
          }
        } else {
          // Unquoted field: copy up to the next comma or line break.
          let start = index
          while index < end {
            let byte = input[index]
            if byte == CSVByte.comma || byte == CSVByte.lineFeed || byte == CSVByte.carriageReturn { break }
            index += 1
          }
          let length = index - start
          if length > 0 {
            (output.baseAddress! + written).update(from: input.baseAddress! + start, count: length)
            written += length
          }
        }
        fieldEnds.append(UInt32(written))
        fieldCount += 1

        if index == end { break }
        if input[index] == CSVByte.comma {
          index += 1
          continue
        }
        index = Self.skipLineBreak(input, at: index)
        line += 1
        break
      }

      try finishRecord(fieldCount: fieldCount, line: recordLine, output: output)
    }
    return written
  }

  /// Checks a finished record's field count, or takes it as the header's.
  mutating func finishRecord(fieldCount: Int, line: Int, output: UnsafeMutableBufferPointer<UInt8>)
    throws(CSVError)
  {
    guard let expected = columnCount else {
      columnCount = fieldCount
      return
    }
    guard fieldCount == expected else {
      // Point at the first column that is missing, or at the first extra field.
      let column = min(fieldCount, expected) + 1
      throw CSVError(
        path: path, line: line, column: column, columnName: headerName(column - 1, output),
        problem: .wrongFieldCount(found: fieldCount, expected: expected))
    }
    recordLines.append(line)
  }

  /// Returns the trimmed header name of the 0-based `column`, or nil while the header is being read
  /// or when the header has no such column.
  func headerName(_ column: Int, _ output: UnsafeMutableBufferPointer<UInt8>) -> String? {
    guard let columnCount, column < columnCount else { return nil }
    let start = column == 0 ? 0 : Int(fieldEnds[column - 1])
    let end = Int(fieldEnds[column])
    let bytes = UnsafeBufferPointer(rebasing: output[start..<end])
    return String(decoding: CSVCell.trimmed(bytes), as: UTF8.self)
  }

  /// Returns the index after the line break (LF, CRLF or a lone CR) at `index`.
  static func skipLineBreak(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    if input[index] == CSVByte.carriageReturn && index + 1 < input.count
      && input[index + 1] == CSVByte.lineFeed
    {
      return index + 2
    }
    return index + 1
  }

  /// Describes the character that starts at `index` for an error message, such as `"x"`.
  static func characterText(_ input: UnsafeBufferPointer<UInt8>, at index: Int) -> String {
    // The input is valid UTF-8, so the sequence at `index` is complete: take up to four bytes and
    // keep the first character.
    let end = min(index + 4, input.count)
    let text = String(decoding: UnsafeBufferPointer(rebasing: input[index..<end]), as: UTF8.self)
    return "\"\(text.first.map(String.init) ?? "")\""
  }
}
