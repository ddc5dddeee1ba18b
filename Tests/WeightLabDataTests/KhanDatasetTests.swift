// Joining a features table with its labels table, and the Khan loader on the ISLP files when
// scripts/fetch-islp-data.sh has run.

import Foundation
import Testing

@testable import WeightLabData

@Test func joiningPairsRowsByPosition() throws {
  let features = try parseCSV("a,b\n1,2\n3,4\n")
  let labels = try parseCSV("x\nyes\nno\n")
  let joined = try features.joiningColumns(of: labels, otherHeader: ["label"], path: "joined.csv")

  #expect(joined.header == ["a", "b", "label"])
  #expect(joined.rowCount == 2)
  #expect(joined.field(row: 0, column: 2) == "yes")
  #expect(joined.field(row: 1, column: 0) == "3")
  #expect(joined.field(row: 1, column: 2) == "no")
}

@Test func joiningRejectsRowCountMismatch() throws {
  let features = try parseCSV("a\n1\n2\n")
  let labels = try parseCSV("x\nyes\n")
  #expect {
    try features.joiningColumns(of: labels, path: "joined.csv")
  } throws: { error in
    (error as? CSVError)?.problem == .rowCountMismatch(rowCount: 2, otherPath: labels.path, otherRowCount: 1)
  }
}

@Test func joiningRejectsDuplicateName() throws {
  let features = try parseCSV("a\n1\n")
  #expect(throws: CSVError.self) {
    try features.joiningColumns(of: features, path: "joined.csv")
  }
}

@Test(.enabled(if: islpFileExists("Khan_xtrain.csv"), "needs data/islp from scripts/fetch-islp-data.sh"))
func khanOfficialSplit() throws {
  let dataset = try KhanDataset.load(directory: islpFolder, validationFraction: 0.25, seed: 3)
  let splits = try #require(dataset.splits.classification)

  #expect(dataset.encoder.encodedFeatureCount == 2308)
  #expect(dataset.encoder.target.classNames == ["1", "2", "3", "4"])
  #expect(splits.train.count + splits.validation.count == 63)
  #expect(splits.test.count == 20)
  #expect(splits.test.featureCount == 2308)
  #expect(Set(splits.validation.labels).count == 4)
}
