// End-to-end tests of weight normalization and the orthogonal rule on the command line: the
// catalog entries, the option's errors, and a short run of each.

import Foundation
import Testing

private let hasFashionMNIST = FileManager.default.fileExists(
  atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

@Suite("parametrizations end to end")
struct ParametrizationCommandTests {
  @Test("list shows weight-norm and the orthogonal rule")
  func listEntries() {
    let parametrizations = runWeightLab(["list", "--kind", "parametrizations"])
    #expect(parametrizations.exitCode == 0, "stderr: \(parametrizations.stderr)")
    #expect(parametrizations.stdout.hasPrefix("PARAMETRIZATIONS"))
    #expect(parametrizations.stdout.contains("weight-norm"))
    #expect(parametrizations.stdout.contains("W = g·v/‖v‖"))

    let constraints = runWeightLab(["list", "--kind", "constraints"])
    #expect(constraints.exitCode == 0, "stderr: \(constraints.stderr)")
    #expect(constraints.stdout.contains("  orthogonal\n"))
    #expect(constraints.stdout.contains("parametrizations.orthogonal"))
  }

  @Test("parametrization orthogonal points to the rule")
  func orthogonalParametrizationRejected() {
    let result = runWeightLab(["train", "--parametrization", "orthogonal"])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("--reg orthogonal"), "stderr: \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test("unknown parametrization lists the valid names")
  func unknownParametrizationRejected() {
    let result = runWeightLab(["train", "--parametrization", "weight-nrom"])
    #expect(result.exitCode == 64)
    #expect(result.stderr.contains("none, weight-norm"), "stderr: \(result.stderr)")
  }

  @Test("train with weight-norm and the orthogonal rule", .enabled(if: hasFashionMNIST))
  func trainWeightNormOrthogonal() throws {
    let result = runWeightLab([
      "train", "--limit", "1000", "--epochs", "1", "--layers", "32", "--batch-size", "32",
      "--parametrization", "weight-norm", "--init", "orthogonal", "--reg", "orthogonal", "--format", "json",
    ])
    expectNoCrashTrace(result)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let run = try #require(object as? [String: Any])
    let configuration = try #require(run["configuration"] as? [String: Any])
    #expect(configuration["parametrization"] as? String == "weight-norm")
    #expect(run["regularizer"] as? String == "orthogonal")
    let summary = try #require(run["summary"] as? [String: Any])
    #expect((summary["testAccuracy"] as? Double ?? 0) > 0.5)
  }
}
