// A `weightlab` child process that a test can signal while it runs, for the kill, interrupt and
// concurrency tests. `runWeightLab` waits for the exit, so it cannot send a signal mid-run.

import Foundation
import Testing

/// A running `weightlab` whose standard output and error go to files in a temporary folder.
final class LaunchedWeightLab {
  let process = Process()
  private let outputFolder: URL

  /// Starts `weightlab` with `arguments`, or records an issue when it cannot be started.
  init?(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    outputFolder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "weightlab-launch-\(UUID().uuidString)")
    guard let executable = WeightLabExecutable.url else {
      Issue.record(
        "no weightlab executable found; build it with 'swift build'", sourceLocation: sourceLocation)
      return nil
    }
    process.executableURL = executable
    process.arguments = arguments
    do {
      try FileManager.default.createDirectory(at: outputFolder, withIntermediateDirectories: true)
      for name in ["stdout", "stderr"] {
        _ = FileManager.default.createFile(
          atPath: outputFolder.appendingPathComponent(name).path, contents: nil)
      }
      process.standardOutput = try FileHandle(forWritingTo: outputFolder.appendingPathComponent("stdout"))
      process.standardError = try FileHandle(forWritingTo: outputFolder.appendingPathComponent("stderr"))
      process.standardInput = FileHandle.nullDevice
      try process.run()
    } catch {
      Issue.record("failed to start \(executable.path): \(error)", sourceLocation: sourceLocation)
      return nil
    }
  }

  deinit {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    try? FileManager.default.removeItem(at: outputFolder)
  }

  var stdout: String {
    (try? String(contentsOf: outputFolder.appendingPathComponent("stdout"), encoding: .utf8)) ?? ""
  }

  var stderr: String {
    (try? String(contentsOf: outputFolder.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
  }

  /// Sends `signal` when the process is still running; returns whether it was.
  @discardableResult
  func send(_ signal: Int32) -> Bool {
    guard process.isRunning else { return false }
    return kill(process.processIdentifier, signal) == 0
  }

  /// Waits up to `timeout` seconds for standard error to contain `text`; returns whether it did.
  func waitForStandardError(containing text: String, timeout: TimeInterval = 60) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if stderr.contains(text) { return true }
      if !process.isRunning { return stderr.contains(text) }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return false
  }

  /// Waits for the exit and returns the status, or 128 plus the signal that ended the process.
  func waitForExit() -> Int32 {
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
  }
}

/// SplitMix64, so that the kill test's delays replay from its seed.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Returns the JSON text with every timing field removed, since wall-clock times differ between
/// two runs with identical results.
func jsonWithoutTimings(_ text: String) throws -> String {
  func strip(_ value: Any) -> Any {
    if let object = value as? [String: Any] {
      let timingKeys: Set<String> = ["seconds", "trainingSeconds", "samplesPerSecond"]
      return object.filter { !timingKeys.contains($0.key) }.mapValues(strip)
    }
    if let array = value as? [Any] { return array.map(strip) }
    return value
  }
  let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
  let data = try JSONSerialization.data(
    withJSONObject: strip(object), options: [.sortedKeys, .prettyPrinted])
  return String(decoding: data, as: UTF8.self)
}

/// Returns the tensors of a safetensors file by name, as raw bytes, read with an independent parser.
func safetensorsTensors(atPath path: String) throws -> [String: [UInt8]] {
  let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  let headerLength = bytes[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
  let header =
    try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any] ?? [:]
  var tensors: [String: [UInt8]] = [:]
  for (name, value) in header where name != "__metadata__" {
    guard let entry = value as? [String: Any], let offsets = entry["data_offsets"] as? [Int] else { continue }
    tensors[name] = Array(bytes[(8 + headerLength + offsets[0])..<(8 + headerLength + offsets[1])])
  }
  return tensors
}

/// Runs `sqlite3 PATH SQL` and returns its output, or nil when the sqlite3 shell is not installed.
func sqliteShell(_ path: String, _ sql: String) -> String? {
  let shell = "/usr/bin/sqlite3"
  guard FileManager.default.isExecutableFile(atPath: shell) else { return nil }
  let process = Process()
  let pipe = Pipe()
  process.executableURL = URL(fileURLWithPath: shell)
  process.arguments = [path, sql]
  process.standardOutput = pipe
  guard (try? process.run()) != nil else { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
