// Runs one configuration on tabular data: build and initialize the network, train it with the
// task's loss (over a regularization path for `l2:auto` and `l1:auto`), and score every split.

import Foundation
import WeightLab
import WeightLabCore

/// The outcome of one tabular run. The network contains the kept weights.
public struct TabularRunResult {
  public var configuration: RunConfiguration
  /// The regularizer spec the kept weights were trained with: the chosen grid point under `auto`.
  public var chosenRegularizer: String
  public var patience: Int?
  /// The balanced class weights the loss used, nil when classes were not weighted.
  public var classWeights: [Double]?
  /// The epochs of the kept training: the chosen strength's under `auto`.
  public var history: [EpochRecord]
  public var keptEpoch: Int
  public var stoppedEarly: Bool
  public var divergence: Divergence?
  /// Set when `TrainingObserver.shouldStop` stopped the kept training: the state to checkpoint
  /// and resume. The network then holds the weights after the last step.
  public var interruption: TrainingSnapshot? = nil
  public var train: TaskMetrics
  public var validation: TaskMetrics?
  public var test: TaskMetrics
  /// Every strength tried under `auto`, strongest first; nil for a fixed regularizer.
  public var regularizationPath: [RegularizationPathPoint]?
  public var network: Sequential
  public var warnings: [String]
  /// Wall-clock seconds of the whole run, the path included.
  public var seconds: Double
}

/// Builds, trains and scores tabular runs.
public enum TabularRunner {
  /// Trains `configuration` on `data`.
  ///
  /// - Parameters:
  ///   - patience: Early-stopping patience in epochs, or nil to train every epoch.
  ///   - balancedClassWeights: Whether a classifier weighs classes by `ClassWeights.balanced`.
  ///   - observer: The checkpoint and stop callbacks of the kept training: the fixed regularizer's,
  ///     or under `auto` the retraining of the chosen strength. Its `epochCompleted` is not called;
  ///     `epochCompleted` is.
  ///   - snapshot: A state of the kept training to continue from instead of starting at epoch 1.
  ///     Under `auto` the cross-validation runs again first, and chooses the same strength.
  ///   - epochCompleted: Called after each epoch with the regularizer spec being trained.
  /// - Throws: `SpecError` for an invalid spec, or for early stopping or `auto` without validation
  ///   rows; `TrainingSnapshotError` for a snapshot that does not fit the model.
  public static func run(
    _ configuration: RunConfiguration, data: TabularData, patience: Int?, balancedClassWeights: Bool,
    observer: TrainingObserver = TrainingObserver(), resumingFrom snapshot: TrainingSnapshot? = nil,
    epochCompleted: ((String, EpochRecord) -> Void)? = nil
  ) throws -> TabularRunResult {
    let start = ContinuousClock.now
    let automatic = AutomaticRegularization(spec: configuration.regularizer)
    var fixed = configuration
    if let automatic { fixed.regularizer = automatic.spec(strength: automatic.strengths[0]) }
    let resolved = try ExperimentRunner.resolve(fixed)
    let hasValidation = (data.validation?.count ?? 0) > 0
    if (patience != nil || automatic != nil) && !hasValidation {
      throw SpecError(
        spec: configuration.regularizer,
        reason: "early stopping and automatic regularization choose by validation loss, but the validation "
          + "split is empty; use a validation fraction above 0")
    }

    // The network, initialized from the seed (and calibrated on training rows for LSUV).
    let network = Sequential(
      inputFeatures: data.featureCount, hiddenWidths: configuration.hiddenWidths, outputs: data.outputCount,
      activation: configuration.activation, parametrization: configuration.parametrization)
    network.initialize(
      weight: resolved.initialization.weight, bias: resolved.initialization.bias, seed: configuration.seed)
    var warnings = resolved.warnings
    if let lsuv = resolved.initialization.weight as? LSUV {
      let labels =
        data.train.labels.isEmpty ? [Int32](repeating: 0, count: data.train.count) : data.train.labels
      let examples = Examples(features: data.train.features, labels: labels)
      let batch = LSUV.sampleBatch(from: examples, count: LSUV.batchRows, seed: configuration.seed)
      warnings += lsuv.calibrate(network, batch: batch).compactMap(\.warning)
    }

    let loss = data.loss(balancedClassWeights: balancedClassWeights)
    let initialWeights = network.parameters.map(\.value)
    let trainingConfiguration = TrainingConfiguration(
      epochs: configuration.epochs, batchSize: configuration.batchSize, seed: configuration.seed,
      evaluatesTrainingSet: false)
    func train(_ spec: String, regularization: Regularization) throws -> TrainingResult {
      let optimizer = try OptimizerCatalog.make(
        name: configuration.optimizer, learningRate: configuration.learningRate,
        momentum: configuration.momentum, weightDecay: configuration.weightDecay)
      let trainer = Trainer(
        model: network, optimizer: optimizer, regularization: regularization, loss: loss,
        configuration: trainingConfiguration, patience: patience)
      if let snapshot { try trainer.restore(snapshot) }
      var reporting = observer
      reporting.epochCompleted = { epochCompleted?(spec, $0) }
      return trainer.fit(train: data.train, validation: data.validation, test: nil, observer: reporting)
    }

    guard let automatic, let validation = data.validation else {
      let result = try train(configuration.regularizer, regularization: resolved.regularization)
      return makeResult(
        configuration, data: data, loss: loss, network: network, chosenRegularizer: configuration.regularizer,
        patience: patience, result: result, path: nil, warnings: warnings, start: start)
    }

    // Score each strength by k-fold cross-validation over the training and validation rows. Each
    // fold starts from the same initial weights and runs the path from strong to weak, each
    // strength starting from the weights the previous one ended with (the warm start). Early
    // stopping is off inside the folds so that every strength trains the same number of epochs.
    let pool = data.train.appending(validation)
    let folds = crossValidationFolds(of: pool, folds: automatic.folds, seed: configuration.seed)
    var foldLosses = [[Double]](repeating: [], count: automatic.strengths.count)
    var divergedFolds = [Int](repeating: 0, count: automatic.strengths.count)
    for heldOut in folds {
      let heldOutSet = Set(heldOut)
      let fitRows = (0..<pool.count).filter { !heldOutSet.contains($0) }
      let fit = pool.rows(fitRows)
      let scored = pool.rows(heldOut)
      for (parameter, value) in zip(network.parameters, initialWeights) { parameter.value = value }
      for (index, strength) in automatic.strengths.enumerated() {
        let spec = automatic.spec(strength: strength)
        let optimizer = try OptimizerCatalog.make(
          name: configuration.optimizer, learningRate: configuration.learningRate,
          momentum: configuration.momentum, weightDecay: configuration.weightDecay)
        let trainer = Trainer(
          model: network, optimizer: optimizer, regularization: try RegularizerCatalog.regularization(spec),
          loss: loss, configuration: trainingConfiguration, patience: nil)
        let result = trainer.fit(train: fit, validation: nil, test: nil)
        if result.divergence != nil {
          divergedFolds[index] += 1
          // The next strength warm-starts from these weights, so start it from the initial ones instead.
          for (parameter, value) in zip(network.parameters, initialWeights) { parameter.value = value }
        } else {
          foldLosses[index].append(trainer.evaluate(scored).loss)
        }
      }
    }

    var path = [RegularizationPathPoint]()
    var bestIndex = automatic.strengths.count - 1
    var bestLoss = Double.infinity
    for (index, strength) in automatic.strengths.enumerated() {
      let stats = Statistics.meanAndSampleStd(foldLosses[index])
      let mean = foldLosses[index].isEmpty ? Double.nan : stats.mean
      path.append(
        RegularizationPathPoint(
          strength: strength, validationLoss: mean, validationLossStd: stats.std,
          epochsTrained: configuration.epochs, divergedFolds: divergedFolds[index]))
      if divergedFolds[index] == 0 && mean < bestLoss {
        bestIndex = index
        bestLoss = mean
      }
    }

    // Retrain the chosen strength from the initial weights with the same epoch budget as a
    // fixed-strength run, on the training rows with the validation rows for early stopping.
    let chosenSpec = automatic.spec(strength: automatic.strengths[bestIndex])
    for (parameter, value) in zip(network.parameters, initialWeights) { parameter.value = value }
    let result = try train(chosenSpec, regularization: try RegularizerCatalog.regularization(chosenSpec))
    return makeResult(
      configuration, data: data, loss: loss, network: network, chosenRegularizer: chosenSpec,
      patience: patience,
      result: result, path: path, warnings: warnings, start: start)
  }

  private static func makeResult(
    _ configuration: RunConfiguration, data: TabularData, loss: Loss, network: Sequential,
    chosenRegularizer: String, patience: Int?, result: TrainingResult, path: [RegularizationPathPoint]?,
    warnings: [String], start: ContinuousClock.Instant
  ) -> TabularRunResult {
    let classWeights: [Double]? =
      if case .softmaxCrossEntropy(let weights?) = loss { weights.map(Double.init) } else { nil }
    return TabularRunResult(
      configuration: configuration, chosenRegularizer: chosenRegularizer, patience: patience,
      classWeights: classWeights, history: result.history, keptEpoch: result.keptEpoch,
      stoppedEarly: result.stoppedEarly, divergence: result.divergence, interruption: result.interruption,
      train: data.metrics(of: network, on: data.train),
      validation: data.validation.map { data.metrics(of: network, on: $0) },
      test: data.metrics(of: network, on: data.test),
      regularizationPath: path, network: network, warnings: warnings,
      seconds: (ContinuousClock.now - start).seconds)
  }
}
