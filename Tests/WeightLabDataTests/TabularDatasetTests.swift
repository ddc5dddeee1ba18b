// End-to-end tests of TabularDataset on small tables and, when scripts/fetch-islp-data.sh has
// run, on the ISLP files Default.csv, Caravan.csv and Bikeshare.csv.

import Foundation
import Testing
import WeightLabCore

@testable import WeightLabData

/// The folder scripts/fetch-islp-data.sh fills, found from this file's path.
let islpFolder = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("data/islp").path

func islpFileExists(_ name: String) -> Bool {
  FileManager.default.fileExists(atPath: islpFolder + "/" + name)
}

@Suite struct TabularDatasetTests {
  @Test func dropsRowsWithMissingTarget() throws {
    let table = try parseCSV("x,y\n1,a\n2,NA\n3,b\n4,\n5,a\n6,b\n")
    let dataset = try TabularDataset(
      table: table, target: "y", validationFraction: 0, testFraction: 0, seed: 1)
    let train = try #require(dataset.splits.classification?.train)

    #expect(dataset.summary.droppedRowCount == 2)
    #expect(dataset.split.train == [0, 2, 4, 5])
    #expect(train.labels == [0, 1, 0, 1])
    #expect(dataset.summary.description.contains("dropped rows (target missing): 2"))
  }

  @Test func regressionTargetsAreStandardized() throws {
    let table = try parseCSV("x,price\n1,10.5\n2,20.5\n3,30.5\n4,40.5\n")
    let dataset = try TabularDataset(
      table: table, target: "price", validationFraction: 0, testFraction: 0, seed: 1)
    let train = try #require(dataset.splits.regression?.train)
    let target = dataset.encoder.target

    // Targets 10.5 ... 40.5: mean 25.5, population variance (225 + 25 + 25 + 225) / 4 = 125.
    #expect(dataset.task == .regression)
    #expect(target.mean == 25.5)
    #expect(abs(target.scale - 125.0.squareRoot()) < 1e-12)
    for (standardized, original) in zip(train.targets, [10.5, 20.5, 30.5, 40.5]) {
      #expect(abs(target.destandardized(Double(standardized)) - original) < 1e-5)
    }
  }

  @Test func summaryReportsImputationAndColumns() throws {
    let table = try parseCSV(
      """
      income,student,empty,flag,default
      100,No,,1,No
      NA,Yes,,1,Yes
      300,NA,,1,No
      400,No,,1,No
      """)
    let dataset = try TabularDataset(
      table: table, target: "default", validationFraction: 0, testFraction: 0, seed: 1)
    let summary = dataset.summary

    #expect(summary.imputedCounts == [.init(name: "income", count: 1), .init(name: "student", count: 1)])
    #expect(summary.droppedColumns == ["empty"])
    #expect(summary.constantColumns == ["flag"])
    #expect(summary.classCounts == [.init(name: "No", count: 3), .init(name: "Yes", count: 1)])
    #expect(summary.encodedFeatureCount == 4)
    #expect(
      summary.description.contains(
        "missing values imputed (mean or mode of the training rows): income 1, student 1"))
    #expect(summary.description.contains("classes: No 3 (75.0%), Yes 1 (25.0%)"))
  }

  @Test func encodersFitOnTrainingRowsOnly() throws {
    var lines = ["x,y"]
    for row in 0..<200 { lines.append("\(row * row),\(row % 3 == 0 ? "a" : "b")") }
    let table = try parseCSV(lines.joined(separator: "\n"))
    let dataset = try TabularDataset(table: table, target: "y", seed: 4)

    let trainValues = dataset.split.train.map { Double($0 * $0) }
    let mean = trainValues.reduce(0, +) / Double(trainValues.count)
    #expect(abs(dataset.encoder.features[0].mean! - mean) < 1e-9 * mean)
    let allMean = (0..<200).map { Double($0 * $0) }.reduce(0, +) / 200
    #expect(abs(dataset.encoder.features[0].mean! - allMean) > 1)
  }

  @Test(
    .enabled(
      if: islpFileExists("Default.csv"), "data/islp/Default.csv is missing: run scripts/fetch-islp-data.sh"))
  func islpDefault() throws {
    let dataset = try TabularDataset.load(path: islpFolder + "/Default.csv", target: "default", seed: 1)
    let splits = try #require(dataset.splits.classification)
    let summary = dataset.summary

    #expect(summary.rowCount == 10000)
    #expect(dataset.task == .binary)
    #expect(dataset.encoder.target.classNames == ["No", "Yes"])
    #expect(summary.classCounts == [.init(name: "No", count: 9667), .init(name: "Yes", count: 333)])
    // student (No/Yes) is one-hot with 2 columns; balance and income are standardized.
    #expect(dataset.encoder.encodedFeatureNames == ["student=No", "student=Yes", "balance", "income"])
    #expect(splits.train.count + splits.validation.count + splits.test.count == 10000)
    let positives = splits.test.labels.filter { $0 == 1 }.count
    #expect(positives == 50)  // round(0.15 * 333)
    print(summary)
  }

  @Test(
    .enabled(
      if: islpFileExists("Caravan.csv"), "data/islp/Caravan.csv is missing: run scripts/fetch-islp-data.sh"))
  func islpCaravan() throws {
    let clock = ContinuousClock()
    var table: CSVTable? = nil
    let elapsed = try clock.measure { table = try CSVReader.read(path: islpFolder + "/Caravan.csv") }
    let dataset = try TabularDataset(table: try #require(table), target: "Purchase", seed: 1)

    #expect(table?.rowCount == 5822)
    #expect(table?.columnCount == 86)
    #expect(dataset.summary.numericColumns.count == 85)
    #expect(dataset.summary.classCounts == [.init(name: "No", count: 5474), .init(name: "Yes", count: 348)])
    print("Caravan.csv parsed in \(elapsed)")
  }

  @Test(
    .enabled(
      if: islpFileExists("Bikeshare.csv"),
      "data/islp/Bikeshare.csv is missing: run scripts/fetch-islp-data.sh"))
  func islpBikeshare() throws {
    let dataset = try TabularDataset.load(path: islpFolder + "/Bikeshare.csv", target: "bikers", seed: 1)

    #expect(dataset.task == .regression)
    #expect(dataset.summary.rowCount == 8645)
    // "mnth" and "weathersit" are text; "hr" is quoted but numeric.
    #expect(dataset.summary.categoricalColumns.map(\.name) == ["mnth", "weathersit"])
    #expect(dataset.summary.numericColumns.contains("hr"))
  }
}
