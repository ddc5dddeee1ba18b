// The text printed before training on a CSV file: what was read, what the task is, which cells
// were imputed, which columns and rows were dropped, and how the rows were split.

/// Facts about a prepared tabular dataset, for the user to check before training.
public struct TabularSummary: Sendable, Equatable, CustomStringConvertible {
  /// A named count, such as the rows of one class.
  public struct Count: Sendable, Equatable {
    public var name: String
    public var count: Int
  }

  public var path: String
  /// The data rows in the file, the header excluded.
  public var rowCount: Int
  public var columnCount: Int
  public var target: String
  public var task: TabularTask
  /// Why this task: "inferred from 2 distinct categories", or "requested".
  public var taskReason: String
  /// Rows dropped because their target is missing.
  public var droppedRowCount: Int
  public var numericColumns: [String]
  /// The categorical feature columns, each with its number of training categories.
  public var categoricalColumns: [Count]
  /// Columns dropped because every cell is missing.
  public var droppedColumns: [String]
  /// Numeric columns that are constant on the training rows, encoded as 0.
  public var constantColumns: [String]
  /// Missing cells imputed with the training statistic, per feature column, over all three splits.
  public var imputedCounts: [Count]
  /// Validation and test cells with a category the training rows lack, per feature column.
  public var unseenCategoryCounts: [Count]
  /// The rows of each class, over all three splits, in class-index order. Empty for regression.
  public var classCounts: [Count]
  public var trainCount: Int
  public var validationCount: Int
  public var testCount: Int
  /// The description of the split, for example "train 7000, validation 1500, test 1500 rows (…)".
  public var splitDescription: String
  public var encodedFeatureCount: Int
  /// The training mean and standard deviation of a regression target.
  public var targetMean: Double
  public var targetScale: Double

  /// The maximum number of column names listed on one line before the rest are counted.
  static let listLimit = 8

  init(
    table: CSVTable, frame: TabularFrame, encoder: TabularEncoder, taskReason: String, droppedRowCount: Int,
    classIndices: [Int32], split: TabularSplit, splitText: String, reports: [TabularTransformReport]
  ) {
    path = table.path
    rowCount = table.rowCount
    columnCount = table.columnCount
    target = encoder.target.name
    task = encoder.target.task
    self.taskReason = taskReason
    self.droppedRowCount = droppedRowCount
    numericColumns = encoder.features.filter { $0.kind == .numeric }.map(\.name)
    categoricalColumns = encoder.features.filter { $0.kind == .categorical }.map {
      Count(name: $0.name, count: $0.categories?.count ?? 0)
    }
    droppedColumns = frame.schema.droppedColumns
    constantColumns = encoder.constantFeatureNames
    imputedCounts = Self.sum(reports.map(\.imputed), order: encoder.features.map(\.name))
    unseenCategoryCounts = Self.sum(
      reports.dropFirst().map(\.unseenCategories), order: encoder.features.map(\.name))

    var counts = [Int](repeating: 0, count: encoder.target.classCount)
    for classIndex in classIndices { counts[Int(classIndex)] += 1 }
    classCounts = zip(encoder.target.classNames, counts).map { Count(name: $0, count: $1) }

    trainCount = split.train.count
    validationCount = split.validation.count
    testCount = split.test.count
    splitDescription = splitText
    encodedFeatureCount = encoder.encodedFeatureCount
    targetMean = encoder.target.mean
    targetScale = encoder.target.scale
  }

  /// Adds the per-column counts of several reports, keeping the columns in `order`.
  static func sum(_ lists: [[TabularTransformReport.ColumnCount]], order: [String]) -> [Count] {
    var totals = [String: Int]()
    for list in lists {
      for entry in list { totals[entry.name, default: 0] += entry.count }
    }
    return order.compactMap { name in totals[name].map { Count(name: name, count: $0) } }
  }

  public var description: String {
    var lines = [String]()
    lines.append("data: \(path): \(rowCount) rows, \(columnCount) columns")
    lines.append("target: \(target), \(task.rawValue) (\(taskReason))")
    if task.isClassification {
      let total = max(classCounts.reduce(0) { $0 + $1.count }, 1)
      let classes = classCounts.map { "\($0.name) \($0.count) (\(Self.percentText($0.count, of: total)))" }
      lines.append("classes: " + classes.joined(separator: ", "))
    } else {
      lines.append("target scaling: training mean \(targetMean), standard deviation \(targetScale)")
    }

    let categorical = categoricalColumns.map { "\($0.name) (\($0.count) categories)" }
    lines.append(
      "features: \(numericColumns.count) numeric\(Self.listText(numericColumns)), "
        + "\(categoricalColumns.count) categorical\(Self.listText(categorical)); "
        + "\(encodedFeatureCount) encoded features")
    lines.append(
      "missing values imputed (mean or mode of the training rows): " + Self.countText(imputedCounts))
    lines.append("constant columns (encoded as 0): " + Self.namesText(constantColumns))
    lines.append("dropped columns (every cell missing): " + Self.namesText(droppedColumns))
    lines.append("dropped rows (target missing): \(droppedRowCount)")
    lines.append("split: \(splitDescription)")
    lines.append(
      "categories not seen in training (encoded as all zeros): " + Self.countText(unseenCategoryCounts))
    return lines.joined(separator: "\n")
  }

  /// Formats `part / total` as a percentage with one decimal, such as `3.3%`.
  static func percentText(_ part: Int, of total: Int) -> String {
    let tenths = (Double(part) * 1000 / Double(total)).rounded()
    return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
  }

  /// Lists names in brackets after a count, at most `listLimit` of them.
  static func listText(_ names: [String]) -> String {
    names.isEmpty ? "" : " (" + namesText(names) + ")"
  }

  static func namesText(_ names: [String]) -> String {
    if names.isEmpty { return "none" }
    if names.count <= listLimit { return names.joined(separator: ", ") }
    return names.prefix(listLimit).joined(separator: ", ") + " and \(names.count - listLimit) more"
  }

  static func countText(_ counts: [Count]) -> String {
    if counts.isEmpty { return "none" }
    let shown = counts.prefix(listLimit).map { "\($0.name) \($0.count)" }.joined(separator: ", ")
    if counts.count <= listLimit { return shown }
    return shown + " and \(counts.count - listLimit) more columns"
  }
}
