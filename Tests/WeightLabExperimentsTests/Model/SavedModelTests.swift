// Model folders: save and load round trips, predictions that survive the round trip, and the
// errors for missing files, foreign versions, mismatched weights and damaged safetensors.

import Foundation
import Testing
import WeightLab
import WeightLabCore
import WeightLabData

@testable import WeightLabExperiments

/// Returns a path under the temporary directory, unique per call, where nothing exists yet.
private func unusedFolderPath() -> String {
  NSTemporaryDirectory() + "weightlab-model-\(UUID().uuidString)"
}

/// Returns a small classifier over a two-column table (one numeric, one categorical) with seeded weights.
private func sampleModel() throws -> (SavedModel, CSVTable) {
  let text = "income,region,default\n10,north,No\n20,south,Yes\n30,north,No\n40,east,Yes\n50,south,No\n"
  let table = try CSVReader.parse(bytes: Array(text.utf8), path: "sample.csv")
  let dataset = try TabularDataset(
    table: table, target: "default", validationFraction: 0, testFraction: 0, seed: 1)
  let encoder = dataset.encoder
  let network = Sequential(
    inputFeatures: encoder.encodedFeatureCount, hiddenWidths: [5], outputs: 2, activation: .tanh)
  network.initialize(weight: HeUniform(), bias: Constant(value: 0.1), seed: 3)
  let description = ModelDescription(
    weightsID: "test-id",
    architecture: .init(
      inputFeatures: encoder.encodedFeatureCount, hiddenWidths: [5], activation: "tanh", outputs: 2),
    encoder: encoder)
  return (SavedModel(description: description, network: network), table)
}

@Test func savedModelRoundTrip() throws {
  let (model, table) = try sampleModel()
  let folder = unusedFolderPath() + "/nested/model"
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try model.save(to: folder)

  let loaded = try SavedModel(contentsOf: folder)
  #expect(loaded.description == model.description)
  for (saved, restored) in zip(model.network.parameters, loaded.network.parameters) {
    #expect(saved.value == restored.value, "\(saved.path)")
  }
  let before = try model.predict(table: table)
  let after = try loaded.predict(table: table)
  #expect(before.probabilities == after.probabilities)
  #expect(before.csvText() == after.csvText())
}

@Test func savedModelTensorNames() throws {
  let (model, _) = try sampleModel()
  #expect(model.weights.tensors.map(\.name) == ["0.weight", "0.bias", "2.weight", "2.bias"])
  #expect(model.weights.tensor(named: "2.weight")?.shape == [2, 5])
}

@Test func savedModelMissingFolder() {
  let folder = unusedFolderPath()
  #expect(throws: ModelFileError(path: folder + "/model.json", problem: .notFound)) {
    try SavedModel(contentsOf: folder)
  }
}

@Test func savedModelRejectsOtherVersion() throws {
  let (model, _) = try sampleModel()
  let folder = unusedFolderPath()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try model.save(to: folder)
  let path = folder + "/model.json"
  let text = try String(contentsOfFile: path, encoding: .utf8)
    .replacingOccurrences(
      of: "\"formatVersion\" : 1,\n  \"provenance\"", with: "\"formatVersion\" : 99,\n  \"provenance\""
    )
    .replacingOccurrences(
      of: "\"formatVersion\" : 1,\n  \"weightsID\"", with: "\"formatVersion\" : 99,\n  \"weightsID\"")
  try text.write(toFile: path, atomically: true, encoding: .utf8)
  #expect(throws: ModelFileError(path: path, problem: .unsupportedVersion(found: 99, supported: 1))) {
    try SavedModel(contentsOf: folder)
  }
}

@Test func savedModelRejectsWeightsOfOtherSave() throws {
  let (model, _) = try sampleModel()
  let folder = unusedFolderPath()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try model.save(to: folder)
  var other = model
  other.description.weightsID = "other-id"
  try Data(other.weights.encoded()).write(to: URL(fileURLWithPath: folder + "/model.safetensors"))

  #expect {
    try SavedModel(contentsOf: folder)
  } throws: { error in
    guard let error = error as? ModelFileError, case .weightsMismatch = error.problem else { return false }
    return true
  }
}

@Test func savedModelRejectsTruncatedWeights() throws {
  let (model, _) = try sampleModel()
  let folder = unusedFolderPath()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try model.save(to: folder)
  let path = folder + "/model.safetensors"
  let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
  try bytes.prefix(bytes.count - 10).write(to: URL(fileURLWithPath: path))

  #expect {
    try SavedModel(contentsOf: folder)
  } throws: { error in
    guard let error = error as? ModelFileError, case .invalidWeights = error.problem else { return false }
    return true
  }
}

@Test func predictionsCSVQuotesAndScores() throws {
  let (model, table) = try sampleModel()
  let predictions = try model.predict(table: table)
  let lines = predictions.csvText().split(separator: "\n")
  #expect(lines.first == "prediction,probability_No,probability_Yes")
  #expect(lines.count == 6)

  let targets = try #require(try model.description.encoder.target.targets(in: table))
  let scored = try #require(predictions.metrics(against: targets))
  #expect(scored.skipped == 0)
  #expect(scored.metrics.count == 5)
  #expect(TabularPredictions.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
}
