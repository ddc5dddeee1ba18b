// Reading runs back from the store: the latest completed run for a run key (what `--resume`
// reuses) and the runs of an invocation (what `weightlab report` draws).

import WeightLab

/// One `train` or `compare` command as the store recorded it.
public struct StoredInvocation: Sendable {
  public var id: Int64
  /// `train` or `compare`.
  public var command: String
  public var commandLine: String
  public var version: String
  public var startedAt: String
  public var finishedAt: String?
  /// The run keys of the command's grid, in the order it ran them.
  public var runKeys: [String]
}

/// One run read from the store.
public struct StoredRun: Sendable {
  public var id: Int64
  public var invocationID: Int64
  public var runKey: String
  public var configuration: StoredConfiguration
  /// A `weightlab train` command that reproduces this run alone.
  public var commandLine: String
  public var version: String
  /// `running` (never finished), `finished` or `diverged`.
  public var status: String
  public var startedAt: String
  public var seconds: Double?
  public var summary: RunSummary?
  public var history: [EpochMetrics]
  /// Nil while the run is `running`.
  public var diagnostics: RunDiagnostics?

  /// The run in the form a fresh run returns, for comparisons that mix stored and new runs.
  ///
  /// `divergence` stays nil because the trainer's `Divergence` has no public initializer; the
  /// diagnostics keep the divergence's epoch, step and layer.
  public func runResult() throws -> RunResult {
    guard let summary else {
      throw RunStoreError(description: "run \(id) in the store has not finished, so it has no summary")
    }
    let stored = configuration
    let parametrizationName = stored.parametrization ?? KernelParametrization.none.rawValue
    guard let parametrization = KernelParametrization(rawValue: parametrizationName) else {
      throw RunStoreError(
        description: "run \(id) in the store has the unknown parametrization '\(parametrizationName)'; "
          + "it was written by a newer weightlab")
    }
    let configuration = RunConfiguration(
      dataset: stored.dataset, hiddenWidths: stored.hiddenWidths,
      activation: try Activation(parsing: stored.activation), initializer: stored.initializer,
      biasInitializer: stored.biasInitializer, parametrization: parametrization,
      regularizer: stored.regularizer, optimizer: stored.optimizer,
      learningRate: stored.learningRate, momentum: stored.momentum, weightDecay: stored.weightDecay,
      batchSize: stored.batchSize,
      epochs: stored.epochs, seed: stored.seed, targetAccuracy: stored.targetAccuracy)
    return RunResult(
      configuration: configuration, history: history, summary: summary, divergence: nil, warnings: [],
      diagnostics: diagnostics)
  }
}

extension RunStore {
  private static let runColumns =
    "id, invocation_id, run_key, configuration, command_line, weightlab_version, status, started_at, seconds, "
    + "summary, diagnostics"

  /// Returns the most recent run with `runKey` whose status is `finished` or `diverged`.
  public func latestCompletedRun(runKey: String) throws -> StoredRun? {
    let statement = try database.prepare(
      "SELECT \(Self.runColumns) FROM runs WHERE run_key = ? AND status IN ('finished', 'diverged') "
        + "ORDER BY id DESC LIMIT 1")
    try statement.bind([.text(runKey)])
    guard try statement.step() else { return nil }
    return try readRun(statement)
  }

  /// Returns every run in insertion order, finished or not.
  public func allRuns() throws -> [StoredRun] {
    let statement = try database.prepare("SELECT \(Self.runColumns) FROM runs ORDER BY id")
    var runs: [StoredRun] = []
    while try statement.step() { runs.append(try readRun(statement)) }
    return runs
  }

  /// Returns every invocation, oldest first.
  public func invocations() throws -> [StoredInvocation] {
    let statement = try database.prepare(
      "SELECT id, command, command_line, weightlab_version, started_at, finished_at, run_keys "
        + "FROM invocations ORDER BY id")
    var result: [StoredInvocation] = []
    while try statement.step() {
      result.append(
        StoredInvocation(
          id: statement.int64(0), command: statement.text(1), commandLine: statement.text(2),
          version: statement.text(3), startedAt: statement.text(4), finishedAt: statement.optionalText(5),
          runKeys: try Self.decode([String].self, from: statement.text(6))))
    }
    return result
  }

  /// For each run key of `invocation`, in its order, the latest completed run with that key, which
  /// a resumed invocation may have taken from an earlier one. Keys without one are left out.
  public func completedRuns(of invocation: StoredInvocation) throws -> [StoredRun] {
    try invocation.runKeys.compactMap { try latestCompletedRun(runKey: $0) }
  }

  private func readRun(_ statement: SQLiteStatement) throws -> StoredRun {
    let id = statement.int64(0)
    let configuration = try Self.decode(StoredConfiguration.self, from: statement.text(3))
    let summary = try statement.optionalText(9).map { try Self.decode(RunSummary.self, from: $0) }
    let runDiagnostics = try statement.optionalText(10).map {
      try Self.decode(StoredRunDiagnostics.self, from: $0)
    }
    let diagnostics = try runDiagnostics.map { stored in
      RunDiagnostics(
        epochs: try layerStatistics(run: id), stability: stored.stability, divergence: stored.divergence,
        weightHistogram: stored.weightHistogram, probeRows: stored.probeRows)
    }
    return StoredRun(
      id: id, invocationID: statement.int64(1), runKey: statement.text(2), configuration: configuration,
      commandLine: statement.text(4), version: statement.text(5), status: statement.text(6),
      startedAt: statement.text(7), seconds: statement.optionalDouble(8), summary: summary,
      history: try epochs(run: id), diagnostics: diagnostics)
  }

  /// Returns the stored epochs of a run, in order.
  public func epochs(run: Int64) throws -> [EpochMetrics] {
    let statement = try database.prepare(
      "SELECT epoch, train_loss, penalty, train_accuracy, validation_loss, validation_accuracy, test_loss, "
        + "test_accuracy, seconds, training_seconds, samples_per_second FROM epochs WHERE run_id = ? ORDER BY epoch"
    )
    try statement.bind([.integer(run)])
    var result: [EpochMetrics] = []
    while try statement.step() {
      result.append(
        EpochMetrics(
          epoch: Int(statement.int64(0)), trainLoss: statement.double(1), penalty: statement.double(2),
          trainAccuracy: statement.double(3), validationLoss: statement.optionalDouble(4),
          validationAccuracy: statement.optionalDouble(5), testLoss: statement.optionalDouble(6),
          testAccuracy: statement.optionalDouble(7), seconds: statement.double(8),
          trainingSeconds: statement.double(9), samplesPerSecond: statement.double(10)))
    }
    return result
  }

  /// Returns the stored per-layer statistics of a run, grouped by epoch (0 is the initialization).
  public func layerStatistics(run: Int64) throws -> [EpochDiagnostics] {
    let statement = try database.prepare(
      "SELECT epoch, layer, name, activation, pre_activation_mean, pre_activation_std, activation_mean, "
        + "activation_std, saturated_fraction, dead_fraction, kernel_gradient_norm, kernel_norm, kernel_sparsity "
        + "FROM layer_stats WHERE run_id = ? ORDER BY epoch, layer")
    try statement.bind([.integer(run)])
    var result: [EpochDiagnostics] = []
    while try statement.step() {
      let epoch = Int(statement.int64(0))
      let layer = LayerStatistics(
        layer: Int(statement.int64(1)), name: statement.text(2), activation: statement.text(3),
        preActivationMean: statement.double(4), preActivationStd: statement.double(5),
        activationMean: statement.double(6), activationStd: statement.double(7),
        saturatedFraction: statement.optionalDouble(8), deadFraction: statement.optionalDouble(9),
        kernelGradientNorm: statement.double(10), kernelNorm: statement.double(11),
        kernelSparsity: statement.double(12))
      if result.last?.epoch == epoch {
        result[result.count - 1].layers.append(layer)
      } else {
        result.append(EpochDiagnostics(epoch: epoch, layers: [layer]))
      }
    }
    return result
  }
}
