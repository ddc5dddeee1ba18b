// The SQLite run store: every `train` and `compare` run with its configuration, per-epoch metrics,
// per-layer statistics, summary and timings, committed epoch by epoch so an interrupted
// comparison keeps what finished. docs/RUN-STORE.md describes the schema.

import Foundation

/// A failure to use a run store that is not a plain SQLite error.
public struct RunStoreError: Error, CustomStringConvertible {
  public var description: String
}

/// A SQLite file of runs. One instance per process; WAL mode lets a reader (`weightlab report`)
/// open the file while a `compare` writes to it.
public final class RunStore {
  /// The file name inside an output folder.
  public static let fileName = "runs.sqlite"

  let database: SQLiteDatabase
  public var path: String { database.path }

  /// Opens the store at `path`, creating the file and its schema when absent.
  ///
  /// - Throws: `RunStoreError` when the file has a different schema version, and
  ///   `SQLiteError` when SQLite cannot open or write it.
  public init(path: String, readOnly: Bool = false) throws {
    if readOnly, !FileManager.default.fileExists(atPath: path) {
      throw RunStoreError(
        description: "run store '\(path)' not found; run 'weightlab compare' or 'weightlab train' first, "
          + "or pass the folder that contains \(Self.fileName) with --out")
    }
    database = try SQLiteDatabase(path: path, readOnly: readOnly)
    if !readOnly {
      // Switching a new file to WAL needs an exclusive lock, and SQLite can report SQLITE_BUSY for
      // it without waiting on the busy timeout while another process opens the same new file.
      try Self.retryingWhileBusy { try database.execute("PRAGMA journal_mode = WAL") }
      // The version is read again inside the write transaction: two processes that open a new
      // file at once both see version 0 outside it, but only the first creates the schema.
      try Self.retryingWhileBusy {
        try database.transaction {
          let version = try database.userVersion()
          if version == 0 {
            try database.execute(Self.schema)
            try database.execute("PRAGMA user_version = \(Self.schemaVersion)")
          } else if version == 1 {
            try database.execute(Self.migrationFromVersion1)
            try database.execute("PRAGMA user_version = \(Self.schemaVersion)")
          }
        }
      }
    }
    let version = try database.userVersion()
    // Version 1 differs only in the statuses it allows, so a reader can use it as it is.
    let readable = readOnly ? [1, Self.schemaVersion] : [Self.schemaVersion]
    guard readable.contains(version) else {
      throw RunStoreError(
        description:
          "run store '\(path)' has schema version \(version), but this weightlab (\(Self.schemaVersion)) "
          + "reads only version \(Self.schemaVersion); write to a new --out folder")
    }
  }

  /// Runs `body` again, every 50 ms for up to 10 s, while it fails with `SQLITE_BUSY` (5) or
  /// `SQLITE_LOCKED` (6).
  static func retryingWhileBusy(_ body: () throws -> Void) throws {
    var attempts = 0
    while true {
      do {
        try body()
        return
      } catch let error as SQLiteError where (error.code == 5 || error.code == 6) && attempts < 200 {
        attempts += 1
        usleep(50_000)
      }
    }
  }

  /// Opens or creates `runs.sqlite` in `directory`, creating the folder when needed.
  public convenience init(directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try self.init(path: (directory as NSString).appendingPathComponent(Self.fileName))
  }

  // MARK: - Writing

  /// Records the start of a `train` or `compare` command and returns its id.
  public func beginInvocation(command: String, commandLine: String, version: String, runKeys: [String]) throws
    -> Int64
  {
    let statement = try database.prepare(
      "INSERT INTO invocations (command, command_line, weightlab_version, started_at, run_keys) "
        + "VALUES (?, ?, ?, ?, ?)")
    try statement.run([
      .text(command), .text(commandLine), .text(version), .text(Self.timestamp()),
      .text(try Self.json(runKeys)),
    ])
    return database.lastInsertedRowID
  }

  public func finishInvocation(_ id: Int64) throws {
    try database.prepare("UPDATE invocations SET finished_at = ? WHERE id = ?")
      .run([.text(Self.timestamp()), .integer(id)])
  }

  /// Inserts a run with status `running` and returns its id.
  public func beginRun(
    invocation: Int64, configuration: StoredConfiguration, commandLine: String, version: String
  ) throws -> Int64 {
    let statement = try database.prepare(
      "INSERT INTO runs (invocation_id, run_key, initializer, regularizer, seed, configuration, command_line, "
        + "weightlab_version, status, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?)")
    try statement.run([
      .integer(invocation), .text(configuration.runKey), .text(configuration.initializer),
      .text(configuration.regularizer), .text(String(configuration.seed)),
      .text(try Self.json(configuration)),
      .text(commandLine), .text(version), .text(Self.timestamp()),
    ])
    return database.lastInsertedRowID
  }

  /// Writes one epoch's metrics (none for epoch 0, the initialization) and per-layer statistics
  /// in one transaction, so a crash leaves either the whole epoch or none of it.
  public func recordEpoch(run: Int64, diagnostics: EpochDiagnostics, metrics: EpochMetrics?) throws {
    try database.transaction {
      if let metrics {
        try database.prepare(
          "INSERT OR REPLACE INTO epochs (run_id, epoch, train_loss, penalty, train_accuracy, validation_loss, "
            + "validation_accuracy, test_loss, test_accuracy, seconds, training_seconds, samples_per_second) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ).run([
          .integer(run), .integer(Int64(metrics.epoch)), .real(metrics.trainLoss), .real(metrics.penalty),
          .real(metrics.trainAccuracy), metrics.validationLoss.map(SQLiteValue.real),
          metrics.validationAccuracy.map(SQLiteValue.real), metrics.testLoss.map(SQLiteValue.real),
          metrics.testAccuracy.map(SQLiteValue.real), .real(metrics.seconds), .real(metrics.trainingSeconds),
          .real(metrics.samplesPerSecond),
        ])
      }
      let layerInsert = try database.prepare(
        "INSERT OR REPLACE INTO layer_stats (run_id, epoch, layer, name, activation, pre_activation_mean, "
          + "pre_activation_std, activation_mean, activation_std, saturated_fraction, dead_fraction, "
          + "kernel_gradient_norm, kernel_norm, kernel_sparsity) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      )
      for layer in diagnostics.layers {
        try layerInsert.run([
          .integer(run), .integer(Int64(diagnostics.epoch)), .integer(Int64(layer.layer)), .text(layer.name),
          .text(layer.activation), .real(layer.preActivationMean), .real(layer.preActivationStd),
          .real(layer.activationMean), .real(layer.activationStd),
          layer.saturatedFraction.map(SQLiteValue.real),
          layer.deadFraction.map(SQLiteValue.real), .real(layer.kernelGradientNorm), .real(layer.kernelNorm),
          .real(layer.kernelSparsity),
        ])
      }
    }
  }

  /// Marks a run `finished` or `diverged` and stores its summary and diagnostics.
  public func finishRun(_ id: Int64, summary: RunSummary, diagnostics: RunDiagnostics?, seconds: Double)
    throws
  {
    let runDiagnostics = diagnostics.map { StoredRunDiagnostics($0) }
    try database.prepare(
      "UPDATE runs SET status = ?, finished_at = ?, seconds = ?, summary = ?, diagnostics = ? WHERE id = ?"
    ).run([
      .text(summary.diverged ? "diverged" : "finished"), .text(Self.timestamp()), .real(seconds),
      .text(try Self.json(summary)), try runDiagnostics.map { .text(try Self.json($0)) }, .integer(id),
    ])
  }

  /// Deletes the runs with `runKey` that never finished (status `running` or `interrupted`),
  /// with their epochs and layer statistics, except the run `kept`. A resumed comparison calls
  /// it before training the run again, keeping the run that its checkpoint continues.
  public func deleteUnfinishedRuns(runKey: String, keeping kept: Int64? = nil) throws {
    let selection =
      "SELECT id FROM runs WHERE run_key = ? AND status IN ('running', 'interrupted') AND id != ?"
    try database.transaction {
      for table in ["layer_stats", "epochs"] {
        try database.prepare("DELETE FROM \(table) WHERE run_id IN (\(selection))")
          .run([.text(runKey), .integer(kept ?? -1)])
      }
      try database.prepare("DELETE FROM runs WHERE id IN (\(selection))").run([
        .text(runKey), .integer(kept ?? -1),
      ])
    }
  }

  // MARK: - Encoding helpers

  /// JSON for stored columns. Non-finite numbers become the strings "nan", "inf" and "-inf",
  /// because JSON has no literal for them.
  static func json<Value: Encodable>(_ value: Value) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }

  static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(type, from: Data(text.utf8))
  }

  /// Formats the current time in ISO 8601, UTC, to the second.
  static func timestamp() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: Date())
  }
}

/// The run-level part of `RunDiagnostics` stored in `runs.diagnostics`; the per-epoch layer
/// statistics live in the `layer_stats` table instead.
struct StoredRunDiagnostics: Codable {
  var stability: LossStability
  var divergence: DivergenceLocation?
  var weightHistogram: WeightHistogram
  var probeRows: Int

  init(_ diagnostics: RunDiagnostics) {
    stability = diagnostics.stability
    divergence = diagnostics.divergence
    weightHistogram = diagnostics.weightHistogram
    probeRows = diagnostics.probeRows
  }
}
