// Runs one configuration end to end: build the model, initialize it from the seed, train, and
// summarize. Specs are validated before any data is loaded, so a typo fails fast.

import WeightLab
import WeightLabCore

/// The outcome of one run.
public struct RunResult: Sendable {
  public var configuration: RunConfiguration
  public var history: [EpochMetrics]
  public var summary: RunSummary
  public var divergence: Divergence?
  public var warnings: [String]
  /// Per-layer statistics, loss stability and the final weight histogram; nil only for results
  /// built without training, such as in tests.
  public var diagnostics: RunDiagnostics? = nil
  /// Set when `TrainingObserver.shouldStop` stopped the run: the state to checkpoint and resume.
  public var interruption: TrainingSnapshot? = nil
}

/// The parsed form of a configuration's specs.
public struct ResolvedRun: Sendable {
  public var initialization: ParameterInitialization
  public var regularization: Regularization
  /// Warnings to show before training, such as an initializer that cannot break symmetry.
  public var warnings: [String]
}

/// Builds, trains and summarizes runs.
public enum ExperimentRunner {
  /// Parses every spec of `configuration`, throwing a `SpecError` that lists the valid names.
  public static func resolve(_ configuration: RunConfiguration) throws(SpecError) -> ResolvedRun {
    var initialization = try InitializerCatalog.make(
      try Spec(parsing: configuration.initializer), activation: configuration.activation)
    if let biasSpec = configuration.biasInitializer {
      let name = try Spec(parsing: biasSpec).name
      // These schemes are defined for matrices: a bias vector has no rows or columns to orthogonalize.
      guard !["orthogonal", "identity", "sparse"].contains(name) else {
        throw SpecError(
          spec: biasSpec,
          reason:
            "'\(name)' needs a matrix and cannot initialize a bias vector; use zeros, constant, uniform, "
            + "normal, truncated-normal or torch-default")
      }
      initialization.bias = try InitializerCatalog.makeBias(
        try Spec(parsing: biasSpec), activation: configuration.activation)
    }
    let regularization = try RegularizerCatalog.regularization(configuration.regularizer)
    try regularization.checkLearningRate(configuration.learningRate)
    _ = try OptimizerCatalog.make(
      name: configuration.optimizer, learningRate: configuration.learningRate,
      momentum: configuration.momentum, weightDecay: configuration.weightDecay)
    var warnings: [String] = []
    if !initialization.weight.breaksSymmetry && !configuration.hiddenWidths.isEmpty {
      warnings.append(
        "'\(configuration.initializer)' gives every hidden unit the same incoming weights, so every unit "
          + "receives the same gradient and they stay identical: the symmetry between units is never broken "
          + "and accuracy will stay near chance. Use a random initializer such as he-normal or xavier-uniform."
      )
    }
    return ResolvedRun(initialization: initialization, regularization: regularization, warnings: warnings)
  }

  /// Trains `configuration` on `data` and records its diagnostics.
  ///
  /// - Parameters:
  ///   - observer: Progress callbacks, called before the diagnostics of each epoch are measured.
  ///   - probeRows: The rows of the fixed probe batch that the per-layer statistics use.
  ///   - epochRecorded: Called with the per-layer statistics at initialization (with a nil
  ///     record) and after each epoch (with its record), for example to store each epoch as it ends.
  ///   - snapshot: A state to continue from instead of starting at epoch 1. The initialization
  ///     statistics are then not recorded again, and `diagnostics.epochs` lists only the epochs
  ///     trained by this call.
  /// - Throws: `SpecError` for an invalid spec, `TrainingSnapshotError` for a snapshot that does
  ///   not fit the model.
  public static func run(
    _ configuration: RunConfiguration, data: PreparedData, observer: TrainingObserver = TrainingObserver(),
    probeRows: Int = RunDiagnostics.defaultProbeRows, resumingFrom snapshot: TrainingSnapshot? = nil,
    epochRecorded: ((EpochDiagnostics, EpochRecord?) -> Void)? = nil
  ) throws -> RunResult {
    let resolved = try resolve(configuration)
    let model = Sequential(
      inputFeatures: data.featureCount, hiddenWidths: configuration.hiddenWidths, outputs: data.classCount,
      activation: configuration.activation, parametrization: configuration.parametrization)
    model.initialize(
      weight: resolved.initialization.weight, bias: resolved.initialization.bias, seed: configuration.seed)
    var warnings = resolved.warnings
    if let lsuv = resolved.initialization.weight as? LSUV {
      let batch = LSUV.sampleBatch(from: data.train, count: LSUV.batchRows, seed: configuration.seed)
      warnings += lsuv.calibrate(model, batch: batch).compactMap(\.warning)
    }
    let optimizer = try OptimizerCatalog.make(
      name: configuration.optimizer, learningRate: configuration.learningRate,
      momentum: configuration.momentum, weightDecay: configuration.weightDecay)
    let trainer = Trainer(
      model: model, optimizer: optimizer, regularization: resolved.regularization,
      configuration: TrainingConfiguration(
        epochs: configuration.epochs, batchSize: configuration.batchSize, seed: configuration.seed))

    if let snapshot { try trainer.restore(snapshot) }

    let recorder = DiagnosticsRecorder(model: model, data: data, probeRows: probeRows)
    if snapshot == nil { epochRecorded?(recorder.record(epoch: 0), nil) }
    var recordingObserver = observer
    recordingObserver.epochCompleted = { record in
      observer.epochCompleted?(record)
      epochRecorded?(recorder.record(epoch: record.epoch), record)
    }
    let result = trainer.fit(
      train: data.train, validation: data.validation, test: data.test, observer: recordingObserver)

    let history = result.history.map(EpochMetrics.init)
    let summary = RunSummary(
      history: history, model: model, targetAccuracy: configuration.targetAccuracy,
      diverged: result.divergence != nil)
    let diagnostics = RunDiagnostics(
      epochs: recorder.epochs, stability: LossStability(trainLosses: result.history.map(\.trainLoss)),
      divergence: result.divergence.map(DivergenceLocation.init),
      weightHistogram: WeightHistogram(kernelsOf: model),
      probeRows: recorder.probeRows)
    return RunResult(
      configuration: configuration, history: history, summary: summary, divergence: result.divergence,
      warnings: warnings, diagnostics: diagnostics, interruption: result.interruption)
  }
}
