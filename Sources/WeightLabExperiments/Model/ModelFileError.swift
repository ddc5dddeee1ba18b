// The error that saving or loading a model directory throws: which file, what is wrong, and
// what to do.

/// A model directory that could not be written or read, or whose files do not fit together.
public struct ModelFileError: Error, CustomStringConvertible, Equatable, Sendable {
  public enum Problem: Equatable, Sendable {
    /// The directory or file could not be created or written.
    case unwritable(reason: String)
    /// The file does not exist.
    case notFound
    /// The file exists but could not be read.
    case unreadable(reason: String)
    /// model.json is not a WeightLab model description.
    case invalidDescription(reason: String)
    /// model.json has a layout version this build does not read.
    case unsupportedVersion(found: Int, supported: Int)
    /// The weights file is not a valid safetensors file.
    case invalidWeights(SafetensorsError)
    /// The weights do not match the architecture in model.json.
    case weightsMismatch(reason: String)
  }

  /// The file or directory the problem is in.
  public var path: String
  public var problem: Problem

  public init(path: String, problem: Problem) {
    self.path = path
    self.problem = problem
  }

  public var description: String {
    switch problem {
    case .unwritable(let reason):
      return "\(path): failed to write the model: \(reason). Check that the folder is writable."
    case .notFound:
      return "\(path): file not found. A model folder holds model.json and model.safetensors, "
        + "as written by 'weightlab train --save DIR'; check the path."
    case .unreadable(let reason):
      return "\(path): failed to read the file: \(reason). Check the file's permissions."
    case .invalidDescription(let reason):
      return
        "\(path): not a WeightLab model description: \(reason). Save the model again with 'weightlab train --save DIR'."
    case .unsupportedVersion(let found, let supported):
      return "\(path): model format version \(found), but this weightlab reads version \(supported). "
        + "Use the weightlab version that saved the model, or train and save it again."
    case .invalidWeights(let error):
      return error.description
    case .weightsMismatch(let reason):
      return "\(path): the weights do not match model.json: \(reason). Save the model again; "
        + "both files must come from the same save."
    }
  }
}
