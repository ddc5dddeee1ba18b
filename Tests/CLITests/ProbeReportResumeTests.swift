// End-to-end runs of `probe`, `compare --resume` and `report` on small slices of Fashion-MNIST.

import Foundation
import Testing

private let probeDataAvailable = FileManager.default.fileExists(
  atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

@Suite("probe, resume and report end to end")
struct ProbeReportResumeTests {
  @Test("probe shows Xavier vanishing under ReLU", .enabled(if: probeDataAvailable))
  func probeReLU() {
    let result = runWeightLab([
      "probe", "--layers", "20x64", "--activation", "relu", "--init", "xavier-normal,he-normal",
      "--batch-size", "128",
    ])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.contains("xavier-normal: VANISHING"))
    #expect(result.stdout.contains("he-normal: HEALTHY"))
    #expect(result.stdout.contains("recommendation: he-normal"))
  }

  @Test("compare --resume skips finished runs", .enabled(if: probeDataAvailable))
  func resumeSkipsFinishedRuns() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "weightlab-resume-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let arguments = [
      "compare", "--limit", "500", "--epochs", "1", "--layers", "16", "--init", "he-normal,xavier-uniform",
      "--reg", "none", "--seeds", "2", "--out", folder,
    ]

    let first = runWeightLab(arguments)
    let resumed = runWeightLab(arguments + ["--resume", "--report"])
    let report = runWeightLab(["report", "--out", folder, "--output", folder + "/again.html"])

    expectNoCrashTrace(first)
    expectNoCrashTrace(resumed)
    #expect(first.exitCode == 0, "stderr: \(first.stderr)")
    #expect(resumed.exitCode == 0, "stderr: \(resumed.stderr)")
    #expect(resumed.stderr.contains("resumed: skipped 4 of 4 runs"))
    #expect(
      resumed.stderr.components(separatedBy: ": skipped, finished earlier as stored run").count - 1 == 4)
    #expect(!resumed.stderr.contains("epoch 1/1"))
    #expect(report.exitCode == 0, "stderr: \(report.stderr)")
    #expect(report.stderr.contains("(4 runs)"))
    let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
    #expect(html.components(separatedBy: "<td>finished</td>").count - 1 == 4)
  }

  @Test("report without a store fails")
  func reportWithoutStore() {
    let result = runWeightLab(["report", "--store", "/nonexistent/weightlab/runs.sqlite"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 1)
    #expect(result.stderr.contains("run store '/nonexistent/weightlab/runs.sqlite' not found"))
  }
}
