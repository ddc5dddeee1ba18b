// The configuration of a run as the run store keeps it, and the run key derived from it: the
// canonical text that tells `compare --resume` whether a run has already finished.

import Foundation
import WeightLab

/// Everything a run's result depends on, data selection included, with plain-text specs.
public struct StoredConfiguration: Sendable, Codable, Equatable {
  public var dataset: String
  /// The `--limit` of the data request, or nil for the whole dataset.
  public var dataLimit: Int?
  public var validationFraction: Double
  public var splitSeed: UInt64
  public var hiddenWidths: [Int]
  public var activation: String
  public var initializer: String
  public var biasInitializer: String?
  /// The kernel parametrization, such as `weight-norm`; nil for `none`, so that runs stored before
  /// the option existed keep their run keys.
  public var parametrization: String?
  public var regularizer: String
  public var optimizer: String
  public var learningRate: Double
  public var momentum: Double
  /// The decoupled weight decay of `adamw`; nil for its default.
  public var weightDecay: Double?
  public var batchSize: Int
  public var epochs: Int
  public var seed: UInt64
  public var targetAccuracy: Double
  /// The settings of a run on tabular data; nil for image data, so that image runs keep their
  /// run keys.
  public var tabular: StoredTabularSettings? = nil

  public init(_ configuration: RunConfiguration, data: DataRequest) {
    dataset = configuration.dataset
    dataLimit = data.limit
    validationFraction = data.validationFraction
    splitSeed = data.splitSeed
    hiddenWidths = configuration.hiddenWidths
    activation = configuration.activation.description
    initializer = configuration.initializer
    biasInitializer = configuration.biasInitializer
    parametrization = configuration.parametrization == .none ? nil : configuration.parametrization.rawValue
    regularizer = configuration.regularizer
    optimizer = configuration.optimizer
    learningRate = configuration.learningRate
    momentum = configuration.momentum
    weightDecay = configuration.weightDecay
    batchSize = configuration.batchSize
    epochs = configuration.epochs
    seed = configuration.seed
    targetAccuracy = configuration.targetAccuracy
  }

  /// The configuration as compact JSON with sorted keys. Two configurations get the same key
  /// exactly when every field is equal, so it identifies a run across invocations.
  ///
  /// The key is independent of `--threads`, `--format` and `--out`, which do not change results.
  public var runKey: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Every field is finite or a string, so encoding cannot fail.
    let data = try! encoder.encode(self)
    return String(decoding: data, as: UTF8.self)
  }
}

/// The settings that only a tabular run has, each one changing its result.
public struct StoredTabularSettings: Sendable, Codable, Equatable {
  /// The target column of a CSV file; nil for a dataset with a fixed target, such as Khan.
  public var target: String?
  /// The task given with `--task`; nil when it is inferred from the target column.
  public var task: String?
  public var testFraction: Double
  public var patience: Int?
  public var balancedClassWeights: Bool

  public init(
    target: String?, task: String?, testFraction: Double, patience: Int?, balancedClassWeights: Bool
  ) {
    self.target = target
    self.task = task
    self.testFraction = testFraction
    self.patience = patience
    self.balancedClassWeights = balancedClassWeights
  }
}
