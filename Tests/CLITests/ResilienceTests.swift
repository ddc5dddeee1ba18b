// Attacks on a running `weightlab`: SIGKILL at random moments, SIGINT mid-epoch, a diverging
// run inside a comparison, and two comparisons writing one run store while a report reads it.

import Foundation
import Testing

private let dataAvailable = FileManager.default.fileExists(
  atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")

private func temporaryFolder(_ name: String) -> String {
  FileManager.default.temporaryDirectory.appendingPathComponent("weightlab-\(name)-\(UUID().uuidString)").path
}

/// 8 runs of 3 epochs on 1,500 rows in batches of 16: about 11 s in a debug build on one core,
/// long enough that most kill delays land in training rather than in data loading.
private let killGrid = [
  "compare", "--limit", "1500", "--batch-size", "16", "--epochs", "3", "--layers", "16", "--init",
  "xavier-uniform,he-normal", "--reg", "none,l2:1e-4", "--seeds", "2", "--format", "json",
]

@Suite("resilience to kills, signals, divergence and concurrent writers", .serialized)
struct ResilienceTests {
  @Test("compare survives random SIGKILLs", .enabled(if: dataAvailable))
  func killedCompareResumes() throws {
    let reference = temporaryFolder("kill-reference")
    let attacked = temporaryFolder("kill-attacked")
    defer {
      try? FileManager.default.removeItem(atPath: reference)
      try? FileManager.default.removeItem(atPath: attacked)
    }
    let uninterrupted = runWeightLab(killGrid + ["--out", reference])
    #expect(uninterrupted.exitCode == 0, "stderr: \(uninterrupted.stderr)")

    var generator = SplitMix64(state: 20_240_531)
    var kills: [String] = []
    var checkpointResumes = 0
    for attempt in 0..<4 {
      let delay = Double.random(in: 0.3...2.5, using: &generator)
      let arguments = killGrid + ["--out", attacked] + (attempt == 0 ? [] : ["--resume"])
      guard let child = LaunchedWeightLab(arguments) else { return }
      Thread.sleep(forTimeInterval: delay)
      let killed = child.send(SIGKILL)
      let status = child.waitForExit()
      checkpointResumes += child.stderr.components(separatedBy: "resumed from its checkpoint").count - 1
      kills.append(
        String(format: "%.2f s: %@", delay, killed ? "killed (\(status))" : "had exited (\(status))"))
      #expect(!child.stderr.contains("Fatal error"), "stderr: \(child.stderr)")
    }
    let final = runWeightLab(killGrid + ["--out", attacked, "--resume"])
    print("kill delays: \(kills.joined(separator: "; ")); resumes from a checkpoint: \(checkpointResumes)")

    expectNoCrashTrace(final)
    #expect(final.exitCode == 0, "stderr: \(final.stderr)")
    #expect(try jsonWithoutTimings(final.stdout) == jsonWithoutTimings(uninterrupted.stdout))
    if let integrity = sqliteShell(attacked + "/runs.sqlite", "PRAGMA integrity_check") {
      #expect(integrity == "ok")
    }
    if let unfinished = sqliteShell(
      attacked + "/runs.sqlite", "SELECT count(*) FROM runs WHERE status != 'finished'")
    {
      #expect(unfinished == "0")
    }
  }

  @Test("compare resumes after SIGINT mid-run", .enabled(if: dataAvailable))
  func interruptedCompareResumes() throws {
    let reference = temporaryFolder("interrupt-reference")
    let interrupted = temporaryFolder("interrupt")
    defer {
      try? FileManager.default.removeItem(atPath: reference)
      try? FileManager.default.removeItem(atPath: interrupted)
    }
    let uninterrupted = runWeightLab(killGrid + ["--out", reference])
    guard let child = LaunchedWeightLab(killGrid + ["--out", interrupted]) else { return }
    #expect(child.waitForStandardError(containing: "run 2/8"))
    Thread.sleep(forTimeInterval: 0.2)
    child.send(SIGINT)
    let status = child.waitForExit()
    let resumed = runWeightLab(killGrid + ["--out", interrupted, "--resume"])

    #expect(status == 130, "stderr: \(child.stderr)")
    #expect(child.stderr.contains("interrupted by SIGINT in run 2 "), "stderr: \(child.stderr)")
    #expect(child.stderr.contains("resume with: weightlab compare"))
    #expect(resumed.exitCode == 0, "stderr: \(resumed.stderr)")
    #expect(
      resumed.stderr.contains("run 2/8: init xavier-uniform, reg none, seed 1: resumed from its checkpoint"))
    #expect(try jsonWithoutTimings(resumed.stdout) == jsonWithoutTimings(uninterrupted.stdout))
  }

  @Test(
    "train --resume matches an uninterrupted run", .enabled(if: dataAvailable),
    arguments: [
      ["--optimizer", "sgd", "--momentum", "0.9", "--learning-rate", "0.05"], ["--optimizer", "adam"],
    ])
  func trainResumeIsBitIdentical(optimizer: [String]) throws {
    let straight = temporaryFolder("train-straight")
    let split = temporaryFolder("train-split")
    defer {
      try? FileManager.default.removeItem(atPath: straight)
      try? FileManager.default.removeItem(atPath: split)
    }
    let common = ["train", "--limit", "1000", "--layers", "16"] + optimizer

    let full = runWeightLab(common + ["--epochs", "4", "--out", straight])
    let half = runWeightLab(common + ["--epochs", "2", "--out", split])
    let rest = runWeightLab(common + ["--epochs", "4", "--out", split, "--resume"])

    #expect(full.exitCode == 0, "stderr: \(full.stderr)")
    #expect(half.exitCode == 0, "stderr: \(half.stderr)")
    #expect(rest.exitCode == 0, "stderr: \(rest.stderr)")
    #expect(rest.stderr.contains("resuming from"))
    #expect(!rest.stderr.contains("epoch 1/4"))
    let checkpoint = "/checkpoints/train/checkpoint.safetensors"
    let expected = try safetensorsTensors(atPath: straight + checkpoint)
    let actual = try safetensorsTensors(atPath: split + checkpoint)
    #expect(expected.keys.contains("parameter/dense1.weight"))
    #expect(actual == expected)
  }

  @Test("train resumes after SIGINT mid-epoch", .enabled(if: dataAvailable))
  func trainInterruptedMidEpoch() throws {
    let straight = temporaryFolder("sigint-straight")
    let split = temporaryFolder("sigint-split")
    defer {
      try? FileManager.default.removeItem(atPath: straight)
      try? FileManager.default.removeItem(atPath: split)
    }
    let common = ["train", "--limit", "3000", "--batch-size", "4", "--layers", "16", "--epochs", "2"]

    let full = runWeightLab(common + ["--out", straight])
    guard let child = LaunchedWeightLab(common + ["--out", split]) else { return }
    #expect(child.waitForStandardError(containing: "training "))
    Thread.sleep(forTimeInterval: 0.5)
    child.send(SIGINT)
    let status = child.waitForExit()
    let rest = runWeightLab(common + ["--out", split, "--resume"])

    #expect(full.exitCode == 0, "stderr: \(full.stderr)")
    #expect(status == 130, "stderr: \(child.stderr)")
    #expect(child.stderr.contains("interrupted by SIGINT at epoch 1, step "), "stderr: \(child.stderr)")
    #expect(child.stderr.contains("resume with: weightlab train"))
    #expect(rest.exitCode == 0, "stderr: \(rest.stderr)")
    let checkpoint = "/checkpoints/train/checkpoint.safetensors"
    #expect(
      try safetensorsTensors(atPath: split + checkpoint) == safetensorsTensors(atPath: straight + checkpoint))
  }

  @Test("train --resume rejects another configuration", .enabled(if: dataAvailable))
  func trainResumeRejectsMismatch() {
    let folder = temporaryFolder("mismatch")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let common = ["train", "--limit", "500", "--layers", "16", "--epochs", "1", "--out", folder]

    _ = runWeightLab(common)
    let result = runWeightLab(common + ["--learning-rate", "0.01", "--resume"])

    expectNoCrashTrace(result)
    #expect(result.exitCode == 1)
    #expect(
      result.stderr.contains("learningRate is 0.001 in the checkpoint but 0.01 now"), "\(result.stderr)")
  }

  @Test("diverging run is marked and compare continues", .enabled(if: dataAvailable))
  func divergingRunInComparison() throws {
    let folder = temporaryFolder("diverge")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    // Weights with std 1e30 overflow Float32 in the second layer's output at the first step.
    let common = [
      "compare", "--limit", "600", "--epochs", "2", "--layers", "16", "--init", "he-normal,normal:std=1e30",
      "--reg", "none", "--seeds", "1", "--out", folder,
    ]

    let json = runWeightLab(common + ["--format", "json"])
    let text = runWeightLab(common + ["--resume"])

    expectNoCrashTrace(json)
    #expect(json.exitCode == 0, "stderr: \(json.stderr)")
    #expect(json.stderr.contains("warning: run 2 diverged: the loss became"))
    #expect(json.stderr.contains("at step 1 (epoch 1)"))
    #expect(json.stderr.contains("the output of dense2 was the first non-finite activation"))
    #expect(json.stderr.contains("Likely causes: a learning rate too high for this initializer"))
    #expect(json.stderr.contains("The comparison continues with the other runs."))
    #expect(json.stdout.contains("\"divergedRuns\" : 1"))
    #expect(text.stdout.contains("normal:std=1e30 [1 diverged]"))
    if let statuses = sqliteShell(folder + "/runs.sqlite", "SELECT status FROM runs ORDER BY id") {
      #expect(statuses == "finished\ndiverged")
    }
  }

  @Test("two compares share one store while report reads", .enabled(if: dataAvailable))
  func concurrentWriters() throws {
    let folder = temporaryFolder("concurrent")
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let common = [
      "compare", "--limit", "600", "--epochs", "2", "--layers", "16", "--seeds", "2", "--out", folder,
    ]

    guard
      let first = LaunchedWeightLab(common + ["--init", "xavier-uniform,he-normal", "--reg", "none"]),
      let second = LaunchedWeightLab(common + ["--init", "lecun-normal", "--reg", "none,l2:1e-4"])
    else { return }
    var reports: [Int32] = []
    while first.process.isRunning || second.process.isRunning {
      if FileManager.default.fileExists(atPath: folder + "/runs.sqlite") {
        reports.append(
          runWeightLab(["report", "--out", folder, "--output", folder + "/during.html"]).exitCode)
      }
      Thread.sleep(forTimeInterval: 0.1)
    }
    let firstStatus = first.waitForExit()
    let secondStatus = second.waitForExit()
    let finalReport = runWeightLab(["report", "--out", folder])

    #expect(firstStatus == 0, "stderr: \(first.stderr)")
    #expect(secondStatus == 0, "stderr: \(second.stderr)")
    #expect(!reports.isEmpty, "no report ran while the comparisons were writing")
    // A report may find no finished run yet (status 1), but must never crash or hit a locked store.
    for status in reports {
      #expect(status == 0 || status == 1, "report exit statuses: \(reports)")
    }
    #expect(finalReport.exitCode == 0, "stderr: \(finalReport.stderr)")
    if let integrity = sqliteShell(folder + "/runs.sqlite", "PRAGMA integrity_check") {
      #expect(integrity == "ok")
    }
    if let finished = sqliteShell(
      folder + "/runs.sqlite", "SELECT count(*) FROM runs WHERE status = 'finished'")
    {
      #expect(finished == "8")
    }
  }
}
