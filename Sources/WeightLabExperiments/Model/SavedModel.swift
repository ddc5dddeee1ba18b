// Saving and loading a tabular model folder: model.safetensors for the weights and model.json for
// the architecture and preprocessing. Each file is written to a temporary file and renamed.

import Foundation
import WeightLab
import WeightLabCore

/// A trained network with the description that makes it usable on new CSV rows.
public struct SavedModel {
  public var description: ModelDescription
  public var network: Sequential

  public static let weightsFileName = "model.safetensors"
  public static let descriptionFileName = "model.json"

  public init(description: ModelDescription, network: Sequential) {
    let layers = network.layers
    precondition(
      layers[0].inFeatures == description.architecture.inputFeatures
        && layers.dropLast().map(\.outFeatures) == description.architecture.hiddenWidths
        && layers[layers.count - 1].outFeatures == description.architecture.outputs,
      "the network does not have the architecture of its description")
    self.description = description
    self.network = network
  }

  /// The weights as safetensors, named as `ModelDescription` documents.
  public var weights: Safetensors {
    var tensors = [Safetensors.Entry]()
    // Under weight norm the file holds W = g·v/‖v‖ only, so it loads into a plain nn.Linear.
    _ = network.currentKernels()
    for (index, layer) in network.layers.enumerated() {
      let names = ModelDescription.tensorNames(layer: index)
      tensors.append(
        Safetensors.Entry(
          name: names.weight, shape: layer.kernel.value.shape, scalars: layer.kernel.value.scalars))
      tensors.append(
        Safetensors.Entry(name: names.bias, shape: layer.bias.value.shape, scalars: layer.bias.value.scalars))
    }
    return Safetensors(
      tensors: tensors,
      metadata: ["format": "pt", "weightlab_weights_id": description.weightsID])
  }

  /// Writes model.safetensors, then model.json, into `directory`, creating it when needed.
  ///
  /// Each file is written to a temporary file in the folder and renamed over its name, so neither
  /// is ever half written. model.json goes last, so a folder whose model.json exists has its
  /// weights; the shared `weightsID` catches a weights file left by another save.
  ///
  /// - Throws: `ModelFileError.Problem.unwritable` when the folder or a file cannot be written.
  public func save(to directory: String) throws(ModelFileError) {
    let folder = URL(fileURLWithPath: directory)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw ModelFileError(path: directory, problem: .unwritable(reason: error.localizedDescription))
    }

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // The description contains only strings, integers and finite Doubles, which JSONEncoder always encodes.
    let descriptionData = try! encoder.encode(description) + Data("\n".utf8)
    try Self.writeAtomically(Data(weights.encoded()), to: folder.appendingPathComponent(Self.weightsFileName))
    try Self.writeAtomically(descriptionData, to: folder.appendingPathComponent(Self.descriptionFileName))
  }

  private static func writeAtomically(_ data: Data, to url: URL) throws(ModelFileError) {
    do {
      try data.write(to: url, options: .atomic)
    } catch {
      throw ModelFileError(path: url.path, problem: .unwritable(reason: error.localizedDescription))
    }
  }

  /// Reads a model folder written by `save(to:)`.
  ///
  /// - Throws: `ModelFileError` when a file is missing, unreadable or invalid, its format version
  ///   is not this build's, or the weights do not fit the description.
  public init(contentsOf directory: String) throws(ModelFileError) {
    let folder = URL(fileURLWithPath: directory)
    let descriptionPath = folder.appendingPathComponent(Self.descriptionFileName).path
    let weightsPath = folder.appendingPathComponent(Self.weightsFileName).path
    let description = try Self.readDescription(path: descriptionPath)
    guard FileManager.default.fileExists(atPath: weightsPath) else {
      throw ModelFileError(path: weightsPath, problem: .notFound)
    }
    let weights: Safetensors
    do {
      weights = try Safetensors(contentsOf: weightsPath)
    } catch {
      throw ModelFileError(path: weightsPath, problem: .invalidWeights(error))
    }
    let network = try Self.makeNetwork(description: description, weights: weights, path: weightsPath)
    self.init(description: description, network: network)
  }

  private static func readDescription(path: String) throws(ModelFileError) -> ModelDescription {
    guard FileManager.default.fileExists(atPath: path) else {
      throw ModelFileError(path: path, problem: .notFound)
    }
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ModelFileError(path: path, problem: .unreadable(reason: error.localizedDescription))
    }

    // The format and version are checked before the rest, so an old or foreign file gets the
    // version message rather than a decoding error about a field.
    struct Header: Decodable {
      var format: String?
      var formatVersion: Int?
    }
    guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
      throw ModelFileError(path: path, problem: .invalidDescription(reason: "the file is not a JSON object"))
    }
    guard header.format == ModelDescription.formatName, let version = header.formatVersion else {
      throw ModelFileError(
        path: path,
        problem: .invalidDescription(
          reason: "\"format\" must be \"\(ModelDescription.formatName)\" with a \"formatVersion\""))
    }
    guard version == ModelDescription.currentFormatVersion else {
      throw ModelFileError(
        path: path,
        problem: .unsupportedVersion(found: version, supported: ModelDescription.currentFormatVersion))
    }
    do {
      return try JSONDecoder().decode(ModelDescription.self, from: data)
    } catch {
      throw ModelFileError(path: path, problem: .invalidDescription(reason: "\(error)"))
    }
  }

  /// Builds the network of `description` and copies the weights into it, checking every shape.
  private static func makeNetwork(
    description: ModelDescription, weights: Safetensors, path: String
  ) throws(ModelFileError) -> Sequential {
    func mismatch(_ reason: String) -> ModelFileError {
      ModelFileError(path: path, problem: .weightsMismatch(reason: reason))
    }

    let architecture = description.architecture
    let savedID = weights.metadata["weightlab_weights_id"] ?? "none"
    guard savedID == description.weightsID else {
      throw mismatch("the weights file has ID \(savedID), model.json expects \(description.weightsID)")
    }
    guard architecture.inputFeatures == description.encoder.encodedFeatureCount else {
      throw mismatch(
        "the architecture takes \(architecture.inputFeatures) inputs, the encoder makes "
          + "\(description.encoder.encodedFeatureCount)")
    }
    guard architecture.inputFeatures > 0, architecture.outputs > 0,
      architecture.hiddenWidths.allSatisfy({ $0 > 0 })
    else {
      throw mismatch("every layer width must be positive")
    }
    let activation: Activation
    do {
      activation = try Activation(parsing: architecture.activation)
    } catch {
      throw ModelFileError(path: path, problem: .invalidDescription(reason: "\(error)"))
    }

    // Every shape is checked against the weights file before the network allocates anything, so
    // a model.json that claims huge layers fails here instead of allocating memory for them: the
    // weights that passed the checks are already in memory, bounded by the file's size.
    let widths = [architecture.inputFeatures] + architecture.hiddenWidths + [architecture.outputs]
    let expectedCount = 2 * (widths.count - 1)
    guard weights.tensors.count == expectedCount else {
      throw mismatch("the file has \(weights.tensors.count) tensors, the architecture has \(expectedCount)")
    }
    var layerTensors = [(weight: Safetensors.Entry, bias: Safetensors.Entry)]()
    for index in 0..<widths.count - 1 {
      let names = ModelDescription.tensorNames(layer: index)
      let expectedShapes = [
        (names.weight, [widths[index + 1], widths[index]]), (names.bias, [widths[index + 1]]),
      ]
      var found = [Safetensors.Entry]()
      for (name, expected) in expectedShapes {
        guard let tensor = weights.tensor(named: name) else {
          throw mismatch("tensor '\(name)' is missing")
        }
        guard tensor.shape == expected else {
          throw mismatch("tensor '\(name)' has shape \(tensor.shape), expected \(expected)")
        }
        found.append(tensor)
      }
      layerTensors.append((found[0], found[1]))
    }

    let network = Sequential(
      inputFeatures: architecture.inputFeatures, hiddenWidths: architecture.hiddenWidths,
      outputs: architecture.outputs, activation: activation)
    for (layer, tensors) in zip(network.layers, layerTensors) {
      layer.kernel.value = Tensor(shape: tensors.weight.shape, scalars: tensors.weight.scalars)
      layer.bias.value = Tensor(shape: tensors.bias.shape, scalars: tensors.bias.scalars)
    }
    return network
  }
}
