// Inputs that the csv fuzzer (Fuzz/csv) found to break the tabular path, kept as regression tests.
// Each test states what the input triggered before the fix.

import Testing
import WeightLabCore

@testable import WeightLabData

@Suite struct FuzzRegressionTests {
  /// The fuzzer's input: a regression table (target "y", CR and CRLF line breaks) whose feature
  /// column contains -1.7976931348623157e308. Standardized with the training rows' statistics,
  /// that cell became -inf in the Float32 feature matrix, which would poison training with NaN.
  static let hugeFeatureCSV: [UInt8] = [
    0x78, 0x2C, 0x79, 0x0D, 0x0A, 0x31, 0x2C, 0x32, 0x2E, 0x35, 0x0D, 0x2D, 0x31, 0x2E, 0x37, 0x39,
    0x37, 0x36, 0x39, 0x33, 0x31, 0x33, 0x34, 0x38, 0x36, 0x32, 0x33, 0x31, 0x35, 0x37, 0x65, 0x33,
    0x30, 0x38, 0x2C, 0x33, 0x2E, 0x35, 0x0D, 0x0A, 0x33, 0x2C, 0x31, 0x65, 0x33, 0x0D, 0x0A, 0x0D,
    0x0A, 0x34, 0x2C, 0x2D, 0x30, 0x2E, 0x32, 0x35, 0x0D, 0x0A,
  ]

  @Test func hugeFeatureCellIsRejected() throws {
    let table = try CSVReader.parse(bytes: Self.hugeFeatureCSV, path: "fuzz.csv")

    #expect {
      try TabularDataset(table: table, target: "y", seed: 0)
    } throws: { error in
      guard let error = error as? CSVError, case .valueOutOfRange = error.problem else { return false }
      // The huge cell is on physical line 3: line 2 ends with a lone CR.
      return error.line == 3 && error.columnName == "x"
    }
  }

  /// Training values near ±Double.greatestFiniteMagnitude overflowed the sum and the squared
  /// deviations, so the mean or the scale was infinite and every encoded training value NaN.
  @Test func extremeTrainingValuesGiveFiniteStatistics() throws {
    let numbers = [1.7e308, -1.7e308, 1.0e308, 0]
    let feature = TabularEncoder.fitNumeric(name: "x", numbers: numbers, trainRows: [0, 1, 2, 3])

    let mean = try #require(feature.mean)
    let scale = try #require(feature.scale)
    // In units of 1e308 the values are 1.7, -1.7, 1 and 0: mean 0.25, deviations 1.45, -1.95,
    // 0.75 and -0.25, population variance 6.53 / 4 = 1.6325.
    #expect(abs(mean / 1e308 - 0.25) <= 1e-12)
    #expect(abs(scale / 1e308 - 1.6325.squareRoot()) <= 1e-12)
    for value in numbers {
      let standardized = TabularEncoder.standardize(value, mean: mean, scale: scale)
      #expect(standardized.isFinite)
      #expect(abs(standardized) <= 2)
    }
  }

  /// A new table whose cell is far outside the training range gets the same error when encoded
  /// for prediction, naming its line and column.
  @Test func predictTableWithHugeCellIsRejected() throws {
    let training = try CSVReader.parse(
      bytes: Array("x,y\n1,a\n2,b\n3,a\n4,b\n".utf8), path: "train.csv")
    let dataset = try TabularDataset(
      table: training, target: "y", validationFraction: 0, testFraction: 0, seed: 0)
    let rows = try CSVReader.parse(bytes: Array("x\n2\n1e300\n".utf8), path: "rows.csv")

    #expect {
      try dataset.encoder.encodeFeatures(table: rows)
    } throws: { error in
      guard let error = error as? CSVError, case .valueOutOfRange(let value, _, _) = error.problem else {
        return false
      }
      return value == 1e300 && error.line == 3 && error.column == 1
    }
  }
}
