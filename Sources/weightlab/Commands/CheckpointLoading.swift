// Finding the checkpoint that `train --resume` and `compare --resume` continue from, and
// checking that it belongs to the requested configuration.

import Foundation
import WeightLabExperiments

/// The settings that a resumed `train` may change: they alter no step of the epochs already trained.
private let settingsAllowedToChange: Set<String> = ["epochs", "targetAccuracy"]

/// Reads the checkpoint of `train` in `directory` and checks it against `configuration`.
///
/// A missing or unreadable checkpoint is a warning, and the run starts at epoch 1, because a kill
/// can leave no checkpoint behind.
///
/// - Throws: `RuntimeError` naming every setting that differs from the checkpoint's, or when the
///   checkpoint has trained more epochs than `--epochs` requests.
func trainCheckpoint(in directory: String, for configuration: StoredConfiguration) throws -> RunCheckpoint? {
  let checkpoint: RunCheckpoint
  do {
    guard let found = try RunCheckpoint.read(from: directory) else {
      Terminal.writeLine("warning: no checkpoint in \(directory); training starts at epoch 1")
      return nil
    }
    checkpoint = found
  } catch {
    Terminal.writeLine("warning: ignoring the checkpoint, training starts at epoch 1: \(error)")
    return nil
  }

  let differences = settingDifferences(checkpoint.configuration, configuration)
    .filter { !settingsAllowedToChange.contains($0.name) }
  guard differences.isEmpty else {
    let list = differences.map { "\($0.name) is \($0.checkpoint) in the checkpoint but \($0.requested) now" }
    throw RuntimeError(
      "the checkpoint in \(directory) belongs to another configuration: "
        + list.joined(separator: "; ")
        + ". Repeat the original settings with --resume, or train without --resume to start over.")
  }
  let finishedEpochs = checkpoint.snapshot.history.count
  guard finishedEpochs <= configuration.epochs else {
    throw RuntimeError(
      "the checkpoint in \(directory) has trained \(finishedEpochs) epochs, more than --epochs "
        + "\(configuration.epochs). Give --epochs \(finishedEpochs) or more.")
  }
  return checkpoint
}

/// Reads the checkpoint of a `compare` run, or returns nil with a warning when it is unreadable
/// or belongs to another configuration, so that the run restarts at epoch 1.
func compareCheckpoint(in directory: String, for configuration: StoredConfiguration) -> RunCheckpoint? {
  do {
    guard let checkpoint = try RunCheckpoint.read(from: directory) else { return nil }
    guard checkpoint.configuration == configuration else {
      Terminal.writeLine(
        "warning: ignoring the checkpoint in \(directory), which belongs to another configuration; the run "
          + "restarts at epoch 1")
      return nil
    }
    return checkpoint
  } catch {
    Terminal.writeLine("warning: ignoring the checkpoint, the run restarts at epoch 1: \(error)")
    return nil
  }
}

/// Lists the settings whose JSON values differ between two configurations, by field name.
///
/// Comparing the JSON objects covers every stored setting, including ones added later.
private func settingDifferences(_ checkpoint: StoredConfiguration, _ requested: StoredConfiguration)
  -> [(name: String, checkpoint: String, requested: String)]
{
  func fields(_ configuration: StoredConfiguration) -> [String: String] {
    let object =
      (try? JSONSerialization.jsonObject(with: Data(configuration.runKey.utf8))) as? [String: Any] ?? [:]
    return object.mapValues { value in
      let data = try? JSONSerialization.data(
        withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys])
      return data.map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }
  }
  let old = fields(checkpoint)
  let new = fields(requested)
  return Set(old.keys).union(new.keys).sorted().compactMap { name in
    let before = old[name] ?? "unset"
    let after = new[name] ?? "unset"
    return before == after ? nil : (name, before, after)
  }
}
