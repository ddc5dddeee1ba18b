// The error that reading a safetensors file throws: the file, what is wrong with its header or
// data, with the offending values, and what to do.

/// A safetensors file that could not be read or does not follow the format.
public struct SafetensorsError: Error, CustomStringConvertible, Equatable, Sendable {
  /// The kind of problem in the file.
  public enum Problem: Equatable, Sendable {
    /// The operating system failed to open or read the file, or no file exists at the path.
    case unreadable(reason: String)
    /// The file is shorter than the 8-byte header length.
    case truncatedLength(byteCount: Int)
    /// The header length is larger than the rest of the file, or than the reader's limit.
    case headerLengthInvalid(headerLength: UInt64, available: Int)
    /// The header is not a JSON object of the expected form.
    case invalidHeader(reason: String)
    /// A tensor's dtype is one the reader does not decode.
    case unsupportedDType(tensor: String, dtype: String)
    /// A tensor's byte range does not match its shape, or lies outside the data.
    case invalidOffsets(tensor: String, reason: String)
    /// The data section is longer than the tensors cover.
    case trailingBytes(covered: Int, available: Int)
  }

  /// The file the problem is in.
  public var path: String
  public var problem: Problem

  public init(path: String, problem: Problem) {
    self.path = path
    self.problem = problem
  }

  public var description: String {
    "\(path): \(problemDescription). \(suggestion)"
  }

  /// The problem, with the values involved.
  public var problemDescription: String {
    switch problem {
    case .unreadable(let reason):
      return "failed to read the safetensors file: \(reason)"
    case .truncatedLength(let byteCount):
      return "the file has \(byteCount) bytes, fewer than the 8-byte header length of a safetensors file"
    case .headerLengthInvalid(let headerLength, let available):
      return "the header length is \(headerLength) bytes, but \(available) bytes follow it"
    case .invalidHeader(let reason):
      return "invalid safetensors header: \(reason)"
    case .unsupportedDType(let tensor, let dtype):
      return "tensor '\(tensor)' has dtype \(dtype), but only F32 is supported"
    case .invalidOffsets(let tensor, let reason):
      return "tensor '\(tensor)': \(reason)"
    case .trailingBytes(let covered, let available):
      return "the tensors cover \(covered) bytes of data, but the file has \(available)"
    }
  }

  /// The next step for the user.
  public var suggestion: String {
    switch problem {
    case .unreadable:
      return "Check the path and the file's permissions."
    case .unsupportedDType:
      return "Convert the tensors to float32 before saving them."
    default:
      return "The file is damaged or is not a safetensors file: save the model again."
    }
  }
}
