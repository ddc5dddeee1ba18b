// Model folders that the model fuzzer (Fuzz/model) found to break `SavedModel(contentsOf:)`,
// kept as regression tests. Each test states what the input triggered before the fix.

import Foundation
import Testing

@testable import WeightLabExperiments

/// The fuzzer's model.json: a binary classifier with 3 encoded inputs whose architecture claims
/// two hidden layers of 200000 units.
private let hugeHiddenLayersJSON = """
  {"format":"weightlab-tabular-model","formatVersion":1,"weightsID":"w1",\
  "architecture":{"inputFeatures":3,"hiddenWidths":[200000,200000],"activation":"relu","outputs":2},\
  "encoder":{"formatVersion":1,"features":[\
  {"name":"x","kind":"numeric","mean":1.5,"scale":0.5,"isConstant":false},\
  {"name":"c","kind":"categorical","categories":["a","b"],"mode":"a"}],\
  "target":{"name":"y","task":"binary","classNames":["no","yes"],"mean":0,"scale":1}}}
  """

/// Returns a weights file for a network of layer `widths`, inputs first, with every scalar 0.1.
private func smallWeights(widths: [Int]) -> Safetensors {
  var tensors = [Safetensors.Entry]()
  for layer in 0..<widths.count - 1 {
    let names = ModelDescription.tensorNames(layer: layer)
    let weightShape = [widths[layer + 1], widths[layer]]
    tensors.append(
      Safetensors.Entry(
        name: names.weight, shape: weightShape,
        scalars: Array(repeating: 0.1, count: weightShape[0] * weightShape[1])))
    tensors.append(
      Safetensors.Entry(
        name: names.bias, shape: [widths[layer + 1]], scalars: Array(repeating: 0.1, count: widths[layer + 1])
      ))
  }
  return Safetensors(tensors: tensors, metadata: ["format": "pt", "weightlab_weights_id": "w1"])
}

/// Writes `json` and `weights` into a new folder and returns the `ModelFileError` that loading it throws.
private func loadError(json: String, weights: Safetensors) throws -> ModelFileError? {
  let folder = NSTemporaryDirectory() + "weightlab-fuzz-model-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: folder) }
  try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/model.json"))
  try Data(weights.encoded()).write(to: URL(fileURLWithPath: folder + "/model.safetensors"))
  do {
    _ = try SavedModel(contentsOf: folder)
    return nil
  } catch {
    return error
  }
}

/// The fuzzer's input: model.json claims 3-200000-200000-2, the weights file contains a 3-2-2 network
/// in 64 bytes of scalars. The loader built the network from model.json before it compared the
/// weights, so it tried to allocate 200000 x 200000 Float32 weights (160 GB) and crashed.
@Test func modelClaimingHugeLayersIsRejected() throws {
  let error = try #require(
    try loadError(json: hugeHiddenLayersJSON, weights: smallWeights(widths: [3, 2, 2])))

  guard case .weightsMismatch(let reason) = error.problem else {
    Issue.record("expected a weights mismatch, got \(error)")
    return
  }
  #expect(reason.contains("4 tensors"))
}

/// The same claim with as many tensors as the architecture names: the first shape that differs
/// is reported, still before the network is built.
@Test func modelClaimingHugeLayerShapesIsRejected() throws {
  let error = try #require(
    try loadError(json: hugeHiddenLayersJSON, weights: smallWeights(widths: [3, 2, 2, 2])))

  guard case .weightsMismatch(let reason) = error.problem else {
    Issue.record("expected a weights mismatch, got \(error)")
    return
  }
  #expect(reason.contains("'0.weight' has shape [2, 3], expected [200000, 3]"))
}
