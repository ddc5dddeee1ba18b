// The whole tabular pipeline behind `--data file.csv --target column`: read the CSV file, infer
// the schema and the task, split the rows, fit the encoder on the training rows and encode.

import WeightLabCore

/// The encoded splits of a tabular dataset, by task.
public enum TabularSplits: Sendable {
  /// Binary or multiclass: labels are class indices into `TabularTargetEncoding.classNames`.
  case classification(DatasetSplits)
  /// Regression: targets are standardized with the training mean and standard deviation.
  case regression(RegressionSplits)

  public var classification: DatasetSplits? {
    if case .classification(let splits) = self { return splits }
    return nil
  }

  public var regression: RegressionSplits? {
    if case .regression(let splits) = self { return splits }
    return nil
  }
}

/// A CSV file turned into encoded train, validation and test splits, with the fitted encoder that a
/// saved model needs and the summary to print before training.
public struct TabularDataset: Sendable {
  public var splits: TabularSplits
  /// The preprocessing fitted on the training rows, to save with a model.
  public var encoder: TabularEncoder
  public var summary: TabularSummary
  /// The data-row indices (0-based, header excluded) of each split.
  public var split: TabularSplit

  public var task: TabularTask { encoder.target.task }

  /// Reads the CSV file at `path` and prepares it to predict the column `target`.
  ///
  /// The steps, each documented at its type:
  /// 1. `CSVReader` parses the file.
  /// 2. `TabularSchema` infers each column's kind and drops columns whose every cell is missing.
  /// 3. `TabularTask.infer` picks the task, unless `task` is given.
  /// 4. Rows whose target is missing are dropped and counted in the summary.
  /// 5. `TabularSplit` splits the other rows with `seed`, stratified by class for classification.
  /// 6. `TabularEncoder` is fitted on the training rows and encodes all three parts.
  ///
  /// - Parameters:
  ///   - target: The header name of the column to predict.
  ///   - task: The task, or nil to infer it from the target.
  ///   - validationFraction: The share of rows for validation, in `0 ..< 1`.
  ///   - testFraction: The share of rows for testing, in `0 ..< 1`, with the sum of both below 1.
  ///   - seed: The seed of the split's random stream.
  ///   - columnKinds: Column kinds that override inference, by column name.
  /// - Throws: `CSVError` when the file cannot be read or parsed, or the target is not a column,
  ///   is entirely missing or is constant. Also when `task` does not fit the target, a column
  ///   forced numeric has a non-numeric cell, no feature column is left, or a number standardizes
  ///   beyond the Float32 range.
  public static func load(
    path: String, target: String, task: TabularTask? = nil,
    validationFraction: Double = TabularSplit.defaultValidationFraction,
    testFraction: Double = TabularSplit.defaultTestFraction, seed: UInt64,
    columnKinds: [String: TabularColumnKind] = [:]
  ) throws(CSVError) -> TabularDataset {
    let table = try CSVReader.read(path: path)
    return try TabularDataset(
      table: table, target: target, task: task, validationFraction: validationFraction,
      testFraction: testFraction, seed: seed, columnKinds: columnKinds)
  }

  /// Prepares an already parsed table, as `load` does.
  public init(
    table: CSVTable, target: String, task requestedTask: TabularTask? = nil,
    validationFraction: Double = TabularSplit.defaultValidationFraction,
    testFraction: Double = TabularSplit.defaultTestFraction, seed: UInt64,
    columnKinds: [String: TabularColumnKind] = [:]
  ) throws(CSVError) {
    let frame = try TabularFrame(table: table, columnKinds: columnKinds)
    let targetColumn = try Self.targetColumn(named: target, in: table)
    guard let targetValues = frame.values[targetColumn] else {
      throw CSVError(
        path: table.path, column: targetColumn + 1, columnName: target, problem: .targetAllMissing)
    }
    let (task, taskReason) = try Self.resolveTask(
      requestedTask, targetValues: targetValues, path: table.path, column: targetColumn, columnName: target)

    let featureColumns = frame.values.indices.filter { $0 != targetColumn && frame.values[$0] != nil }
    guard !featureColumns.isEmpty else {
      throw CSVError(path: table.path, problem: .noFeatureColumns)
    }

    // Keep the rows with a target, split them, and fit the target encoding on the training rows.
    var targetEncoding: TabularTargetEncoding
    let keptRows: [Int]
    let classIndices: [Int32]
    let split: TabularSplit
    switch task {
    case .binary, .multiclass:
      targetEncoding = TabularTargetEncoding(
        name: target, task: task, classNames: TabularTargetEncoding.classNames(of: targetValues))
      let allIndices = targetEncoding.classIndices(of: targetValues)
      keptRows = allIndices.indices.filter { allIndices[$0] >= 0 }
      classIndices = keptRows.map { allIndices[$0] }
      split = TabularSplit.stratified(
        classes: classIndices, classCount: targetEncoding.classCount, validationFraction: validationFraction,
        testFraction: testFraction, seed: seed
      ).mapped(to: keptRows)
    case .regression:
      guard case .numeric(let numbers) = targetValues else {
        preconditionFailure("resolveTask accepts regression only for a numeric target")
      }
      targetEncoding = TabularTargetEncoding(name: target, task: task, classNames: [])
      keptRows = numbers.indices.filter { !numbers[$0].isNaN }
      classIndices = []
      split = TabularSplit.random(
        count: keptRows.count, validationFraction: validationFraction, testFraction: testFraction, seed: seed
      ).mapped(to: keptRows)
      let feature = TabularEncoder.fitNumeric(name: target, numbers: numbers, trainRows: split.train)
      targetEncoding.mean = feature.mean ?? 0
      targetEncoding.scale = feature.scale ?? 1
    }

    // Fit on the training rows only, then encode every part.
    let encoder = TabularEncoder.fit(
      frame: frame, featureColumns: featureColumns, target: targetEncoding, trainRows: split.train)
    var parts = [(features: Tensor, report: TabularTransformReport)]()
    for rows in [split.train, split.validation, split.test] {
      parts.append(try encoder.encode(frame: frame, featureColumns: featureColumns, rows: rows))
    }
    let splitText =
      "train \(split.train.count), validation \(split.validation.count), test \(split.test.count) rows "
      + "(\(task.isClassification ? "stratified by class" : "random"), seed \(seed))"

    switch (task, targetValues) {
    case (.regression, .numeric(let numbers)):
      var datasets = [RegressionDataset]()
      for (part, rows) in [split.train, split.validation, split.test].enumerated() {
        var targets = [Float]()
        targets.reserveCapacity(rows.count)
        for row in rows {
          let standardized = Float(targetEncoding.standardized(numbers[row]))
          guard standardized.isFinite else {
            throw CSVError(
              path: table.path, line: table.line(ofRow: row), column: targetColumn + 1, columnName: target,
              problem: .valueOutOfRange(
                value: numbers[row], mean: targetEncoding.mean, scale: targetEncoding.scale))
          }
          targets.append(standardized)
        }
        datasets.append(RegressionDataset(features: parts[part].features, targets: targets))
      }
      splits = .regression(
        RegressionSplits(
          train: datasets[0], validation: datasets[1], test: datasets[2], description: splitText))
    default:
      var classOfRow = [Int: Int32]()
      for (row, classIndex) in zip(keptRows, classIndices) { classOfRow[row] = classIndex }
      let datasets = [split.train, split.validation, split.test].enumerated().map { part, rows in
        LabeledDataset(
          features: parts[part].features, labels: rows.map { classOfRow[$0]! },
          classCount: targetEncoding.classCount, classNames: targetEncoding.classNames)
      }
      splits = .classification(
        DatasetSplits(train: datasets[0], validation: datasets[1], test: datasets[2], description: splitText))
    }

    self.encoder = encoder
    self.split = split
    self.summary = TabularSummary(
      table: table, frame: frame, encoder: encoder, taskReason: taskReason,
      droppedRowCount: frame.rowCount - keptRows.count, classIndices: classIndices, split: split,
      splitText: splitText, reports: parts.map(\.report))
  }

  /// Returns the index of the target column, or throws an error that lists the columns.
  static func targetColumn(named name: String, in table: CSVTable) throws(CSVError) -> Int {
    guard let column = table.columnIndex(named: name) else {
      throw CSVError(
        path: table.path, line: 1, problem: .columnNotFound(name: name, available: table.header),
        suggestion: "Choose the target from the columns listed, spelled as in the header.")
    }
    return column
  }

  /// Returns the requested task after checking that it fits the target, or the inferred task.
  static func resolveTask(
    _ requested: TabularTask?, targetValues: TabularColumnValues, path: String, column: Int,
    columnName: String
  ) throws(CSVError) -> (TabularTask, String) {
    let distinctCount = targetValues.distinctCount
    if distinctCount < 2 {
      let only = TabularTargetEncoding.classNames(of: targetValues).first ?? ""
      throw CSVError(
        path: path, column: column + 1, columnName: columnName, problem: .constantTarget(value: only))
    }
    guard let requested else {
      let (task, reason) = TabularTask.infer(from: targetValues)
      return (task, "inferred from \(reason)")
    }

    switch (requested, targetValues) {
    case (.regression, .categorical(_, let levels)):
      let examples = levels.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
      throw CSVError(
        path: path, column: column + 1, columnName: columnName,
        problem: .taskMismatch(task: requested, reason: "the target has categories such as \(examples)"))
    case (.binary, _) where distinctCount != 2:
      throw CSVError(
        path: path, column: column + 1, columnName: columnName,
        problem: .taskMismatch(
          task: requested, reason: "the target has \(distinctCount) distinct values, not 2"))
    default:
      return (requested, "requested")
    }
  }
}

extension TabularSplit {
  /// Returns the split with each position replaced by `rows[position]`.
  func mapped(to rows: [Int]) -> TabularSplit {
    TabularSplit(
      train: train.map { rows[$0] }, validation: validation.map { rows[$0] }, test: test.map { rows[$0] },
      isStratified: isStratified)
  }
}
