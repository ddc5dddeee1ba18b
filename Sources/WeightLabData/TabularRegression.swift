// The regression counterpart of LabeledDataset and DatasetSplits: a feature matrix with one real
// target per row, as the tabular pipeline produces for a numeric target.

import WeightLabCore

/// Examples as rows of a Float32 feature matrix, with a real-valued target per row.
public struct RegressionDataset: Sendable {
  /// The features, shape `[count, featureCount]`.
  public var features: Tensor
  /// The target of each row, in the units the producer documents. The tabular pipeline stores
  /// targets standardized with the training mean and standard deviation (see `TabularTargetEncoding`).
  public var targets: [Float]

  public init(features: Tensor, targets: [Float]) {
    precondition(features.rank == 2, "features must be a matrix, got shape \(features.shape)")
    precondition(
      features.rows == targets.count,
      "features have \(features.rows) rows but there are \(targets.count) targets")
    self.features = features
    self.targets = targets
  }

  /// The number of examples.
  public var count: Int { targets.count }

  /// The number of features per example.
  public var featureCount: Int { features.columns }

  /// Returns the examples at `indices`, in that order.
  public func subset(_ indices: some Collection<Int>) -> RegressionDataset {
    RegressionDataset(features: gatherRows(features, indices), targets: indices.map { targets[$0] })
  }
}

/// Returns the rows of the matrix `matrix` at `indices`, in that order, as a new matrix.
func gatherRows(_ matrix: Tensor, _ indices: some Collection<Int>) -> Tensor {
  precondition(matrix.rank == 2, "expected a matrix, got shape \(matrix.shape)")
  let width = matrix.columns
  var scalars = [Float]()
  scalars.reserveCapacity(indices.count * width)
  for index in indices {
    scalars.append(contentsOf: matrix.scalars[index * width..<(index + 1) * width])
  }
  return Tensor(shape: [indices.count, width], scalars: scalars)
}

/// The three regression splits a run trains, selects and reports on.
public struct RegressionSplits: Sendable {
  public var train: RegressionDataset
  public var validation: RegressionDataset
  public var test: RegressionDataset
  /// A sentence describing how the splits were made, printed before training.
  public var description: String

  public init(
    train: RegressionDataset, validation: RegressionDataset, test: RegressionDataset, description: String
  ) {
    self.train = train
    self.validation = validation
    self.test = test
    self.description = description
  }
}
