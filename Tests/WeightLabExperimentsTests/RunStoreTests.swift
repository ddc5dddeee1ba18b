// The run store: schema version, a full round trip of a trained run, and cleanup of runs that
// an interruption left unfinished.

import Foundation
import Testing
import WeightLab

@testable import WeightLabExperiments

/// Creates a fresh folder under the temporary directory, removed by the caller.
func temporaryFolder() throws -> String {
  let path = FileManager.default.temporaryDirectory.appendingPathComponent(
    "weightlab-store-\(UUID().uuidString)"
  ).path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

/// Trains `configuration` on synthetic data and stores it the way the command line does.
func trainAndStore(_ configuration: RunConfiguration, store: RunStore, invocation: Int64) throws -> (
  Int64, RunResult
) {
  let data = syntheticPreparedData()
  let stored = StoredConfiguration(configuration, data: DataRequest(name: "synthetic"))
  let runID = try store.beginRun(
    invocation: invocation, configuration: stored, commandLine: "weightlab train", version: "test")
  var failure: (any Error)?
  let result = try ExperimentRunner.run(configuration, data: data, probeRows: 32) { diagnostics, record in
    do {
      try store.recordEpoch(run: runID, diagnostics: diagnostics, metrics: record.map(EpochMetrics.init))
    } catch {
      failure = error
    }
  }
  if let failure { throw failure }
  try store.finishRun(runID, summary: result.summary, diagnostics: result.diagnostics, seconds: 1.5)
  return (runID, result)
}

func smallConfiguration(initializer: String = "he-normal", regularizer: String = "none", seed: UInt64 = 0)
  -> RunConfiguration
{
  RunConfiguration(
    dataset: "synthetic", hiddenWidths: [8, 8], activation: .relu, initializer: initializer,
    regularizer: regularizer, batchSize: 32, epochs: 3, seed: seed, targetAccuracy: 0.5)
}

@Suite("Run store")
struct RunStoreTests {
  @Test("New store has schema version 2")
  func schemaVersion() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }

    _ = try RunStore(directory: folder)
    let database = try SQLiteDatabase(path: folder + "/runs.sqlite", readOnly: true)

    #expect(try database.userVersion() == RunStore.schemaVersion)
    #expect(RunStore.schemaVersion == 2)
  }

  @Test("Version 1 store is converted")
  func versionOneMigration() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/runs.sqlite"
    let versionOne = try SQLiteDatabase(path: path, readOnly: false)
    try versionOne.execute(
      RunStore.schema.replacingOccurrences(of: "'running', 'interrupted',", with: "'running',"))
    try versionOne.execute(
      "INSERT INTO invocations VALUES (1, 'train', 'weightlab train', '0.1.0', 'now', NULL, '[]'); "
        + "INSERT INTO runs (id, invocation_id, run_key, initializer, regularizer, seed, configuration, "
        + "command_line, weightlab_version, status, started_at) VALUES (1, 1, 'key', 'zeros', 'none', '0', '{}', "
        + "'weightlab train', '0.1.0', 'running', 'now'); PRAGMA user_version = 1")

    let store = try RunStore(path: path)
    try store.markInterrupted(1)

    let check = try SQLiteDatabase(path: path, readOnly: true)
    #expect(try check.userVersion() == 2)
    let status = try check.prepare("SELECT status FROM runs WHERE id = 1")
    #expect(try status.step())
    #expect(status.text(0) == "interrupted")
  }

  @Test("Store with another schema version is rejected")
  func otherSchemaVersion() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let path = folder + "/runs.sqlite"
    try SQLiteDatabase(path: path, readOnly: false).execute("PRAGMA user_version = 7")

    #expect(throws: RunStoreError.self) { try RunStore(path: path) }
  }

  @Test("Trained run round-trips")
  func roundTrip() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try RunStore(directory: folder)
    let invocation = try store.beginInvocation(
      command: "train", commandLine: "weightlab train", version: "test", runKeys: [])

    let (runID, result) = try trainAndStore(smallConfiguration(), store: store, invocation: invocation)
    let stored = try #require(try store.allRuns().first)

    #expect(stored.id == runID)
    #expect(stored.status == "finished")
    #expect(stored.summary == result.summary)
    #expect(stored.history == result.history)
    #expect(stored.diagnostics == result.diagnostics)
    #expect(stored.diagnostics?.epochs.map(\.epoch) == [0, 1, 2, 3])
    #expect(stored.diagnostics?.epochs.first?.layers.count == 3)
    #expect(stored.seconds == 1.5)
    #expect(stored.configuration.seed == 0)
  }

  @Test("Unfinished runs are deleted, finished kept")
  func unfinishedRunsDeleted() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let store = try RunStore(directory: folder)
    let invocation = try store.beginInvocation(
      command: "compare", commandLine: "weightlab compare", version: "test", runKeys: [])
    let configuration = StoredConfiguration(smallConfiguration(), data: DataRequest(name: "synthetic"))
    _ = try trainAndStore(smallConfiguration(), store: store, invocation: invocation)
    // An interrupted run: started, one epoch committed, never finished.
    let interrupted = try store.beginRun(
      invocation: invocation, configuration: configuration, commandLine: "x", version: "test")
    try store.recordEpoch(run: interrupted, diagnostics: EpochDiagnostics(epoch: 0, layers: []), metrics: nil)

    #expect(try store.allRuns().count == 2)
    try store.deleteUnfinishedRuns(runKey: configuration.runKey)

    let remaining = try store.allRuns()
    #expect(remaining.map(\.status) == ["finished"])
    #expect(try store.latestCompletedRun(runKey: configuration.runKey)?.id == remaining[0].id)
    #expect(try store.epochs(run: interrupted).isEmpty)
  }

  @Test("Run key changes with any setting")
  func runKeys() {
    let request = DataRequest(name: "synthetic")
    let base = StoredConfiguration(smallConfiguration(), data: request)

    #expect(base.runKey == StoredConfiguration(smallConfiguration(), data: request).runKey)
    #expect(base.runKey != StoredConfiguration(smallConfiguration(seed: 1), data: request).runKey)
    #expect(
      base.runKey != StoredConfiguration(smallConfiguration(regularizer: "l2:1e-4"), data: request).runKey)
    #expect(
      base.runKey
        != StoredConfiguration(smallConfiguration(), data: DataRequest(name: "synthetic", limit: 10)).runKey)
  }
}
