// Loads a named dataset once and splits it into the train, validation and test examples that
// every run of an experiment shares.

import WeightLab
import WeightLabData

/// The examples of one experiment, loaded once and shared by all of its runs.
public struct PreparedData: Sendable {
  public var name: String
  public var train: Examples
  public var validation: Examples?
  public var test: Examples
  public var featureCount: Int
  public var classCount: Int
  public var classNames: [String]
  /// A description of the splits, printed before training.
  public var splitDescription: String
  /// Seconds spent reading and decoding the files.
  public var loadSeconds: Double
}

/// The dataset to load and the way to split it.
public struct DataRequest: Sendable {
  public var name: String
  /// A folder that contains the files, or nil to search the default places.
  public var directory: String?
  /// When set, use only the first `limit` training and `limit` test examples.
  public var limit: Int?
  /// The fraction of the training set held out for validation, stratified by class.
  public var validationFraction: Double
  /// Keys the validation split; fixed so that every run of a comparison uses the same split.
  public var splitSeed: UInt64

  public init(
    name: String = "fashion-mnist", directory: String? = nil, limit: Int? = nil,
    validationFraction: Double = 0.1,
    splitSeed: UInt64 = 0
  ) {
    self.name = name
    self.directory = directory
    self.limit = limit
    self.validationFraction = validationFraction
    self.splitSeed = splitSeed
  }
}

/// The datasets `--data` accepts.
public enum DatasetCatalog {
  public static let names = ["fashion-mnist"]

  /// Describes each dataset for `weightlab list`.
  public static let descriptions = [
    (
      "fashion-mnist",
      "70000 28x28 grayscale clothing images in 10 classes (60000 train, 10000 test); pixels scaled to [0, 1]; "
        + "read from /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist) or $WEIGHTLAB_DATA"
    ),
    (
      "khan",
      "Khan gene expression: 2308 genes, 4 tumour classes, 63 training and 20 test rows (the official split); "
        + "read from data/islp/Khan_*.csv (scripts/fetch-islp-data.sh) or --data-dir"
    ),
    (
      "FILE.csv",
      "any CSV file with a header row, given with --target COLUMN (and optionally --task); column types, the "
        + "task and the encoding are inferred and printed before training"
    ),
  ]

  /// An unknown dataset name.
  public struct UnknownDataset: Error, CustomStringConvertible {
    public var name: String
    public var description: String {
      "unknown dataset '\(name)'; valid names: \(DatasetCatalog.names.joined(separator: ", "))"
    }
  }

  /// Loads and splits the requested dataset.
  public static func load(_ request: DataRequest) throws -> PreparedData {
    guard request.name == "fashion-mnist" else { throw UnknownDataset(name: request.name) }
    let clock = ContinuousClock()
    let start = clock.now
    let (train, test) = try FashionMNIST.load(directory: request.directory, limit: request.limit)
    let loadSeconds = (clock.now - start).seconds
    let splits = DatasetSplits.holdOut(
      train: train, test: test, validationFraction: request.validationFraction, seed: request.splitSeed)
    return PreparedData(
      name: request.name,
      train: Examples(features: splits.train.features, labels: splits.train.labels),
      validation: splits.validation.count > 0
        ? Examples(features: splits.validation.features, labels: splits.validation.labels) : nil,
      test: Examples(features: splits.test.features, labels: splits.test.labels),
      featureCount: train.featureCount, classCount: train.classCount, classNames: train.classNames,
      splitDescription: splits.description, loadSeconds: loadSeconds)
  }
}

extension Duration {
  /// The duration in seconds as a Double.
  var seconds: Double {
    let parts = components
    return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
  }
}
