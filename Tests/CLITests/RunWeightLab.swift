// Runs the built `weightlab` executable in a child process and captures its output, for
// end-to-end tests of the command line.

import Foundation
import Testing

/// The captured result of one `weightlab` run.
typealias WeightLabResult = (exitCode: Int32, stdout: String, stderr: String)

/// Runs the built `weightlab` executable with `arguments` and returns its exit status and output.
///
/// Output goes to temporary files rather than pipes, so a child that writes a lot to both streams
/// cannot block on a full pipe while the test waits for it to exit.
///
/// - Parameters:
///   - arguments: The arguments after the program name.
///   - environment: Variables added to, or replacing, the test process's environment.
///     `nil` passes the environment on unchanged.
///   - timeout: Seconds to wait before the child is terminated and the test records an issue.
/// - Returns: The exit status, or 128 plus the signal number when a signal ended the child (the
///   convention of POSIX shells), and standard output and standard error decoded as UTF-8.
///   When the executable cannot be found or started, the test records an issue and the exit
///   status is -1.
func runWeightLab(
  _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 600,
  sourceLocation: SourceLocation = #_sourceLocation
) -> WeightLabResult {
  guard let executable = WeightLabExecutable.url else {
    let message =
      "no weightlab executable found in: "
      + WeightLabExecutable.candidates().map(\.path).joined(separator: ", ")
      + ". Build it with 'swift build' or set WEIGHTLAB_EXECUTABLE."
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    return (-1, "", message)
  }

  let outputDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("weightlab-cli-test-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: outputDirectory) }
  let stdoutURL = outputDirectory.appendingPathComponent("stdout")
  let stderrURL = outputDirectory.appendingPathComponent("stderr")

  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  if let environment {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  do {
    try FileManager.default.createDirectory(at: outputDirectory, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
    let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
    let stderrHandle = try FileHandle(forWritingTo: stderrURL)
    defer {
      try? stdoutHandle.close()
      try? stderrHandle.close()
    }
    process.standardOutput = stdoutHandle
    process.standardError = stderrHandle
    process.standardInput = FileHandle.nullDevice
    try process.run()
  } catch {
    let message = "failed to start \(executable.path): \(error)"
    Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    return (-1, "", message)
  }

  let deadline = Date().addingTimeInterval(timeout)
  while process.isRunning, Date() < deadline {
    Thread.sleep(forTimeInterval: 0.01)
  }
  if process.isRunning {
    process.terminate()
    Issue.record(
      "weightlab \(arguments.joined(separator: " ")) did not exit within \(timeout) seconds",
      sourceLocation: sourceLocation)
  }
  process.waitUntilExit()

  let exitCode =
    process.terminationReason == .uncaughtSignal
    ? 128 + process.terminationStatus : process.terminationStatus
  let stdout = (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? ""
  let stderr = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
  return (exitCode, stdout, stderr)
}

/// Records an issue when the output of a run contains a Swift runtime crash report, or when a
/// signal ended the run, because user input must end in a message and an exit status.
func expectNoCrashTrace(_ result: WeightLabResult, sourceLocation: SourceLocation = #_sourceLocation) {
  let crashMarkers = ["Fatal error", "Stack dump", "Current stack trace", "Illegal instruction"]
  for marker in crashMarkers {
    #expect(!result.stderr.contains(marker), "stderr: \(result.stderr)", sourceLocation: sourceLocation)
    #expect(!result.stdout.contains(marker), "stdout: \(result.stdout)", sourceLocation: sourceLocation)
  }
  #expect(result.exitCode < 128, "a signal ended weightlab", sourceLocation: sourceLocation)
}

/// Where the `weightlab` executable is found.
enum WeightLabExecutable {
  static let url: URL? = candidates().first {
    FileManager.default.isExecutableFile(atPath: $0.path)
  }

  /// Returns the places to look, in order: `$WEIGHTLAB_EXECUTABLE`, the products directory that
  /// contains the test bundle (as `swift test` and `swift test --scratch-path X` both lay it out),
  /// then `.build/debug` of the package that contains this file.
  static func candidates() -> [URL] {
    var urls: [URL] = []
    if let override = ProcessInfo.processInfo.environment["WEIGHTLAB_EXECUTABLE"], !override.isEmpty {
      urls.append(URL(fileURLWithPath: override))
    }

    // On Linux the test runner is the `.xctest` file itself, so its directory is the products
    // directory. On macOS the `.xctest` is a bundle directory inside the products directory.
    var productDirectories: [URL] = []
    if let runner = CommandLine.arguments.first {
      productDirectories.append(
        URL(fileURLWithPath: runner).resolvingSymlinksInPath().deletingLastPathComponent())
    }
    for bundle in [Bundle(for: BundleToken.self), Bundle.main] + Bundle.allBundles {
      let bundleURL = bundle.bundleURL.resolvingSymlinksInPath()
      productDirectories.append(
        bundleURL.pathExtension == "xctest" ? bundleURL.deletingLastPathComponent() : bundleURL)
    }
    urls += productDirectories.map { $0.appendingPathComponent("weightlab") }

    let packageRoot = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    urls.append(packageRoot.appendingPathComponent(".build/debug/weightlab"))

    var seen: Set<String> = []
    return urls.filter { seen.insert($0.path).inserted }
  }

  private final class BundleToken {}
}
