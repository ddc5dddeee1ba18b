// The JSON documents of tabular `train` and `compare`: configuration, epochs, metrics per split,
// the regularization path under `auto`, and for comparisons the mean test metrics per group.

import Foundation
import WeightLab

/// Codable views of tabular results for `--format json`.
public enum TabularJSON {
  public struct Epoch: Codable, Equatable {
    public var epoch: Int
    public var trainLoss: Double
    public var penalty: Double
    public var validationLoss: Double?
    public var seconds: Double
    public var samplesPerSecond: Double
  }

  public struct Run: Codable {
    public var data: String
    public var task: String
    public var initializer: String
    public var regularizer: String
    /// The regularizer the kept weights were trained with, the chosen strength under `auto`.
    public var chosenRegularizer: String
    public var seed: UInt64
    public var hiddenWidths: [Int]
    public var activation: String
    public var optimizer: String
    public var learningRate: Double
    public var patience: Int?
    public var classWeights: [Double]?
    public var keptEpoch: Int
    public var stoppedEarly: Bool
    public var diverged: Bool
    public var history: [Epoch]
    public var train: TaskMetrics
    public var validation: TaskMetrics?
    public var test: TaskMetrics
    public var regularizationPath: [RegularizationPathPoint]?
    public var seconds: Double
  }

  /// The mean and sample standard deviation of a test metric over the seeds of one group.
  public struct Spread: Codable, Equatable {
    public var mean: Double
    public var standardDeviation: Double
  }

  public struct Group: Codable {
    public var initializer: String
    public var regularizer: String
    public var seeds: [UInt64]
    /// The chosen regularizer of each seed's run, in seed order.
    public var chosenRegularizers: [String]
    /// Test metrics by name (`logLoss`, `rocAUC`, `rootMeanSquaredError`, …), over the seeds.
    public var test: [String: Spread]
  }

  public struct Comparison: Codable {
    public var groups: [Group]
    public var runs: [Run]
  }

  public static func run(_ result: TabularRunResult, data: TabularData) -> Run {
    let configuration = result.configuration
    return Run(
      data: data.name, task: data.task.rawValue, initializer: configuration.initializer,
      regularizer: configuration.regularizer, chosenRegularizer: result.chosenRegularizer,
      seed: configuration.seed,
      hiddenWidths: configuration.hiddenWidths, activation: configuration.activation.description,
      optimizer: configuration.optimizer, learningRate: configuration.learningRate, patience: result.patience,
      classWeights: result.classWeights, keptEpoch: result.keptEpoch, stoppedEarly: result.stoppedEarly,
      diverged: result.divergence != nil,
      history: result.history.map {
        Epoch(
          epoch: $0.epoch, trainLoss: $0.trainLoss, penalty: $0.penalty, validationLoss: $0.validationLoss,
          seconds: $0.seconds, samplesPerSecond: $0.samplesPerSecond)
      },
      train: result.train, validation: result.validation, test: result.test,
      regularizationPath: result.regularizationPath, seconds: result.seconds)
  }

  public static func comparison(_ results: [TabularRunResult], data: TabularData) -> Comparison {
    Comparison(groups: groups(results), runs: results.map { run($0, data: data) })
  }

  /// Groups runs by initializer and regularizer, in first-appearance order.
  public static func groups(_ results: [TabularRunResult]) -> [Group] {
    var order: [String] = []
    var members: [String: [TabularRunResult]] = [:]
    for result in results {
      let key = result.configuration.initializer + "\u{1F}" + result.configuration.regularizer
      if members[key] == nil { order.append(key) }
      members[key, default: []].append(result)
    }
    return order.map { key in
      let runs = members[key]!
      var test: [String: Spread] = [:]
      let metrics: [(String, KeyPath<TaskMetrics, Double?>)] = [
        ("logLoss", \.logLoss), ("accuracy", \.accuracy), ("balancedAccuracy", \.balancedAccuracy),
        ("rocAUC", \.rocAUC), ("meanSquaredError", \.meanSquaredError),
        ("rootMeanSquaredError", \.rootMeanSquaredError), ("rSquared", \.rSquared),
      ]
      for (name, keyPath) in metrics {
        let values = runs.compactMap { $0.test[keyPath: keyPath] }
        guard !values.isEmpty else { continue }
        test[name] = spread(values)
      }
      return Group(
        initializer: runs[0].configuration.initializer, regularizer: runs[0].configuration.regularizer,
        seeds: runs.map(\.configuration.seed), chosenRegularizers: runs.map(\.chosenRegularizer), test: test)
    }
  }

  /// Returns the mean and the sample standard deviation (n − 1 in the denominator; 0 for one value).
  static func spread(_ values: [Double]) -> Spread {
    let mean = values.reduce(0, +) / Double(values.count)
    guard values.count > 1 else { return Spread(mean: mean, standardDeviation: 0) }
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
    return Spread(mean: mean, standardDeviation: variance.squareRoot())
  }

  /// Encodes a document as pretty-printed JSON with sorted keys.
  public static func text(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
