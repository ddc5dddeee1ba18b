// The SQL schema of the run store, version 2. docs/RUN-STORE.md documents every table and column;
// change both together and raise `RunStore.schemaVersion` with any change.

extension RunStore {
  /// The value of `PRAGMA user_version` in a store written by this code.
  public static let schemaVersion = 2

  static let schema = """
    CREATE TABLE invocations (
      id INTEGER PRIMARY KEY,
      command TEXT NOT NULL CHECK (command IN ('train', 'compare')),
      command_line TEXT NOT NULL,
      weightlab_version TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      run_keys TEXT NOT NULL
    );
    \(runsTable(named: "runs"))
    CREATE INDEX runs_by_key ON runs (run_key, status);
    CREATE TABLE epochs (
      run_id INTEGER NOT NULL REFERENCES runs (id),
      epoch INTEGER NOT NULL,
      train_loss REAL,
      penalty REAL,
      train_accuracy REAL,
      validation_loss REAL,
      validation_accuracy REAL,
      test_loss REAL,
      test_accuracy REAL,
      seconds REAL,
      training_seconds REAL,
      samples_per_second REAL,
      PRIMARY KEY (run_id, epoch)
    );
    CREATE TABLE layer_stats (
      run_id INTEGER NOT NULL REFERENCES runs (id),
      epoch INTEGER NOT NULL,
      layer INTEGER NOT NULL,
      name TEXT NOT NULL,
      activation TEXT NOT NULL,
      pre_activation_mean REAL,
      pre_activation_std REAL,
      activation_mean REAL,
      activation_std REAL,
      saturated_fraction REAL,
      dead_fraction REAL,
      kernel_gradient_norm REAL,
      kernel_norm REAL,
      kernel_sparsity REAL,
      PRIMARY KEY (run_id, epoch, layer)
    );
    """

  /// Converts a version 1 store, whose `runs.status` did not allow `interrupted`. SQLite cannot
  /// change a CHECK constraint in place, so the table is rebuilt: create, copy, drop, rename.
  static let migrationFromVersion1 = """
    \(runsTable(named: "runs_version2"))
    INSERT INTO runs_version2 SELECT * FROM runs;
    DROP TABLE runs;
    ALTER TABLE runs_version2 RENAME TO runs;
    CREATE INDEX runs_by_key ON runs (run_key, status);
    """

  /// The `CREATE TABLE` statement of the `runs` table under the name `name`.
  private static func runsTable(named name: String) -> String {
    """
    CREATE TABLE \(name) (
      id INTEGER PRIMARY KEY,
      invocation_id INTEGER NOT NULL REFERENCES invocations (id),
      run_key TEXT NOT NULL,
      initializer TEXT NOT NULL,
      regularizer TEXT NOT NULL,
      seed TEXT NOT NULL,
      configuration TEXT NOT NULL,
      command_line TEXT NOT NULL,
      weightlab_version TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'finished', 'diverged')),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      seconds REAL,
      summary TEXT,
      diagnostics TEXT
    );
    """
  }
}
