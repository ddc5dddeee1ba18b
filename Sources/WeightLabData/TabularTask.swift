// The prediction task of a tabular dataset, inferred from the target column's values, and the
// target encoding: class names for classification, the standardization for regression.

/// The kind of value a model predicts from a table.
public enum TabularTask: String, Codable, Sendable, CaseIterable {
  /// Two classes.
  case binary
  /// Three or more classes (two are allowed when the caller asks for this task).
  case multiclass
  /// A real number.
  case regression

  public var isClassification: Bool { self != .regression }

  /// The largest number of distinct integer values that inference still calls classes.
  ///
  /// scikit-learn's `type_of_target` (documented for 1.x) calls any target with more than two
  /// integer values multiclass, which turns a count such as hourly bike rentals into hundreds of
  /// classes. Above this many distinct values,
  /// an integer target is taken as regression; pass a task explicitly to decide otherwise.
  public static let maximumInferredClassCount = 20

  /// Infers the task from the target's non-missing values, after scikit-learn's `type_of_target`.
  ///
  /// | target values | task |
  /// |---|---|
  /// | exactly 2 distinct values, numeric or categorical | binary |
  /// | categorical, 3 or more distinct values | multiclass |
  /// | numeric, all integers, 3 to `maximumInferredClassCount` distinct values | multiclass |
  /// | numeric otherwise (a non-integer value, or more distinct integers) | regression |
  ///
  /// - Returns: The task, and the reason in words for the summary.
  /// - Precondition: The target has at least two distinct values.
  static func infer(from values: TabularColumnValues) -> (task: TabularTask, reason: String) {
    switch values {
    case .categorical:
      let count = values.distinctCount
      precondition(count >= 2, "a constant target has no task")
      if count == 2 { return (.binary, "2 distinct categories") }
      return (.multiclass, "\(count) distinct categories")
    case .numeric(let numbers):
      let distinct = Set(numbers.filter { !$0.isNaN })
      precondition(distinct.count >= 2, "a constant target has no task")
      if distinct.count == 2 { return (.binary, "2 distinct values") }
      guard distinct.allSatisfy(TabularTargetEncoding.isInteger) else {
        return (.regression, "numbers with a fractional part")
      }
      if distinct.count <= maximumInferredClassCount {
        return (.multiclass, "\(distinct.count) distinct integer values")
      }
      return (
        .regression, "\(distinct.count) distinct integer values, more than \(maximumInferredClassCount)"
      )
    }
  }
}

extension TabularColumnValues {
  /// The number of distinct non-missing values.
  var distinctCount: Int {
    switch self {
    case .numeric(let numbers):
      return Set(numbers.filter { !$0.isNaN }).count
    case .categorical(let codes, _):
      return Set(codes.filter { $0 >= 0 }).count
    }
  }
}

/// The mapping from the target column to training targets. It is saved with a model, so that predictions can be
/// turned back into class names or the target's units.
public struct TabularTargetEncoding: Codable, Sendable, Equatable {
  /// The target column's header name.
  public var name: String
  public var task: TabularTask
  /// The class names, indexed by class index. Empty for regression.
  ///
  /// Categorical targets list their categories in `String` order, numeric targets their values in
  /// increasing order, written as integers when they are integers. For a binary target, index 1 is
  /// the positive class: "Yes" for No/Yes, 1 for 0/1.
  public var classNames: [String]
  /// The training mean of a regression target. 0 for classification.
  public var mean: Double
  /// The training population standard deviation of a regression target, or 1 when it is 0.
  /// 1 for classification.
  public var scale: Double

  public init(name: String, task: TabularTask, classNames: [String], mean: Double = 0, scale: Double = 1) {
    self.name = name
    self.task = task
    self.classNames = classNames
    self.mean = mean
    self.scale = scale
  }

  /// The number of classes, 0 for regression.
  public var classCount: Int { classNames.count }

  /// Returns a regression prediction in the target's units: `value * scale + mean`.
  public func destandardized(_ value: Double) -> Double {
    value * scale + mean
  }

  /// Returns a value standardized as the training targets are: `(value - mean) / scale`.
  public func standardized(_ value: Double) -> Double {
    TabularEncoder.standardize(value, mean: mean, scale: scale)
  }

  /// Returns the class names of a classification target, sorted as `classNames` documents.
  static func classNames(of values: TabularColumnValues) -> [String] {
    switch values {
    case .categorical(let codes, let levels):
      let present = Set(codes.filter { $0 >= 0 })
      return present.map { levels[Int($0)] }.sorted()
    case .numeric(let numbers):
      return Set(numbers.filter { !$0.isNaN }).sorted().map(numberText)
    }
  }

  /// Returns the class index of every row, -1 for a missing target or a class not in `classNames`.
  func classIndices(of values: TabularColumnValues) -> [Int32] {
    var indexOfName = [String: Int32]()
    for (index, name) in classNames.enumerated() { indexOfName[name] = Int32(index) }
    switch values {
    case .categorical(let codes, let levels):
      let indexOfLevel = levels.map { indexOfName[$0] ?? -1 }
      return codes.map { $0 < 0 ? -1 : indexOfLevel[Int($0)] }
    case .numeric(let numbers):
      return numbers.map { $0.isNaN ? -1 : indexOfName[TabularTargetEncoding.numberText($0)] ?? -1 }
    }
  }

  /// Writes a numeric class value as a name: `3` for 3.0, and Swift's shortest form otherwise.
  static func numberText(_ value: Double) -> String {
    isInteger(value) ? String(Int64(value)) : String(value)
  }

  /// Returns whether `value` is an integer small enough to be written exactly as one.
  static func isInteger(_ value: Double) -> Bool {
    value == value.rounded() && abs(value) < 0x1p53
  }
}
