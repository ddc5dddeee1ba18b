// Store operations for interrupted runs: marking a run interrupted when a signal stops it, and
// reopening it when its checkpoint resumes it.

extension RunStore {
  /// Sets the status of the run `id` to `interrupted`, if it is still `running`.
  public func markInterrupted(_ id: Int64) throws {
    try database.prepare("UPDATE runs SET status = 'interrupted' WHERE id = ? AND status = 'running'")
      .run([.integer(id)])
  }

  /// Prepares the run `id` to continue from a checkpoint taken after `epoch` finished epochs.
  ///
  /// In one transaction, the run moves to `invocation`, takes the new configuration and command
  /// line, and returns to status `running`. Its epochs and layer statistics after `epoch` are
  /// deleted, because a kill between the store's commit and the checkpoint's rename leaves them.
  ///
  /// - Returns: false when the store has no run `id`, for example after the store was deleted.
  public func reopenRun(
    _ id: Int64, invocation: Int64, configuration: StoredConfiguration, commandLine: String,
    throughEpoch epoch: Int
  ) throws -> Bool {
    try database.transaction {
      let exists = try database.prepare("SELECT 1 FROM runs WHERE id = ?")
      try exists.bind([.integer(id)])
      guard try exists.step() else { return false }

      for table in ["layer_stats", "epochs"] {
        try database.prepare("DELETE FROM \(table) WHERE run_id = ? AND epoch > ?")
          .run([.integer(id), .integer(Int64(epoch))])
      }
      try database.prepare(
        "UPDATE runs SET invocation_id = ?, run_key = ?, configuration = ?, command_line = ?, "
          + "status = 'running', finished_at = NULL, seconds = NULL, summary = NULL, diagnostics = NULL "
          + "WHERE id = ?"
      ).run([
        .integer(invocation), .text(configuration.runKey), .text(try Self.json(configuration)),
        .text(commandLine), .integer(id),
      ])
      return true
    }
  }

  /// Returns the run `id`, or nil when the store has none.
  public func run(id: Int64) throws -> StoredRun? {
    try allRuns().first { $0.id == id }
  }
}
