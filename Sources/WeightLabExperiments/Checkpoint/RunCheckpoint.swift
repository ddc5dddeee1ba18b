// A training checkpoint on disk: one safetensors file whose tensors are the parameters and the
// optimizer buffers, and whose metadata is a JSON header with the position, seed, configuration
// and history. One file, replaced by a rename, so a kill leaves the old checkpoint or the new one.

import Foundation
import WeightLab
import WeightLabCore

/// A run's `TrainingSnapshot` with the configuration it belongs to and its row in the run store.
///
/// The file is `checkpoint.safetensors`. Its tensors are named `parameter/<path>` (the weights
/// after the last step), `lastEpoch/<path>` (the weights at the end of the last finished epoch),
/// `best/<path>` (under early stopping, the weights of the epoch with the lowest validation loss)
/// and `optimizer/<buffer>/<path>` (such as `optimizer/velocity/dense1.weight`). The metadata
/// key `weightlab.checkpoint` contains the JSON header, `CheckpointHeader`.
public struct RunCheckpoint: Sendable {
  /// The header's `formatVersion` that this code writes and reads.
  public static let formatVersion = 1
  public static let fileName = "checkpoint.safetensors"
  static let metadataKey = "weightlab.checkpoint"

  public var configuration: StoredConfiguration
  /// The id of the run's row in the run store, whose epochs a resumed run copies.
  public var storeRunID: Int64?
  public var snapshot: TrainingSnapshot

  public init(configuration: StoredConfiguration, storeRunID: Int64?, snapshot: TrainingSnapshot) {
    self.configuration = configuration
    self.storeRunID = storeRunID
    self.snapshot = snapshot
  }

  /// Returns the folder of the checkpoint of the `compare` run with `runKey` inside the output folder
  /// `directory`: `checkpoints/<16 hex digits of the FNV-1a hash of the run key>`.
  public static func directory(forRunKey runKey: String, in directory: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in runKey.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    let name = String(repeating: "0", count: 16 - hex.count) + hex
    return (directory as NSString).appendingPathComponent("checkpoints/\(name)")
  }

  /// Returns the folder of the checkpoint that `train` writes inside the output folder `directory`.
  public static func trainDirectory(in directory: String) -> String {
    (directory as NSString).appendingPathComponent("checkpoints/train")
  }

  // MARK: - Encoding

  /// Returns the checkpoint as safetensors bytes.
  public func encoded() throws -> [UInt8] {
    var tensors: [Safetensors.Entry] = []
    var groups = [("parameter", snapshot.parameters), ("lastEpoch", snapshot.lastEpochParameters)]
    if let best = snapshot.bestParameters { groups.append(("best", best)) }
    for (prefix, values) in groups {
      for path in values.keys.sorted() {
        let tensor = values[path]!
        tensors.append(
          Safetensors.Entry(name: "\(prefix)/\(path)", shape: tensor.shape, scalars: tensor.scalars))
      }
    }
    for key in snapshot.optimizer.buffers.keys.sorted() {
      let values = snapshot.optimizer.buffers[key]!
      tensors.append(Safetensors.Entry(name: "optimizer/\(key)", shape: [values.count], scalars: values))
    }
    let header = CheckpointHeader(self)
    // `RunStore.json` writes non-finite losses as strings, because JSON has no literal for them.
    let text = try RunStore.json(header)
    return Safetensors(tensors: tensors, metadata: [Self.metadataKey: text]).encoded()
  }

  /// Decodes a checkpoint from safetensors bytes.
  ///
  /// - Throws: `CheckpointError` when the file is not a safetensors file, has no header, has a
  ///   header of another format version, or lacks a tensor that the header implies.
  public init(decoding bytes: [UInt8], path: String) throws(CheckpointError) {
    let file: Safetensors
    do {
      file = try Safetensors(decoding: bytes, path: path)
    } catch {
      throw CheckpointError(path: path, reason: error.description)
    }
    guard let text = file.metadata[Self.metadataKey] else {
      throw CheckpointError(path: path, reason: "the file has no '\(Self.metadataKey)' metadata")
    }
    let header: CheckpointHeader
    do {
      header = try RunStore.decode(CheckpointHeader.self, from: text)
    } catch {
      throw CheckpointError(path: path, reason: "the header is not valid JSON for a checkpoint: \(error)")
    }
    guard header.formatVersion == Self.formatVersion else {
      throw CheckpointError(
        path: path,
        reason:
          "the format version is \(header.formatVersion), but this weightlab reads only \(Self.formatVersion)"
      )
    }

    var parameters: [String: Tensor] = [:]
    var lastEpoch: [String: Tensor] = [:]
    var best: [String: Tensor] = [:]
    var buffers: [String: [Float]] = [:]
    for entry in file.tensors {
      let parts = entry.name.split(separator: "/", maxSplits: 1).map(String.init)
      guard parts.count == 2 else {
        throw CheckpointError(path: path, reason: "unexpected tensor name '\(entry.name)'")
      }
      switch parts[0] {
      case "parameter": parameters[parts[1]] = Tensor(shape: entry.shape, scalars: entry.scalars)
      case "lastEpoch": lastEpoch[parts[1]] = Tensor(shape: entry.shape, scalars: entry.scalars)
      case "best": best[parts[1]] = Tensor(shape: entry.shape, scalars: entry.scalars)
      case "optimizer": buffers[parts[1]] = entry.scalars
      default: throw CheckpointError(path: path, reason: "unexpected tensor name '\(entry.name)'")
      }
    }
    configuration = header.configuration
    storeRunID = header.storeRunID
    let partialWeightSum =
      header.partialWeightSumBits.map { Double(bitPattern: $0) }
      ?? Double(header.completedSteps * header.configuration.batchSize)
    snapshot = TrainingSnapshot(
      epoch: header.epoch, completedSteps: header.completedSteps, stepsPerEpoch: header.stepsPerEpoch,
      globalStep: header.globalStep, partialLossSum: Double(bitPattern: header.partialLossSumBits),
      partialWeightSum: partialWeightSum, partialTrainingSeconds: header.partialTrainingSeconds,
      history: header.history.map(\.record), shuffleSeed: header.shuffleSeed, parameters: parameters,
      lastEpochParameters: lastEpoch, bestParameters: best.isEmpty ? nil : best,
      optimizer: OptimizerState(buffers: buffers, counters: header.optimizerCounters))
  }

  // MARK: - Files

  /// Writes the checkpoint to `checkpoint.safetensors` in `directory`, creating the folder.
  ///
  /// The bytes go to a temporary file in the same folder, which is flushed with `fsync` and then
  /// renamed over the old checkpoint. A crash at any point leaves either the complete old file or
  /// the complete new one. It may also leave a stray `checkpoint.safetensors.tmp-<pid>` file,
  /// which readers ignore.
  public func write(to directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = (directory as NSString).appendingPathComponent(Self.fileName)
    try AtomicFile.write(try encoded(), to: path)
  }

  /// Reads `checkpoint.safetensors` in `directory`; returns nil when there is none.
  public static func read(from directory: String) throws(CheckpointError) -> RunCheckpoint? {
    let path = (directory as NSString).appendingPathComponent(fileName)
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return try RunCheckpoint(decoding: [UInt8](data), path: path)
  }

  /// Deletes the checkpoint folder `directory`, if present.
  public static func remove(directory: String) {
    try? FileManager.default.removeItem(atPath: directory)
  }
}

/// A checkpoint file that cannot be used.
public struct CheckpointError: Error, CustomStringConvertible {
  public var path: String
  public var reason: String

  public var description: String { "checkpoint '\(path)' is invalid: \(reason)" }
}
