// In-memory labeled datasets: a feature matrix with one row per example and integer class labels.

import WeightLabCore

/// Examples as rows of a Float32 feature matrix, with a class label per row.
public struct LabeledDataset: Sendable {
  /// The features, shape `[count, featureCount]`.
  public var features: Tensor
  /// The class label of each row, in `0 ..< classCount`.
  public var labels: [Int32]
  /// The number of classes.
  public var classCount: Int
  /// Human-readable class names, `classCount` of them.
  public var classNames: [String]

  public init(features: Tensor, labels: [Int32], classCount: Int, classNames: [String]? = nil) {
    precondition(features.rank == 2, "features must be a matrix, got shape \(features.shape)")
    precondition(
      features.rows == labels.count,
      "features have \(features.rows) rows but there are \(labels.count) labels")
    self.features = features
    self.labels = labels
    self.classCount = classCount
    self.classNames = classNames ?? (0..<classCount).map { "class \($0)" }
  }

  /// The number of examples.
  public var count: Int { labels.count }

  /// The number of features per example.
  public var featureCount: Int { features.columns }

  /// Returns the examples at `indices`, in that order.
  public func subset(_ indices: some Collection<Int>) -> LabeledDataset {
    let width = featureCount
    var scalars = [Float]()
    scalars.reserveCapacity(indices.count * width)
    var subsetLabels = [Int32]()
    subsetLabels.reserveCapacity(indices.count)
    for index in indices {
      scalars.append(contentsOf: features.scalars[index * width..<(index + 1) * width])
      subsetLabels.append(labels[index])
    }
    return LabeledDataset(
      features: Tensor(shape: [indices.count, width], scalars: scalars),
      labels: subsetLabels, classCount: classCount, classNames: classNames)
  }
}

/// The three splits a run trains, selects and reports on.
public struct DatasetSplits: Sendable {
  public var train: LabeledDataset
  public var validation: LabeledDataset
  public var test: LabeledDataset
  /// A sentence that says how the splits were made, printed before training.
  public var description: String

  public init(train: LabeledDataset, validation: LabeledDataset, test: LabeledDataset, description: String) {
    self.train = train
    self.validation = validation
    self.test = test
    self.description = description
  }
}
