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
  public var history: [TaskEpochRecord]
  public var keptEpoch: Int
  public var stoppedEarly: Bool
  public var divergence: Divergence?
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
  ///   - epochCompleted: Called after each epoch with the regularizer spec being trained.
  /// - Throws: `SpecError` for an invalid spec, or for early stopping or `auto` without validation rows.
  public static func run(
    _ configuration: RunConfiguration, data: TabularData, patience: Int?, balancedClassWeights: Bool,
    epochCompleted: ((String, TaskEpochRecord) -> Void)? = nil
  ) throws(SpecError) -> TabularRunResult {
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
      activation: configuration.activation)
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
    let specs = automatic.map { auto in auto.strengths.map(auto.spec) } ?? [configuration.regularizer]
    var path = [RegularizationPathPoint]()
    var best: (index: Int, loss: Double, weights: [Tensor], result: TaskTrainingResult)? = nil
    var last: (index: Int, loss: Double, weights: [Tensor], result: TaskTrainingResult)? = nil

    // Each strength starts from the weights the previous one kept: the warm start.
    for (index, spec) in specs.enumerated() {
      let regularization = index == 0 ? resolved.regularization : try RegularizerCatalog.regularization(spec)
      let optimizer = try OptimizerCatalog.make(
        name: configuration.optimizer, learningRate: configuration.learningRate,
        momentum: configuration.momentum, weightDecay: configuration.weightDecay)
      let trainer = TaskTrainer(
        model: network, optimizer: optimizer, regularization: regularization, loss: loss,
        configuration: TrainingConfiguration(
          epochs: configuration.epochs, batchSize: configuration.batchSize, seed: configuration.seed),
        patience: patience)
      let result = trainer.fit(train: data.train, validation: data.validation) { epochCompleted?(spec, $0) }
      last = (index, .nan, [], result)
      guard let automatic, let validation = data.validation else { break }

      let validationLoss = trainer.meanLoss(validation)
      path.append(
        RegularizationPathPoint(
          strength: automatic.strengths[index], validationLoss: validationLoss, keptEpoch: result.keptEpoch,
          epochsTrained: result.history.count, diverged: result.divergence != nil))
      if result.divergence == nil && (best == nil || validationLoss < best!.loss) {
        best = (index, validationLoss, network.parameters.map(\.value), result)
      }
    }

    // Under `auto`, go back to the weights of the best strength, or keep the last when all diverged.
    let chosen = best ?? last!
    if !chosen.weights.isEmpty {
      for (parameter, value) in zip(network.parameters, chosen.weights) { parameter.value = value }
    }
    let classWeights: [Double]? =
      if case .softmaxCrossEntropy(let weights?) = loss { weights.map(Double.init) } else { nil }
    return TabularRunResult(
      configuration: configuration, chosenRegularizer: specs[chosen.index], patience: patience,
      classWeights: classWeights, history: chosen.result.history, keptEpoch: chosen.result.keptEpoch,
      stoppedEarly: chosen.result.stoppedEarly, divergence: chosen.result.divergence,
      train: data.metrics(of: network, on: data.train),
      validation: data.validation.map { data.metrics(of: network, on: $0) },
      test: data.metrics(of: network, on: data.test),
      regularizationPath: automatic == nil ? nil : path, network: network, warnings: warnings,
      seconds: (ContinuousClock.now - start).seconds)
  }
}
