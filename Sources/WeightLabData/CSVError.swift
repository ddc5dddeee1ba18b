// The error that the CSV reader and the tabular pipeline throw for input a user can cause. Its
// description names the file, the line and the column where they are known, and the next step.

/// A CSV file that could not be read, parsed or turned into a tabular dataset.
///
/// `description` is one line for the user: `file, line L, column C (name): problem. Suggestion.`
/// Callers that react to a specific problem match on `problem`.
public struct CSVError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The kind of problem found in the file.
  public enum Problem: Equatable, Sendable {
    /// No file exists at the path.
    case notFound
    /// The operating system failed to open or read the file.
    case unreadable(reason: String)
    /// The file is larger than the reader's 4 GiB limit, which comes from its 32-bit field offsets.
    case fileTooLarge(byteCount: Int)
    /// The byte at `byteOffset` (0-based, from the start of the file) starts an invalid UTF-8 sequence.
    case invalidUTF8(byteOffset: Int)
    /// The file contains no bytes, or only a byte order mark and blank lines.
    case empty
    /// The file contains a header row and no data rows.
    case headerOnly
    /// A header name is empty after trimming spaces and tabs.
    case emptyHeaderName
    /// A header name repeats the name of an earlier column, `firstColumn` (1-based).
    case duplicateHeaderName(name: String, firstColumn: Int)
    /// A record has a different number of fields from the header.
    case wrongFieldCount(found: Int, expected: Int)
    /// A quoted field is still open at the end of the file. The line is where the quote opened.
    case unterminatedQuote
    /// A closing quote is followed by a character other than a comma or a line break.
    case textAfterClosingQuote(character: String)
    /// A cell of a numeric column does not parse as a finite number.
    case nonNumericCell(value: String)
    /// A column that the caller named does not exist in the file.
    case columnNotFound(name: String, available: [String])
    /// Every value of the target column is missing.
    case targetAllMissing
    /// Every non-missing value of the target column is the same.
    case constantTarget(value: String)
    /// The requested task does not fit the target's values.
    case taskMismatch(task: TabularTask, reason: String)
    /// No column is left to predict from once the target and the empty columns are removed.
    case noFeatureColumns
    /// A number that, standardized with the training rows' `mean` and `scale`, does not fit in a
    /// Float32 (magnitude above about 3.4e38), so its encoded feature or target would be infinite.
    case valueOutOfRange(value: Double, mean: Double, scale: Double)
    /// A file that must pair row by row with this one has a different number of data rows.
    case rowCountMismatch(rowCount: Int, otherPath: String, otherRowCount: Int)
  }

  /// The file the problem is in.
  public var path: String
  /// The 1-based physical line of the file where the problem is, when it has one.
  public var line: Int?
  /// The 1-based index of the column, when the problem is in one column.
  public var column: Int?
  /// The header name of `column`, when the header has one for it.
  public var columnName: String?
  /// The problem found in the file.
  public var problem: Problem
  /// The next step for the user, as a full sentence.
  public var suggestion: String

  public init(
    path: String, line: Int? = nil, column: Int? = nil, columnName: String? = nil, problem: Problem,
    suggestion: String? = nil
  ) {
    self.path = path
    self.line = line
    self.column = column
    self.columnName = columnName
    self.problem = problem
    self.suggestion = suggestion ?? CSVError.defaultSuggestion(for: problem)
  }

  public var description: String {
    "\(locationText): \(problemDescription). \(suggestion)"
  }

  /// The file, line and column, as far as they are known: `data.csv, line 17, column 3 (income)`.
  public var locationText: String {
    var parts = [path]
    if let line { parts.append("line \(line)") }
    if let column {
      if let columnName {
        parts.append("column \(column) (\(columnName))")
      } else {
        parts.append("column \(column)")
      }
    }
    return parts.joined(separator: ", ")
  }

  /// The middle part of `description`: what is wrong, with the values involved.
  public var problemDescription: String {
    switch problem {
    case .notFound:
      return "file not found"
    case .unreadable(let reason):
      return "failed to read the file: \(reason)"
    case .fileTooLarge(let byteCount):
      return "the file has \(byteCount) bytes, more than the CSV reader's limit of 4 GiB"
    case .invalidUTF8(let byteOffset):
      return "invalid UTF-8 at byte offset \(byteOffset)"
    case .empty:
      return "the file is empty"
    case .headerOnly:
      return "the file has a header row but no data rows"
    case .emptyHeaderName:
      return "the header name is empty"
    case .duplicateHeaderName(let name, let firstColumn):
      return "the header name \"\(name)\" is also the name of column \(firstColumn)"
    case .wrongFieldCount(let found, let expected):
      let lineText = line.map { "line \($0)" } ?? "the record"
      return "\(lineText) has \(found) fields but the header has \(expected)"
    case .unterminatedQuote:
      return "the quoted field that opens here has no closing quote"
    case .textAfterClosingQuote(let character):
      return "unexpected \(character) after the closing quote of a quoted field"
    case .nonNumericCell(let value):
      return "\"\(value)\" is not a number, but the column is numeric"
    case .columnNotFound(let name, let available):
      return "no column is named \"\(name)\"; the columns are \(available.joined(separator: ", "))"
    case .targetAllMissing:
      return "every value of the target column is missing"
    case .constantTarget(let value):
      return "every value of the target column is \"\(value)\", so there is nothing to predict"
    case .taskMismatch(let task, let reason):
      return "the target does not fit the \(task.rawValue) task: \(reason)"
    case .noFeatureColumns:
      return "no feature columns are left besides the target"
    case .valueOutOfRange(let value, let mean, let scale):
      return "the value \(value) is too far from the training mean \(mean), with standard deviation "
        + "\(scale), to standardize into a 32-bit float"
    case .rowCountMismatch(let rowCount, let otherPath, let otherRowCount):
      return
        "the file has \(rowCount) data rows but \(otherPath), whose rows pair with them, has \(otherRowCount)"
    }
  }

  static func defaultSuggestion(for problem: Problem) -> String {
    switch problem {
    case .notFound:
      return "Check the path."
    case .unreadable:
      return "Check the file's permissions."
    case .fileTooLarge:
      return "Split the file into parts smaller than 4 GiB, or sample its rows."
    case .invalidUTF8:
      return "Save the file as UTF-8 (for example: iconv -f LATIN1 -t UTF-8 in.csv > out.csv)."
    case .empty:
      return "Check that this is the right file; a CSV file needs a header row and at least one data row."
    case .headerOnly:
      return "Add data rows below the header, or check that this is the right file."
    case .emptyHeaderName:
      return "Give every column a name in the first row."
    case .duplicateHeaderName:
      return "Rename one of the two columns so that every header name is unique."
    case .wrongFieldCount:
      return "Quote fields that contain commas, or fix the row so that it has one field per column."
    case .unterminatedQuote:
      return "Close the quote, and write a quote inside a quoted field as two quotes (\"\")."
    case .textAfterClosingQuote:
      return "Put the whole field inside the quotes, and write a quote inside it as two quotes (\"\")."
    case .nonNumericCell:
      return
        "Fix the cell, leave it empty or write NA for a missing value, or treat the column as categorical."
    case .columnNotFound:
      return "Use one of the column names listed, spelled as in the header."
    case .targetAllMissing, .constantTarget:
      return "Choose a target column whose values vary."
    case .taskMismatch:
      return "Leave the task out to infer it from the target, or choose a task that fits the target."
    case .noFeatureColumns:
      return "The file needs at least one column besides the target that is not entirely missing."
    case .valueOutOfRange:
      return "Check the cell for a typo or a unit mistake, or remove the row."
    case .rowCountMismatch:
      return "Use the two files that belong together, with one row per example in the same order."
    }
  }
}
