// `weightlab probe` on CSV data: the probe batch comes from the file's training rows and the
// gradient from the task's loss, cross-entropy or mean squared error.

import Foundation
import Testing

/// Writes a CSV with two numeric features, a category, a binary class and a numeric target.
private func writeProbeCSV() throws -> (folder: String, path: String) {
  let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
    "weightlab-probe-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  var lines = ["x1,x2,color,label,amount"]
  for row in 0..<120 {
    let x1 = Double(row % 17) / 4 - 2
    let x2 = Double((row * 7) % 13) / 3 - 2
    let color = ["red", "green", "blue"][row % 3]
    lines.append("\(x1),\(x2),\(color),\(x1 + x2 > 0 ? "yes" : "no"),\(3 * x1 - x2 + 0.25)")
  }
  let path = folder.appendingPathComponent("probe.csv").path
  try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
  return (folder.path, path)
}

@Suite("probe on CSV data")
struct ProbeTabularTests {
  @Test("CSV probe uses the task loss", arguments: ["label", "amount"])
  func probeCSV(target: String) throws {
    let (folder, path) = try writeProbeCSV()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let result = runWeightLab([
      "probe", "--data", path, "--target", target, "--layers", "6x16", "--activation", "tanh",
      "--init", "normal:std=0.01,xavier-normal", "--batch-size", "64", "--format", "json",
    ])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let profiles = try #require(json["profiles"] as? [[String: Any]])
    #expect(profiles.count == 2)
    // The task decides the output layer: two classes for the label, one output for the amount.
    #expect(result.stderr.contains(target == "label" ? "binary" : "regression"))
    let small = try #require(profiles.first { $0["initializer"] as? String == "normal:std=0.01" })
    let verdict = try #require(small["verdict"] as? [String: Any])
    #expect(verdict["health"] as? String == "vanishing")
  }

  @Test("Task without a target is a usage error")
  func taskNeedsTarget() {
    let result = runWeightLab(["probe", "--task", "binary"])
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("--target"))
  }
}
