// Tests of the cell rules: trimming, the missing-value markers and the number grammar, with the
// standard library's parser as the independent reference for values.

import Testing

@testable import WeightLabData

@Suite struct CSVCellTests {
  func isMissing(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { CSVCell.isMissing($0) }
  }

  func number(_ text: String) -> Double? {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { CSVCell.number($0) }
  }

  @Test(arguments: ["", "NA", "na", "Na", "NaN", "nan", "NAN", "null", "NULL", "Null"])
  func missingMarkers(text: String) {
    #expect(isMissing(text))
  }

  @Test(arguments: ["N", "NAs", "none", "None", "0", "-", "nil", "nulls", "n/a"])
  func notMissing(text: String) {
    #expect(!isMissing(text))
  }

  @Test func trimmingRemovesSpacesAndTabs() {
    let bytes = Array(" \t a b \t ".utf8)

    #expect(Array(CSVCell.trimmed(bytes)) == Array("a b".utf8))
    #expect(Array(CSVCell.trimmed(Array("   ".utf8))).isEmpty)
  }

  @Test(arguments: [
    "0", "-0", "+7", "42", "3.25", "-3.25", ".5", "5.", "1e3", "1E-3", "2.5e+10", "0.1", "0.3",
    "123456789012345678", "9007199254740993", "12345678901234567890123", "1e22", "1e23", "4.9e-324",
    "1.7976931348623157e308", "729.5264952072861", "44361.62507426691", "0.000001234", "00012",
  ])
  func numbersMatchStandardLibrary(text: String) throws {
    let expected = try #require(Double(text))
    let parsed = try #require(number(text))

    #expect(parsed.bitPattern == expected.bitPattern, "\(text): \(parsed) != \(expected)")
  }

  @Test(arguments: [
    "", ".", "+", "-", "e5", "1e", "1e+", "1.2.3", "1,000", "0x10", "inf", "-Infinity", "nan", "1e400",
    "12abc", "1 2", "--1", "١٢",
  ])
  func notNumbers(text: String) {
    #expect(number(text) == nil)
  }
}
