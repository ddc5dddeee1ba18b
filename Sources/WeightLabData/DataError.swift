// The error that every WeightLabData reader throws for input a user can cause: a missing, damaged
// or mismatched data file. Its description names the file, the problem with its numbers, and a fix.

/// A data file that could not be found, read or decoded.
///
/// `description` is one line for the user: the file, what is wrong with it, and what to try.
/// Tests and callers that want to react to a specific problem match on `problem`.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  /// What is wrong with the file.
  public enum Problem: Equatable, Sendable {
    /// No file exists at any of `searched`.
    case notFound(searched: [String])
    /// The operating system failed to open or read the file.
    case unreadable(reason: String)
    /// The file contains fewer bytes than the 4-byte magic number and the dimension sizes need.
    case truncatedHeader(needed: Int, available: Int)
    /// The first two bytes of the IDX magic number are not zero.
    case invalidMagic(found: [UInt8])
    /// The IDX type byte names an element type that the reader does not decode.
    case unsupportedElementType(UInt8)
    /// The IDX header declares zero dimensions.
    case noDimensions
    /// The product of the dimension sizes does not fit in an `Int`.
    case dimensionOverflow(dimensions: [Int])
    /// The data after the header is shorter than the dimensions require.
    case truncatedPayload(dimensions: [Int], expectedBytes: Int, actualBytes: Int)
    /// The data after the header is longer than the dimensions require.
    case trailingBytes(dimensions: [Int], expectedBytes: Int, actualBytes: Int)
    /// zlib rejected the gzip stream as invalid.
    case corruptGzip(reason: String)
    /// The gzip stream stops before its end-of-stream marker.
    case truncatedGzip(decompressedBytes: Int)
    /// The dimensions do not have the shape the dataset requires.
    case unexpectedShape(expected: String, found: [Int])
    /// A class label is outside `0 ..< classCount`.
    case labelOutOfRange(index: Int, label: Int, classCount: Int)
    /// The images file and the labels file contain different numbers of examples.
    case countMismatch(imageCount: Int, labelsPath: String, labelCount: Int)
  }

  /// The file the problem is in. For a missing file, the name or path that was looked for.
  public var path: String
  /// The problem found in the file.
  public var problem: Problem
  /// The next step for the user, as a full sentence.
  public var suggestion: String

  public init(path: String, problem: Problem, suggestion: String? = nil) {
    self.path = path
    self.problem = problem
    self.suggestion = suggestion ?? DataError.defaultSuggestion(for: problem)
  }

  /// Returns the same error with a suggestion that fits the caller, such as a dataset's install command.
  public func withSuggestion(_ suggestion: String) -> DataError {
    DataError(path: path, problem: problem, suggestion: suggestion)
  }

  public var description: String {
    "\(path): \(problemDescription). \(suggestion)"
  }

  /// The middle part of `description`: what is wrong, with the numbers involved.
  public var problemDescription: String {
    switch problem {
    case .notFound(let searched):
      if searched == [path] { return "file not found" }
      return "file not found, looked for: \(searched.joined(separator: ", "))"
    case .unreadable(let reason):
      return "failed to read the file: \(reason)"
    case .truncatedHeader(let needed, let available):
      return "the IDX header needs \(needed) bytes but the file contains only \(available)"
    case .invalidMagic(let found):
      let hex = found.map { "0x" + String($0, radix: 16, uppercase: true) }.joined(separator: " ")
      return
        "invalid IDX magic number: expected two zero bytes, a type byte and a dimension count, found \(hex)"
    case .unsupportedElementType(let type):
      return "unsupported IDX element type 0x\(String(type, radix: 16, uppercase: true)) "
        + "(only 0x08, unsigned byte, is supported)"
    case .noDimensions:
      return "the IDX header declares zero dimensions"
    case .dimensionOverflow(let dimensions):
      return "the header claims dimensions \(DataError.shapeText(dimensions)), too many bytes to address"
    case .truncatedPayload(let dimensions, let expected, let actual):
      return "the header claims \(DataError.shapeText(dimensions)) = \(expected) bytes of data "
        + "but the file contains \(actual) bytes after the header"
    case .trailingBytes(let dimensions, let expected, let actual):
      return "the header claims \(DataError.shapeText(dimensions)) = \(expected) bytes of data "
        + "but the file contains \(actual) bytes after the header (\(actual - expected) trailing bytes)"
    case .corruptGzip(let reason):
      return "the gzip stream is corrupt (zlib: \(reason))"
    case .truncatedGzip(let decompressed):
      return "the gzip stream ends early, after \(decompressed) decompressed bytes"
    case .unexpectedShape(let expected, let found):
      return "expected \(expected), but the header declares dimensions \(DataError.shapeText(found))"
    case .labelOutOfRange(let index, let label, let classCount):
      return "label \(label) at index \(index) is outside the valid range 0..<\(classCount)"
    case .countMismatch(let imageCount, let labelsPath, let labelCount):
      return "contains \(imageCount) images but \(labelsPath) contains \(labelCount) labels"
    }
  }

  static func defaultSuggestion(for problem: Problem) -> String {
    switch problem {
    case .notFound:
      return "Check the path, or download the file again."
    case .unreadable:
      return "Check the file's permissions."
    default:
      return "The file is damaged or is not an IDX file: download it again."
    }
  }

  /// Formats dimensions as `60000x28x28`.
  static func shapeText(_ dimensions: [Int]) -> String {
    dimensions.map(String.init).joined(separator: "x")
  }
}
