// Tests of the RFC 4180 reader: quoting, line ends, the byte order mark, and every malformed input
// with the line and column its error names.

import Testing

@testable import WeightLabData

/// Parses `text` as the contents of `test.csv`.
func parseCSV(_ text: String) throws(CSVError) -> CSVTable {
  try CSVReader.parse(bytes: Array(text.utf8), path: "test.csv")
}

/// Returns every data field of `table` as text, row by row.
func allFields(_ table: CSVTable) -> [[String]] {
  (0..<table.rowCount).map { row in (0..<table.columnCount).map { table.field(row: row, column: $0) } }
}

/// Parses `bytes` and returns the error, or nil when the bytes were accepted.
func parseError(_ bytes: [UInt8]) -> CSVError? {
  do {
    _ = try CSVReader.parse(bytes: bytes, path: "test.csv")
    return nil
  } catch {
    return error
  }
}

func parseError(_ text: String) -> CSVError? {
  parseError(Array(text.utf8))
}

@Suite struct CSVReaderTests {
  @Test func plainFieldsAndHeader() throws {
    let table = try parseCSV("a,b,c\n1,2,3\n4,5,6\n")

    #expect(table.header == ["a", "b", "c"])
    #expect(allFields(table) == [["1", "2", "3"], ["4", "5", "6"]])
    #expect(table.line(ofRow: 0) == 2)
    #expect(table.line(ofRow: 1) == 3)
  }

  @Test(arguments: [
    ("no trailing newline", "a,b\n1,2\n3,4"),
    ("LF", "a,b\n1,2\n3,4\n"),
    ("CRLF", "a,b\r\n1,2\r\n3,4\r\n"),
    ("CRLF without trailing newline", "a,b\r\n1,2\r\n3,4"),
    ("lone CR", "a,b\r1,2\r3,4\r"),
    ("byte order mark", "\u{FEFF}a,b\n1,2\n3,4\n"),
    ("blank lines skipped", "a,b\n\n1,2\r\n\r\n3,4\n\n"),
  ])
  func lineEndings(name: String, text: String) throws {
    let table = try parseCSV(text)

    #expect(table.header == ["a", "b"], "\(name)")
    #expect(allFields(table) == [["1", "2"], ["3", "4"]], "\(name)")
  }

  @Test func quotedFieldsUnescape() throws {
    let text = "name,note\n\"Smith, John\",\"said \"\"hi\"\"\"\n\"\",plain\n"
    let table = try parseCSV(text)

    #expect(allFields(table) == [["Smith, John", "said \"hi\""], ["", "plain"]])
  }

  @Test func lineBreaksInsideQuotes() throws {
    let text = "id,text,end\r\n1,\"two\r\nlines\",x\r\n2,\"three\nmore\nlines\",y\r\n3,plain,z\r\n"
    let table = try parseCSV(text)

    #expect(
      allFields(table) == [
        ["1", "two\r\nlines", "x"], ["2", "three\nmore\nlines", "y"], ["3", "plain", "z"],
      ])
    // Each record's line is where it starts: the quoted line breaks push the later records down.
    #expect(table.line(ofRow: 0) == 2)
    #expect(table.line(ofRow: 1) == 4)
    #expect(table.line(ofRow: 2) == 7)
  }

  @Test func emptyFieldsAndTrailingComma() throws {
    let table = try parseCSV("a,b,c\n,,\n1,,\n,,3")

    #expect(allFields(table) == [["", "", ""], ["1", "", ""], ["", "", "3"]])
  }

  @Test func quoteInsideUnquotedFieldIsKept() throws {
    let table = try parseCSV("a,b\n5'11\",x\n")

    #expect(table.field(row: 0, column: 0) == "5'11\"")
  }

  @Test func headerNamesAreTrimmed() throws {
    let table = try parseCSV(" a ,\tb\n1,2\n")

    #expect(table.header == ["a", "b"])
    #expect(table.columnIndex(named: "b") == 1)
  }

  @Test func multibyteTextSurvives() throws {
    let table = try parseCSV("city,n\nZürich,1\n\"São Paulo, BR\",2\n東京,3\n")

    #expect(table.header == ["city", "n"])
    #expect(allFields(table).map { $0[0] } == ["Zürich", "São Paulo, BR", "東京"])
  }

  @Test func wrongFieldCountTooMany() throws {
    var lines = ["a,b,c,d,e,f"]
    lines += (2...16).map { _ in "1,2,3,4,5,6" }
    lines.append("1,2,3,4,5,6,7")
    let error = try #require(parseError(lines.joined(separator: "\n")))

    #expect(error.problem == .wrongFieldCount(found: 7, expected: 6))
    #expect(error.line == 17)
    #expect(error.column == 7)
    #expect(error.columnName == nil)
    #expect(
      error.description.contains("test.csv, line 17, column 7: line 17 has 7 fields but the header has 6"))
  }

  @Test func wrongFieldCountTooFew() throws {
    let error = try #require(parseError("a,b,c,d,e,f\n1,2,3,4,5,6\n1,2,3,4,5\n"))

    #expect(error.problem == .wrongFieldCount(found: 5, expected: 6))
    #expect(error.line == 3)
    #expect(error.column == 6)
    #expect(error.columnName == "f")
    #expect(error.description.contains("line 3 has 5 fields but the header has 6"))
    #expect(error.description.contains("column 6 (f)"))
  }

  @Test func wrongFieldCountAfterQuotedLineBreak() throws {
    // The second record starts on line 2 and spans two lines; the bad third record starts on line 4.
    let error = try #require(parseError("a,b\n\"x\ny\",1\n1,2,3\n"))

    #expect(error.line == 4)
  }

  @Test func unterminatedQuoteNamesItsLine() throws {
    let error = try #require(parseError("a,b\n1,2\n3,\"open\nstill open\n5,6\n"))

    #expect(error.problem == .unterminatedQuote)
    #expect(error.line == 3)
    #expect(error.column == 2)
    #expect(error.columnName == "b")
    #expect(error.description.contains("test.csv, line 3, column 2 (b)"))
  }

  @Test func textAfterClosingQuote() throws {
    let error = try #require(parseError("a,b\n\"ab\"c,2\n"))

    #expect(error.problem == .textAfterClosingQuote(character: "\"c\""))
    #expect(error.line == 2)
    #expect(error.column == 1)
    #expect(error.columnName == "a")
  }

  @Test(arguments: ["", "\u{FEFF}", "\n\n", "\r\n"])
  func emptyFile(text: String) throws {
    let error = try #require(parseError(text))

    #expect(error.problem == .empty)
    #expect(error.description.hasPrefix("test.csv: the file is empty."))
  }

  @Test(arguments: ["a,b", "a,b\n", "a,b\r\n\r\n"])
  func headerOnly(text: String) throws {
    let error = try #require(parseError(text))

    #expect(error.problem == .headerOnly)
    #expect(error.line == 1)
  }

  @Test func duplicateHeaderName() throws {
    let error = try #require(parseError("id,x,id\n1,2,3\n"))

    #expect(error.problem == .duplicateHeaderName(name: "id", firstColumn: 1))
    #expect(error.line == 1)
    #expect(error.column == 3)
  }

  @Test func emptyHeaderName() throws {
    let error = try #require(parseError("a, ,c\n1,2,3\n"))

    #expect(error.problem == .emptyHeaderName)
    #expect(error.column == 2)
  }

  @Test func invalidUTF8NamesOffsetAndLine() throws {
    // "café" in Latin-1: the é is the single byte 0xE9, which is not valid UTF-8 here.
    var bytes = Array("name,n\nabc,1\ncaf".utf8)
    let offset = bytes.count
    bytes += [0xE9] + Array(",2\n".utf8)
    let error = try #require(parseError(bytes))

    #expect(error.problem == .invalidUTF8(byteOffset: offset))
    #expect(error.line == 3)
    #expect(error.description.contains("invalid UTF-8 at byte offset \(offset)"))
    #expect(error.description.contains("iconv"))
  }

  @Test(
    arguments: [
      ([0xC0, 0xAF], 0),  // overlong form of "/"
      ([0xED, 0xA0, 0x80], 0),  // a UTF-16 surrogate
      ([0xF4, 0x90, 0x80, 0x80], 0),  // above U+10FFFF
      ([0x41, 0xE2, 0x82], 1),  // a sequence cut off by the end
      ([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xFF], 9),  // after an 8-byte ASCII run
    ] as [([UInt8], Int)])
  func invalidUTF8Sequences(bytes: [UInt8], offset: Int) {
    let found = bytes.withUnsafeBufferPointer { CSVReader.firstInvalidUTF8Offset(in: $0) }

    #expect(found == offset)
  }

  @Test func validUTF8IsAccepted() {
    let bytes = Array("plain ASCII, é, 東京, 𝄞 and more ASCII text".utf8)
    let found = bytes.withUnsafeBufferPointer { CSVReader.firstInvalidUTF8Offset(in: $0) }

    #expect(found == nil)
  }

  @Test func missingFileIsNotFound() throws {
    do {
      _ = try CSVReader.read(path: "/nonexistent/weightlab/missing.csv")
      Issue.record("reading a missing file succeeded")
    } catch {
      #expect(error.problem == .notFound)
      #expect(error.description.hasPrefix("/nonexistent/weightlab/missing.csv: file not found."))
    }
  }
}
