// End-to-end runs of `train` and `compare` on small slices of Fashion-MNIST, and the errors a
// corrupt data file produces. Each test runs the built binary.

import Foundation
import Testing

private let fashionMNISTDirectory = "/usr/share/datasets/fashion-mnist"
private let hasFashionMNIST = FileManager.default.fileExists(
  atPath: fashionMNISTDirectory + "/train-images-idx3-ubyte.gz")

private func jsonObject(_ text: String) throws -> [String: Any] {
  let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
  return try #require(object as? [String: Any])
}

@Suite("train and compare end to end")
struct TrainCompareTests {
  @Test("train prints JSON with the documented keys", .enabled(if: hasFashionMNIST))
  func trainJSON() throws {
    let result = runWeightLab([
      "train", "--limit", "1000", "--epochs", "2", "--layers", "32", "--batch-size", "32", "--reg", "l2:1e-4",
      "--format", "json",
    ])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    let run = try jsonObject(result.stdout)
    #expect(run["initializer"] as? String == "he-normal")
    #expect(run["regularizer"] as? String == "l2:1e-4")
    #expect(run["seed"] as? Int == 0)
    let history = try #require(run["history"] as? [[String: Any]])
    #expect(history.count == 2)
    for key in [
      "epoch", "trainLoss", "penalty", "trainAccuracy", "validationAccuracy", "testAccuracy", "seconds",
      "samplesPerSecond",
    ] {
      #expect(history[0][key] != nil, "history entry lacks \(key)")
    }
    #expect((history[0]["penalty"] as? Double ?? 0) > 0)
    let summary = try #require(run["summary"] as? [String: Any])
    for key in [
      "testAccuracy", "generalizationGap", "samplesPerSecond", "epochsToTarget", "firstEpochLoss",
      "kernelNorm",
      "nearZeroFraction", "exactZeroFraction",
    ] {
      #expect(summary.keys.contains(key), "summary lacks \(key)")
    }
    // 900 training examples, two epochs of 29 steps each, learn far above chance (0.10).
    #expect((summary["testAccuracy"] as? Double ?? 0) > 0.5)
    #expect(result.stderr.contains("epoch 2/2"))
  }

  @Test("train with the same seed prints the same history", .enabled(if: hasFashionMNIST))
  func trainIsReproducible() throws {
    let arguments = [
      "train", "--limit", "500", "--epochs", "1", "--layers", "16", "--format", "json", "--seed", "7",
    ]
    let first = try jsonObject(runWeightLab(arguments).stdout)
    let second = try jsonObject(runWeightLab(arguments).stdout)
    let firstHistory = try #require(first["history"] as? [[String: Any]])
    let secondHistory = try #require(second["history"] as? [[String: Any]])
    #expect(firstHistory[0]["trainLoss"] as? Double == secondHistory[0]["trainLoss"] as? Double)
    #expect(firstHistory[0]["testAccuracy"] as? Double == secondHistory[0]["testAccuracy"] as? Double)
  }

  @Test("compare groups runs and warns about zero initialization", .enabled(if: hasFashionMNIST))
  func compareGroups() throws {
    let result = runWeightLab([
      "compare", "--limit", "600", "--epochs", "1", "--layers", "16", "--init", "zeros,he-normal",
      "--reg", "none,elastic-net:l1=1e-5,l2=1e-4", "--seeds", "2", "--format", "json",
    ])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stderr.contains("warning: 'zeros'"))
    let comparison = try jsonObject(result.stdout)
    let runs = try #require(comparison["runs"] as? [[String: Any]])
    let groups = try #require(comparison["groups"] as? [[String: Any]])
    #expect(runs.count == 8)
    #expect(groups.count == 4)
    #expect(groups.map { $0["regularizer"] as? String ?? "" }.contains("elastic-net:l1=1e-5,l2=1e-4"))
    let zeros = try #require(groups.first { $0["initializer"] as? String == "zeros" })
    let accuracy = try #require(zeros["testAccuracy"] as? [String: Any])
    // Zero kernels never break symmetry, so the network predicts a single class: about 0.1.
    #expect((accuracy["mean"] as? Double ?? 1) < 0.2)
    #expect(accuracy["std"] != nil)
  }

  @Test("compare prints a table with one row per pair", .enabled(if: hasFashionMNIST))
  func compareTable() {
    let result = runWeightLab([
      "compare", "--limit", "300", "--epochs", "1", "--layers", "8", "--init", "xavier-uniform,he-normal",
      "--reg", "none", "--seeds", "1",
    ])
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.first?.hasPrefix("initializer") == true)
    #expect(lines.filter { $0.hasPrefix("xavier-uniform") || $0.hasPrefix("he-normal") }.count == 2)
  }

  @Test("unknown initializer is a usage error that lists names")
  func unknownInitializer() {
    let result = runWeightLab(["train", "--init", "he-normall", "--data-dir", "/nonexistent"])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("he-normal"))
    #expect(result.stderr.contains("xavier-uniform"))
  }

  @Test("corrupt IDX file names the file and exits 1", arguments: ["bad-magic", "truncated", "bad-gzip"])
  func corruptIDX(kind: String) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "weightlab-corrupt-\(kind)-\(getpid())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    // Valid small label and test files, and a broken training-images file.
    func idx(_ dimensions: [UInt32], payload: [UInt8]) -> Data {
      var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
      for dimension in dimensions {
        bytes += [
          UInt8(dimension >> 24), UInt8((dimension >> 16) & 0xff), UInt8((dimension >> 8) & 0xff),
          UInt8(dimension & 0xff),
        ]
      }
      return Data(bytes + payload)
    }
    let images = idx([2, 28, 28], payload: [UInt8](repeating: 7, count: 2 * 784))
    let labels = idx([2], payload: [1, 2])
    let brokenImages: Data
    switch kind {
    case "bad-magic": brokenImages = Data([0x12, 0x34]) + images.dropFirst(2)
    case "truncated": brokenImages = images.prefix(images.count - 100)
    default: brokenImages = Data([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05])
    }
    let imagesName = kind == "bad-gzip" ? "train-images-idx3-ubyte.gz" : "train-images-idx3-ubyte"
    try brokenImages.write(to: directory.appendingPathComponent(imagesName))
    try labels.write(to: directory.appendingPathComponent("train-labels-idx1-ubyte"))
    try images.write(to: directory.appendingPathComponent("t10k-images-idx3-ubyte"))
    try labels.write(to: directory.appendingPathComponent("t10k-labels-idx1-ubyte"))

    let result = runWeightLab(["train", "--data-dir", directory.path, "--epochs", "1"])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 1)
    let errorLine = result.stderr.split(separator: "\n").first { $0.hasPrefix("error: ") } ?? ""
    #expect(errorLine.contains(imagesName), "stderr: \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }
}
