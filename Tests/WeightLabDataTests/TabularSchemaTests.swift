// Tests of column kind inference: numeric and categorical columns, missing cells, dropped
// columns, and kinds the caller forces.

import Testing

@testable import WeightLabData

@Suite struct TabularSchemaTests {
  @Test func infersKindsAndMissingCounts() throws {
    let table = try parseCSV(
      """
      age,city,income,code,empty
      34, Oslo ,"1,250.5",007,NA
      NA,Rome,  980 ,12,
      51,,NaN,3,null
      """)
    let schema = try TabularSchema.infer(table: table)

    #expect(schema.columns.map(\.name) == ["age", "city", "income", "code"])
    #expect(schema.columns.map(\.kind) == [.numeric, .categorical, .categorical, .numeric])
    #expect(schema.columns.map(\.missingCount) == [1, 1, 1, 0])
    #expect(schema.droppedColumns == ["empty"])
  }

  @Test func quotedNumbersAreNumeric() throws {
    let table = try parseCSV("hr,temp\n\"0\",0.24\n\"1\",0.22\n")
    let schema = try TabularSchema.infer(table: table)

    #expect(schema.columns.map(\.kind) == [.numeric, .numeric])
  }

  @Test func categoriesAreTrimmed() throws {
    let table = try parseCSV("city\n Oslo\nOslo \n\"  Oslo\"\nRome\n")
    let frame = try TabularFrame(table: table, columnKinds: [:])

    #expect(frame.values[0] == .categorical(codes: [0, 0, 0, 1], levels: ["Oslo", "Rome"]))
  }

  @Test func forcedCategoricalKeepsNumberText() throws {
    let table = try parseCSV("zip,n\n0101,1\n0202,2\n")
    let frame = try TabularFrame(table: table, columnKinds: ["zip": .categorical])

    #expect(frame.values[0] == .categorical(codes: [0, 1], levels: ["0101", "0202"]))
    #expect(frame.values[1] == .numeric([1, 2]))
  }

  @Test func forcedNumericRejectsTextCell() throws {
    let table = try parseCSV("a,b\n1,2\n3,4\n\"x\ny\",5\n6,seven\n")
    do {
      _ = try TabularSchema.infer(table: table, columnKinds: ["b": .numeric])
      Issue.record("a non-numeric cell in a column forced numeric was accepted")
    } catch {
      #expect(error.problem == .nonNumericCell(value: "seven"))
      #expect(error.line == 6)
      #expect(error.column == 2)
      #expect(error.columnName == "b")
      #expect(error.description.contains("test.csv, line 6, column 2 (b): \"seven\" is not a number"))
    }
  }

  @Test func forcedKindOfUnknownColumn() throws {
    let table = try parseCSV("a,b\n1,2\n")
    do {
      _ = try TabularSchema.infer(table: table, columnKinds: ["c": .numeric])
      Issue.record("a kind for a column that does not exist was accepted")
    } catch {
      #expect(error.problem == .columnNotFound(name: "c", available: ["a", "b"]))
    }
  }
}
