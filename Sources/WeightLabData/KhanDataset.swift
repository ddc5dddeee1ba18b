// The Khan gene-expression data from the ISLP package: 2308 gene columns for 63 training and 20
// test tissue samples in four cancer classes, with features and labels in separate CSV files.

import Foundation

/// Loader of the Khan data as a multiclass tabular dataset with its official train/test split.
///
/// The four files are `Khan_xtrain.csv`, `Khan_ytrain.csv`, `Khan_xtest.csv` and `Khan_ytest.csv`:
/// the x files have a header `V1 … V2308` and one row per sample, the y files a header `x` and the
/// class (1 to 4) of each sample in the same order. The label column is named `class` here.
public enum KhanDataset {
  /// The file names, in the order train features, train labels, test features, test labels.
  public static let fileNames = ["Khan_xtrain.csv", "Khan_ytrain.csv", "Khan_xtest.csv", "Khan_ytest.csv"]
  /// The name the label column gets in the joined tables.
  public static let targetName = "class"

  /// Reads the four files from `directory` and returns the dataset.
  ///
  /// With only 63 training samples, the validation part is held out from the training file,
  /// stratified by class, and the encoder's statistics are fitted on the remaining training rows.
  /// The test split is the official one, encoded with those statistics.
  ///
  /// - Parameters:
  ///   - validationFraction: The share of each class of the training file held out for validation.
  ///   - seed: The seed of the validation split.
  /// - Throws: `CSVError` when a file is missing or invalid, or a labels file has a different
  ///   number of rows from its features file.
  public static func load(directory: String, validationFraction: Double, seed: UInt64) throws(CSVError)
    -> TabularDataset
  {
    let paths = fileNames.map { (directory as NSString).appendingPathComponent($0) }
    let train = try joinedTable(features: paths[0], labels: paths[1])
    let test = try joinedTable(features: paths[2], labels: paths[3])

    var dataset = try TabularDataset(
      table: train, target: targetName, task: .multiclass, validationFraction: validationFraction,
      testFraction: 0, seed: seed, columnKinds: [targetName: .categorical])
    guard case .classification(var splits) = dataset.splits else {
      preconditionFailure("a multiclass dataset has classification splits")
    }

    // The official test rows, encoded with the statistics of the training rows.
    let features = try dataset.encoder.encodeFeatures(table: test).features
    guard case .classes(let labels) = try dataset.encoder.target.targets(in: test) else {
      preconditionFailure("a multiclass target reads as classes")
    }
    if let row = labels.firstIndex(of: -1) {
      let label = test.field(row: row, column: test.columnCount - 1)
      let classes = dataset.encoder.target.classNames.joined(separator: ", ")
      throw CSVError(
        path: paths[3], line: test.line(ofRow: row), column: 1, columnName: "x",
        problem: .taskMismatch(
          task: .multiclass, reason: "the label \"\(label)\" is missing or not a training class"),
        suggestion: "Every test label must be one of the training classes: \(classes).")
    }
    splits.test = LabeledDataset(
      features: features, labels: labels, classCount: splits.train.classCount,
      classNames: splits.train.classNames)
    splits.description =
      "train \(splits.train.count), validation \(splits.validation.count) rows (stratified by class, seed \(seed)) "
      + "from \(fileNames[0]); test \(splits.test.count) rows from \(fileNames[2]), the official split"
    dataset.splits = .classification(splits)
    dataset.summary.testCount = splits.test.count
    dataset.summary.splitDescription = splits.description
    return dataset
  }

  /// Reads a features file and its labels file and joins them, naming the label column `targetName`.
  static func joinedTable(features: String, labels: String) throws(CSVError) -> CSVTable {
    let featureTable = try CSVReader.read(path: features)
    let labelTable = try CSVReader.read(path: labels)
    guard labelTable.columnCount == 1 else {
      throw CSVError(
        path: labels, line: 1, problem: .wrongFieldCount(found: labelTable.columnCount, expected: 1),
        suggestion: "A Khan labels file has one column, the class of each sample.")
    }
    return try featureTable.joiningColumns(of: labelTable, otherHeader: [targetName], path: features)
  }
}
