// libFuzzer harness for the tabular path: CSV bytes are parsed, their schema inferred, and the
// table prepared with its last column as the target, then encoded again as a predict run would.
// Any input may be rejected with a CSVError, but nothing may trap, and every encoded value is finite.

import WeightLabCore
import WeightLabData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  guard let table = try? CSVReader.parse(bytes: bytes, path: "input.csv") else { return 0 }
  for row in 0..<table.rowCount {
    _ = table.line(ofRow: row)
    for column in 0..<table.columnCount { _ = table.field(row: row, column: column) }
  }

  _ = try? TabularSchema.infer(table: table)
  guard let target = table.header.last,
    let dataset = try? TabularDataset(table: table, target: target, seed: 0)
  else { return 0 }
  _ = dataset.summary.description

  switch dataset.splits {
  case .classification(let splits):
    for part in [splits.train, splits.validation, splits.test] {
      checkFinite(part.features, "classification features")
      precondition(part.labels.allSatisfy { $0 >= 0 && Int($0) < part.classCount }, "label out of range")
    }
  case .regression(let splits):
    for part in [splits.train, splits.validation, splits.test] {
      checkFinite(part.features, "regression features")
      precondition(part.targets.allSatisfy(\.isFinite), "a standardized target is not finite")
    }
  }

  // The predict path: the fitted encoder reads the same table again by column name.
  if let encoded = try? dataset.encoder.encodeFeatures(table: table) {
    checkFinite(encoded.features, "re-encoded features")
    _ = encoded.report.description
  }
  _ = try? dataset.encoder.target.targets(in: table)
  return 0
}

private func checkFinite(_ tensor: Tensor, _ what: String) {
  if let bad = tensor.scalars.firstIndex(where: { !$0.isFinite }) {
    fatalError("\(what): element \(bad) of shape \(tensor.shape) is \(tensor.scalars[bad])")
  }
}
