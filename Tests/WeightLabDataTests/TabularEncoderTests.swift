// Tests of the encoder: standardization with training statistics only, constant columns,
// imputation, one-hot encoding with unseen categories, new tables, and the JSON round trip.

import Foundation
import Testing
import WeightLabCore

@testable import WeightLabData

@Suite struct TabularEncoderTests {
  let target = TabularTargetEncoding(name: "y", task: .binary, classNames: ["No", "Yes"])

  /// Decodes `text` and fits an encoder on `trainRows`, with every column but the last as a feature.
  func fitted(_ text: String, trainRows: [Int]) throws -> (
    encoder: TabularEncoder, frame: TabularFrame, columns: [Int]
  ) {
    let frame = try TabularFrame(table: try parseCSV(text), columnKinds: [:])
    let columns = Array(0..<(frame.names.count - 1))
    let encoder = TabularEncoder.fit(
      frame: frame, featureColumns: columns, target: target, trainRows: trainRows)
    return (encoder, frame, columns)
  }

  @Test func standardizesWithTrainingStatisticsOnly() throws {
    let (encoder, frame, columns) = try fitted("x,y\n1,No\n2,Yes\n3,No\n100,Yes\n", trainRows: [0, 1, 2])
    let (features, _) = try encoder.encode(frame: frame, featureColumns: columns, rows: [0, 1, 2, 3])

    // Training values 1, 2, 3: mean 2, population variance (1 + 0 + 1) / 3 = 2/3.
    let std = (2.0 / 3.0).squareRoot()
    #expect(encoder.features[0].mean == 2)
    #expect(abs(encoder.features[0].scale! - std) < 1e-15)
    let expected = [1.0, 2, 3, 100].map { Float(($0 - 2) / std) }
    #expect(features.shape == [4, 1])
    #expect(features.scalars == expected)
  }

  @Test func constantColumnMapsToZero() throws {
    let (encoder, frame, columns) = try fitted(
      "c,y\n0.1,No\n0.1,Yes\n0.1,No\n0.4,No\n", trainRows: [0, 1, 2])
    let (features, _) = try encoder.encode(frame: frame, featureColumns: columns, rows: [0, 1, 2, 3])

    #expect(encoder.features[0].isConstant == true)
    #expect(encoder.features[0].scale == 1)
    #expect(encoder.constantFeatureNames == ["c"])
    #expect(features.scalars.prefix(3).allSatisfy { $0 == 0 })
    #expect(features.scalars[3] == Float(0.4 - 0.1))
  }

  @Test func missingNumbersAreImputedWithTrainingMean() throws {
    let (encoder, frame, columns) = try fitted(
      "x,y\n2,No\nNA,Yes\n4,No\n,Yes\n10,No\n", trainRows: [0, 1, 2])
    let (features, report) = try encoder.encode(frame: frame, featureColumns: columns, rows: [0, 1, 2, 3, 4])

    // Training values 2 and 4 (row 1 is missing): mean 3, std 1.
    #expect(encoder.features[0].mean == 3)
    #expect(encoder.features[0].scale == 1)
    #expect(features.scalars == [-1, 0, 1, 0, 7])
    #expect(report.imputed == [.init(name: "x", count: 2, examples: [])])
  }

  @Test func oneHotSortedWithModeImputation() throws {
    let text = "city,y\nRome,No\nOslo,Yes\nRome,No\nNA,Yes\nParis,No\nLima,No\n"
    let (encoder, frame, columns) = try fitted(text, trainRows: [0, 1, 2, 3])
    let (features, report) = try encoder.encode(frame: frame, featureColumns: columns, rows: [0, 1, 2, 3, 4, 5])

    #expect(encoder.features[0].categories == ["Oslo", "Rome"])
    #expect(encoder.features[0].mode == "Rome")
    #expect(encoder.encodedFeatureNames == ["city=Oslo", "city=Rome"])
    #expect(features.shape == [6, 2])
    // Rows: Rome, Oslo, Rome, missing (imputed Rome), Paris (unseen), Lima (unseen).
    #expect(features.scalars == [0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0])
    #expect(report.imputed == [.init(name: "city", count: 1, examples: [])])
    #expect(report.unseenCategories == [.init(name: "city", count: 2, examples: ["Paris", "Lima"])])
    #expect(report.description.contains("city 2 (\"Paris\", \"Lima\")"))
  }

  @Test func modeTieTakesFirstInOrder() throws {
    let (encoder, _, _) = try fitted("c,y\nb,No\na,Yes\nb,No\na,Yes\n", trainRows: [0, 1, 2, 3])

    #expect(encoder.features[0].mode == "a")
  }

  @Test func jsonRoundTripGivesIdenticalTransforms() throws {
    let text = "x,city,z,y\n1.5,Rome,7,No\n-2,Oslo,NA,Yes\n3.25,NA,7,No\n8,Lima,9,Yes\n"
    let (encoder, frame, columns) = try fitted(text, trainRows: [0, 1, 2])
    let json = try JSONEncoder().encode(encoder)
    let decoded = try JSONDecoder().decode(TabularEncoder.self, from: json)

    #expect(decoded == encoder)
    let rows = [0, 1, 2, 3]
    let original = try encoder.encode(frame: frame, featureColumns: columns, rows: rows)
    let restored = try decoded.encode(frame: frame, featureColumns: columns, rows: rows)
    #expect(restored.features == original.features)
    #expect(restored.report == original.report)
  }

  @Test func encodesNewTableByColumnName() throws {
    let (encoder, frame, columns) = try fitted("x,city,y\n1,Rome,No\n3,Oslo,Yes\n", trainRows: [0, 1])
    let training = try encoder.encode(frame: frame, featureColumns: columns, rows: [0, 1]).features

    // Columns reordered, the target left out, an extra column added.
    let newTable = try parseCSV("extra,city,x\nq,Rome,1\nq,Oslo,3\nq,Kyiv,NA\n")
    let (features, report) = try encoder.encodeFeatures(table: newTable)

    #expect(Array(features.scalars.prefix(6)) == training.scalars)
    #expect(Array(features.scalars.suffix(3)) == [0, 0, 0])
    #expect(report.unseenCategories == [.init(name: "city", count: 1, examples: ["Kyiv"])])
    #expect(report.imputed == [.init(name: "x", count: 1, examples: [])])
  }

  @Test func newTableKeepsTrainingKinds() throws {
    // "city" contains only a number in the new file, but it was categorical in training.
    let (encoder, _, _) = try fitted("x,city,y\n1,10,No\n3,abc,Yes\n", trainRows: [0, 1])
    let (features, _) = try encoder.encodeFeatures(table: try parseCSV("x,city\n1,10\n"))

    #expect(encoder.features[1].categories == ["10", "abc"])
    #expect(features.scalars == [-1, 1, 0])
  }

  @Test func newTableMissingColumn() throws {
    let (encoder, _, _) = try fitted("x,city,y\n1,Rome,No\n3,Oslo,Yes\n", trainRows: [0, 1])
    do {
      _ = try encoder.encodeFeatures(table: try parseCSV("x\n1\n"))
      Issue.record("a table without the city column was accepted")
    } catch {
      #expect(error.problem == .columnNotFound(name: "city", available: ["x"]))
    }
  }

  @Test func newTableNonNumericCell() throws {
    let (encoder, _, _) = try fitted("x,y\n1,No\n3,Yes\n", trainRows: [0, 1])
    do {
      _ = try encoder.encodeFeatures(table: try parseCSV("x\n1\n2\nlots\n"))
      Issue.record("a text cell in a numeric column was accepted")
    } catch {
      #expect(error.problem == .nonNumericCell(value: "lots"))
      #expect(error.line == 4)
      #expect(error.column == 1)
      #expect(error.columnName == "x")
    }
  }
}
