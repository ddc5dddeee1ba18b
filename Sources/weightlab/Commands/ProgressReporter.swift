// Progress on standard error: a live line per batch on a terminal (batches done, samples per
// second, time left) and a plain line per epoch everywhere.

import Foundation
import WeightLab

/// Reports training progress across one or more runs.
final class ProgressReporter {
  private let totalRuns: Int
  private let epochsPerRun: Int
  private let start = DispatchTime.now().uptimeNanoseconds
  private var runsDone = 0
  private var lastRewrite: UInt64 = 0
  private var lineOpen = false

  init(totalRuns: Int, epochsPerRun: Int) {
    self.totalRuns = totalRuns
    self.epochsPerRun = epochsPerRun
  }

  /// The observer for run `run` (1-based).
  func observer(run: Int) -> TrainingObserver {
    TrainingObserver(
      batchCompleted: { [self] epoch, batch, batches in
        batchCompleted(run: run, epoch: epoch, batch: batch, batches: batches)
      },
      epochCompleted: { [self] record in epochCompleted(run: run, record: record) })
  }

  private var elapsedSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

  private func batchCompleted(run: Int, epoch: Int, batch: Int, batches: Int) {
    guard Terminal.standardErrorIsInteractive else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    // Redraw at most ten times a second: terminal writes are slow beside a training step.
    guard now - lastRewrite > 100_000_000 || batch == batches else { return }
    lastRewrite = now
    let runFraction = (Double(epoch - 1) + Double(batch) / Double(batches)) / Double(epochsPerRun)
    let overall = (Double(runsDone) + runFraction) / Double(totalRuns)
    let remaining = overall > 0 ? elapsedSeconds * (1 - overall) / overall : .nan
    let runLabel = totalRuns > 1 ? "run \(run)/\(totalRuns) " : ""
    Terminal.rewriteLine(
      "\(runLabel)epoch \(epoch)/\(epochsPerRun)  batch \(batch)/\(batches)  "
        + "\(Int(overall * 100))%  \(formatDuration(remaining)) left")
    lineOpen = true
  }

  private func epochCompleted(run: Int, record: EpochRecord) {
    if lineOpen {
      Terminal.rewriteLine("")
      lineOpen = false
      Terminal.rewriteLine(epochLine(run: run, record: record))
      Terminal.endRewrittenLine()
    } else {
      Terminal.writeLine(epochLine(run: run, record: record))
    }
  }

  private func epochLine(run: Int, record: EpochRecord) -> String {
    let runLabel = totalRuns > 1 ? "run \(run)/\(totalRuns) " : ""
    var parts = [
      "\(runLabel)epoch \(record.epoch)/\(epochsPerRun)",
      "loss \(fixed(record.trainLoss, 4))",
      "penalty \(fixed(record.penalty, 4))",
    ]
    if let train = record.trainAccuracy { parts.append("train \(fixed(train, 4))") }
    if let validation = record.validationAccuracy { parts.append("val \(fixed(validation, 4))") }
    if let test = record.testAccuracy { parts.append("test \(fixed(test, 4))") }
    parts.append("\(fixed(record.seconds, 1)) s")
    parts.append("\(Int(record.samplesPerSecond.rounded())) samples/s")
    let done = (Double(runsDone) + Double(record.epoch) / Double(epochsPerRun)) / Double(totalRuns)
    if done < 1 { parts.append("\(formatDuration(elapsedSeconds * (1 - done) / done)) left") }
    return parts.joined(separator: "  ")
  }

  /// Marks the current run as finished.
  func finishRun() {
    runsDone += 1
  }

  /// Ends any open progress line and prints the total time.
  func finish() {
    Terminal.writeLine("done in \(formatDuration(elapsedSeconds))")
  }
}

func fixed(_ value: Double, _ digits: Int) -> String {
  value.isFinite ? String(format: "%.\(digits)f", value) : "\(value)"
}

/// Formats seconds as `42 s`, `3 min 05 s` or `1 h 02 min`.
func formatDuration(_ seconds: Double) -> String {
  guard seconds.isFinite, seconds >= 0 else { return "unknown time" }
  let total = Int(seconds.rounded())
  if total < 60 { return "\(total) s" }
  if total < 3600 { return String(format: "%d min %02d s", total / 60, total % 60) }
  return String(format: "%d h %02d min", total / 3600, (total % 3600) / 60)
}
