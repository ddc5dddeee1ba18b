// libFuzzer harness for saved models. An input is model.json, a zero byte, then model.safetensors.
// The safetensors part is decoded on its own and must survive an encode-decode round trip. Then
// both files are written to a scratch folder and loaded with `SavedModel(contentsOf:)`, and a
// loaded model predicts one row. Anything may throw, but nothing may trap or allocate far beyond
// the input's size.

import Foundation
import WeightLabData
import WeightLabExperiments

/// A folder of this process's own, on a memory file system when there is one, removed at exit.
private let scratchFolder: URL = {
  let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
  let folder = URL(fileURLWithPath: base).appendingPathComponent("weightlab-fuzz-model-\(getpid())")
  try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  atexit {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    try? FileManager.default.removeItem(atPath: base + "/weightlab-fuzz-model-\(getpid())")
  }
  return folder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModel(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  let separator = bytes.firstIndex(of: 0) ?? bytes.endIndex
  let json = Data(bytes[..<separator])
  let weights = separator < bytes.endIndex ? Array(bytes[(separator + 1)...]) : []

  if let decoded = try? Safetensors(decoding: weights, path: "model.safetensors") {
    checkRoundTrip(decoded)
  }

  let jsonURL = scratchFolder.appendingPathComponent(SavedModel.descriptionFileName)
  let weightsURL = scratchFolder.appendingPathComponent(SavedModel.weightsFileName)
  guard (try? json.write(to: jsonURL)) != nil, (try? Data(weights).write(to: weightsURL)) != nil else {
    fatalError("cannot write to the scratch folder \(scratchFolder.path)")
  }
  guard let model = try? SavedModel(contentsOf: scratchFolder.path) else { return 0 }
  predictOneRow(model)
  return 0
}

/// Checks that encoding a decoded file and decoding it again gives the same bytes.
private func checkRoundTrip(_ decoded: Safetensors) {
  let encoded = decoded.encoded()
  guard let again = try? Safetensors(decoding: encoded, path: "round-trip.safetensors") else {
    fatalError("the reader rejects what the writer wrote for \(decoded.tensors.map(\.name))")
  }
  guard again.encoded() == encoded else {
    fatalError("an encode-decode round trip changed \(decoded.tensors.map(\.name))")
  }
}

/// Predicts a one-row table whose cells are all "1", with a column for every input the model reads.
private func predictOneRow(_ model: SavedModel) {
  let names = model.description.encoder.features.map(\.name)
  guard !names.isEmpty else { return }
  let header = names.map(quoted).joined(separator: ",")
  let row = Array(repeating: "1", count: names.count).joined(separator: ",")
  guard let table = try? CSVReader.parse(bytes: Array("\(header)\n\(row)\n".utf8), path: "rows.csv") else {
    return
  }
  _ = try? model.predict(table: table)
}

private func quoted(_ name: String) -> String {
  "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
