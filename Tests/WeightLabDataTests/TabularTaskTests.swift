// Tests of task inference from the target column and of the target errors: a missing, constant or
// entirely missing target, and a requested task that does not fit.

import Testing

@testable import WeightLabData

/// Builds a CSV text with a feature column `x` and the target column `y` holding `targets`.
func targetTable(_ targets: [String]) -> String {
  "x,y\n" + targets.enumerated().map { "\($0.offset),\($0.element)" }.joined(separator: "\n") + "\n"
}

/// Prepares `text` for the target `y` and returns the error, or nil when it was accepted.
func datasetError(_ text: String, target: String = "y", task: TabularTask? = nil) throws -> CSVError? {
  let table = try parseCSV(text)
  do {
    _ = try TabularDataset(table: table, target: target, task: task, seed: 1)
    return nil
  } catch {
    return error
  }
}

@Suite struct TabularTaskTests {
  @Test(arguments: [
    (["No", "Yes", "No", "No"], TabularTask.binary),
    (["0", "1", "1", "0"], .binary),
    (["2.5", "7.25", "2.5"], .binary),
    (["cat", "dog", "bird", "cat"], .multiclass),
    (["1", "2", "3", "4", "2"], .multiclass),
    (["0.5", "1", "2", "3"], .regression),
    ((0..<21).map { String($0) }, .regression),
    ((0..<20).map { String($0) }, .multiclass),
    (["1.0", "2.0", "3.0"], .multiclass),
  ])
  func inference(targets: [String], expected: TabularTask) throws {
    let table = try parseCSV(targetTable(targets))
    let frame = try TabularFrame(table: table, columnKinds: [:])
    let (task, _) = TabularTask.infer(from: try #require(frame.values[1]))

    #expect(task == expected, "\(targets)")
  }

  @Test func classNamesSortAndPositiveClassIsSecond() throws {
    let table = try parseCSV(targetTable(["Yes", "No", "No", "Yes", "No"]))
    let dataset = try TabularDataset(
      table: table, target: "y", validationFraction: 0, testFraction: 0, seed: 1)

    #expect(dataset.encoder.target.classNames == ["No", "Yes"])
    #expect(dataset.splits.classification?.train.labels == [1, 0, 0, 1, 0])
  }

  @Test func numericClassNamesAreNumbers() throws {
    let table = try parseCSV(targetTable(["10", "2", "2.0", "3", "10"]))
    let dataset = try TabularDataset(
      table: table, target: "y", validationFraction: 0, testFraction: 0, seed: 1)

    #expect(dataset.task == .multiclass)
    #expect(dataset.encoder.target.classNames == ["2", "3", "10"])
    #expect(dataset.splits.classification?.train.labels == [2, 0, 0, 1, 2])
  }

  @Test func missingTargetColumnListsColumns() throws {
    let error = try #require(try datasetError("a,b,c\n1,2,3\n", target: "price"))

    #expect(error.problem == .columnNotFound(name: "price", available: ["a", "b", "c"]))
    #expect(error.description.contains("no column is named \"price\"; the columns are a, b, c"))
  }

  @Test(arguments: [["Yes", "Yes", "NA", "Yes"], ["3", "3", "3"]])
  func constantTarget(targets: [String]) throws {
    let error = try #require(try datasetError(targetTable(targets)))

    #expect(error.problem == .constantTarget(value: targets[0]))
    #expect(error.column == 2)
    #expect(error.columnName == "y")
  }

  @Test func entirelyMissingTarget() throws {
    let error = try #require(try datasetError(targetTable(["NA", "", "null"])))

    #expect(error.problem == .targetAllMissing)
  }

  @Test func regressionOnCategoriesIsRejected() throws {
    let error = try #require(try datasetError(targetTable(["a", "b", "c"]), task: .regression))

    guard case .taskMismatch(let task, _) = error.problem else {
      Issue.record("unexpected problem \(error.problem)")
      return
    }
    #expect(task == .regression)
  }

  @Test func binaryWithThreeClassesIsRejected() throws {
    let error = try #require(try datasetError(targetTable(["a", "b", "c"]), task: .binary))

    #expect(error.problem == .taskMismatch(task: .binary, reason: "the target has 3 distinct values, not 2"))
  }

  @Test func requestedTaskOverridesInference() throws {
    let table = try parseCSV(targetTable(["1", "2", "3", "4", "5", "1", "2", "3"]))
    let dataset = try TabularDataset(table: table, target: "y", task: .regression, seed: 1)

    #expect(dataset.task == .regression)
    #expect(dataset.summary.taskReason == "requested")
  }

  @Test func onlyTargetColumnIsRejected() throws {
    let error = try #require(try datasetError("y\nYes\nNo\n"))

    #expect(error.problem == .noFeatureColumns)
  }
}
