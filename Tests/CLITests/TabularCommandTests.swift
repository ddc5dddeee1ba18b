// Tabular train, save and predict end to end on a synthetic CSV file written by the test, and on
// a slice of Default.csv when scripts/fetch-islp-data.sh has run.

import Foundation
import Testing

/// Writes a CSV file of `rows` rows whose class follows the sign of x1 + x2, and returns its path.
private func writeSyntheticCSV(folder: String, rows: Int = 200) throws -> String {
  var lines = ["x1,x2,color,label"]
  for row in 0..<rows {
    // A deterministic spread of points: a golden-ratio sequence mapped to [-1, 1].
    let x1 = (Double(row) * 0.618_034).truncatingRemainder(dividingBy: 1) * 2 - 1
    let x2 = (Double(row) * 0.414_214).truncatingRemainder(dividingBy: 1) * 2 - 1
    let color = ["red", "green", "blue"][row % 3]
    lines.append("\(x1),\(x2),\(color),\(x1 + x2 > 0 ? "yes" : "no")")
  }
  let path = folder + "/synthetic.csv"
  try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

private func makeFolder() throws -> String {
  let path = NSTemporaryDirectory() + "weightlab-tabular-\(UUID().uuidString)"
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  return path
}

@Test func tabularTrainSavePredict() throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let csv = try writeSyntheticCSV(folder: folder)

  let train = runWeightLab([
    "train", "--data", csv, "--target", "label", "--layers", "8", "--epochs", "30", "--patience", "5",
    "--learning-rate", "0.01", "--batch-size", "16", "--save", folder + "/model", "--out", folder + "/runs",
  ])
  expectNoCrashTrace(train)
  #expect(train.exitCode == 0, "\(train.stderr)")
  #expect(train.stderr.contains("target: label, binary"))
  #expect(train.stdout.contains("ROC AUC"))
  #expect(FileManager.default.fileExists(atPath: folder + "/model/model.safetensors"))
  #expect(FileManager.default.fileExists(atPath: folder + "/model/model.json"))

  let predict = runWeightLab([
    "predict", "--model", folder + "/model", "--data", csv, "--output", folder + "/predictions.csv",
  ])
  expectNoCrashTrace(predict)
  #expect(predict.exitCode == 0, "\(predict.stderr)")
  #expect(predict.stderr.contains("metrics on the 200 rows"))
  let output = try String(contentsOfFile: folder + "/predictions.csv", encoding: .utf8)
  let lines = output.split(separator: "\n")
  #expect(lines.first == "prediction,probability_no,probability_yes")
  #expect(lines.count == 201)
}

@Test func tabularAutoRegularizationPath() throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let csv = try writeSyntheticCSV(folder: folder)

  let result = runWeightLab([
    "train", "--data", csv, "--target", "label", "--layers", "8", "--epochs", "3", "--reg", "l2:auto",
    "--format", "json", "--out", folder + "/runs",
  ])
  #expect(result.exitCode == 0, "\(result.stderr)")
  let json = try #require(
    JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  let path = try #require(json["regularizationPath"] as? [[String: Any]])
  #expect(path.count == 11)
  for point in path {
    #expect(point["validationLoss"] is Double)
    #expect(point["validationLossStd"] is Double)
    #expect(point["divergedFolds"] as? Int == 0)
  }
  #expect((json["chosenRegularizer"] as? String)?.hasPrefix("l2:") == true)
  #expect(json["test"] is [String: Any])
}

/// Trains 4 epochs straight, then 2 epochs and a `--resume` to 4 in another folder, and compares the
/// checkpoints (weights, best weights, optimizer state) and the saved weights byte for byte.
@Test(
  "tabular train --resume matches an uninterrupted run",
  arguments: [
    ["--optimizer", "adam"],
    [
      // The validation loss is lowest at epoch 2 at this learning rate, so the resumed run must
      // carry the best weights over from the checkpoint to keep them at the end.
      "--optimizer", "sgd", "--momentum", "0.9", "--learning-rate", "0.3", "--patience", "3",
      "--class-weights", "balanced",
    ],
  ])
func tabularTrainResumeIsBitIdentical(settings: [String]) throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let csv = try writeSyntheticCSV(folder: folder)
  let common =
    ["train", "--data", csv, "--target", "label", "--layers", "8", "--batch-size", "16"] + settings

  let full = runWeightLab(
    common + ["--epochs", "4", "--out", folder + "/straight", "--save", folder + "/straight-model"])
  let half = runWeightLab(common + ["--epochs", "2", "--out", folder + "/split"])
  let rest = runWeightLab(
    common + ["--epochs", "4", "--out", folder + "/split", "--save", folder + "/split-model", "--resume"])

  expectNoCrashTrace(rest)
  #expect(full.exitCode == 0, "stderr: \(full.stderr)")
  #expect(half.exitCode == 0, "stderr: \(half.stderr)")
  #expect(rest.exitCode == 0, "stderr: \(rest.stderr)")
  #expect(rest.stderr.contains("resuming from"), "stderr: \(rest.stderr)")
  #expect(!rest.stderr.contains("epoch 1:"), "stderr: \(rest.stderr)")
  #expect(rest.stderr.contains("epoch 3:"), "stderr: \(rest.stderr)")
  let checkpoint = "/checkpoints/train/checkpoint.safetensors"
  let expected = try safetensorsTensors(atPath: folder + "/straight" + checkpoint)
  let actual = try safetensorsTensors(atPath: folder + "/split" + checkpoint)
  #expect(expected.keys.contains("parameter/dense1.weight"))
  #expect(actual == expected)
  let expectedModel = try safetensorsTensors(atPath: folder + "/straight-model/model.safetensors")
  let actualModel = try safetensorsTensors(atPath: folder + "/split-model/model.safetensors")
  #expect(!expectedModel.isEmpty)
  #expect(actualModel == expectedModel)
}

@Test func tabularResumeRejectsOtherTarget() throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let csv = try writeSyntheticCSV(folder: folder)
  let common = ["train", "--data", csv, "--layers", "8", "--epochs", "2", "--out", folder + "/runs"]

  let first = runWeightLab(common + ["--target", "label"])
  let second = runWeightLab(common + ["--target", "x1", "--resume"])

  #expect(first.exitCode == 0, "stderr: \(first.stderr)")
  #expect(second.exitCode == 1, "stderr: \(second.stderr)")
  #expect(second.stderr.contains("belongs to another configuration"), "stderr: \(second.stderr)")
}

@Test func tabularAutoResumeKeepsEpochs() throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let csv = try writeSyntheticCSV(folder: folder)
  let common = [
    "train", "--data", csv, "--target", "label", "--layers", "8", "--reg", "l2:auto", "--out",
    folder + "/runs",
  ]

  let first = runWeightLab(common + ["--epochs", "2"])
  let longer = runWeightLab(common + ["--epochs", "3", "--resume"])

  expectNoCrashTrace(longer)
  #expect(first.exitCode == 0, "stderr: \(first.stderr)")
  #expect(longer.exitCode == 1, "stderr: \(longer.stderr)")
  #expect(longer.stderr.contains("a resumed run must keep it. Give --epochs 2"), "stderr: \(longer.stderr)")
}

@Test func predictWritesNothingOnError() throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let csv = try writeSyntheticCSV(folder: folder)
  let train = runWeightLab([
    "train", "--data", csv, "--target", "label", "--layers", "4", "--epochs", "1", "--save",
    folder + "/model",
    "--out", folder + "/runs",
  ])
  #expect(train.exitCode == 0, "\(train.stderr)")

  // The second data row has a word in the numeric column x2.
  let bad = folder + "/bad.csv"
  try "x1,x2,color\n0.5,0.1,red\n0.2,oops,blue\n".write(toFile: bad, atomically: true, encoding: .utf8)
  let output = folder + "/predictions.csv"
  let result = runWeightLab(["predict", "--model", folder + "/model", "--data", bad, "--output", output])
  expectNoCrashTrace(result)
  #expect(result.exitCode == 1)
  #expect(result.stderr.contains("bad.csv, line 3, column 2 (x2)"))
  #expect(result.stdout.isEmpty)
  #expect(!FileManager.default.fileExists(atPath: output))
}

@Test func predictMissingModelFails() {
  let result = runWeightLab(["predict", "--model", "/nonexistent/model", "--data", "x.csv"])
  expectNoCrashTrace(result)
  #expect(result.exitCode == 1)
  #expect(result.stderr.contains("/nonexistent/model/model.json: file not found"))
}

@Test func predictNeedsModelOption() {
  let result = runWeightLab(["predict", "--data", "x.csv"])
  #expect(result.exitCode == 64)
  #expect(result.stderr.contains("missing option '--model <folder>'"))
}

/// The ISLP folder, found from this file's path.
private let defaultCSV = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("data/islp/Default.csv").path

@Test(.enabled(if: FileManager.default.fileExists(atPath: defaultCSV), "needs data/islp/Default.csv"))
func tabularDefaultSlice() throws {
  let folder = try makeFolder()
  defer { try? FileManager.default.removeItem(atPath: folder) }
  let lines = try String(contentsOfFile: defaultCSV, encoding: .utf8).split(separator: "\n").prefix(2001)
  let slice = folder + "/default-slice.csv"
  try (lines.joined(separator: "\n") + "\n").write(toFile: slice, atomically: true, encoding: .utf8)

  let result = runWeightLab([
    "train", "--data", slice, "--target", "default", "--layers", "8", "--epochs", "5", "--class-weights",
    "balanced", "--out", folder + "/runs",
  ])
  expectNoCrashTrace(result)
  #expect(result.exitCode == 0, "\(result.stderr)")
  #expect(result.stdout.contains("class weights (balanced)"))
  #expect(result.stdout.contains("balanced accuracy"))
}
