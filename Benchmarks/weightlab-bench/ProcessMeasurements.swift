// Clocks and memory readings of the running process, from Linux interfaces.

import Foundation

/// Returns the wall-clock time in seconds since 1970, comparable with `date +%s.%N` in the driver.
func wallClockSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_REALTIME, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Returns a monotonic clock reading in seconds, for intervals inside the process.
func monotonicSeconds() -> Double {
  Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// Returns the CPU time of all threads of this process in seconds, which does not advance while the
/// process waits for a core that another process holds.
func processCPUSeconds() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Returns the peak resident set size in KiB: `VmHWM` from /proc/self/status, or nil where it is missing.
func peakResidentKiB() -> Int? {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
  for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
    return fields.count >= 2 ? Int(fields[1]) : nil
  }
  return nil
}

/// Prints one result as `name value`, the line format the driver parses.
func report(_ name: String, _ value: Double) {
  print(name, String(format: "%.6g", value))
}
