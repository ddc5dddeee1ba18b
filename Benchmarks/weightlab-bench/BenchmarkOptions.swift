// The command line of weightlab-bench: a mode, then `--name value` pairs. The PyTorch script
// Benchmarks/pytorch_mlp.py accepts the same modes and options, so the driver calls both alike.

/// The settings of one benchmark run.
struct BenchmarkOptions {
  enum Mode: String {
    /// Steady-state training samples per second, then the GEMM rate on the same shapes.
    case throughput
    /// One epoch from process start: data loading, the first trained batch, peak resident memory.
    case epoch
    /// The GEMM rate of a fresh process before and after one large warm-up product.
    case gemmWarmup = "gemm-warmup"
  }

  enum OptimizerName: String {
    case sgd
    case adam
  }

  var mode: Mode
  var optimizer = OptimizerName.adam
  var batchSize = 128
  var threads = 1
  var hiddenWidths = [256, 128]
  /// Untimed steps before the timed window, so that caches, page mappings and BLAS buffers settle.
  var warmupSteps = 20
  /// The length of the timed window in seconds; the window ends at the first step boundary after it.
  var seconds = 3.0
  /// The driver's wall-clock time, in seconds since 1970, taken just before it started this process.
  var startTime: Double?

  static let usage = """
    usage: weightlab-bench throughput|epoch|gemm-warmup [--optimizer sgd|adam] [--batch n] \
    [--threads n] [--hidden 256,128] [--warmup steps] [--seconds s] [--start-time unix-seconds]
    """

  init(arguments: [String]) throws(UsageError) {
    guard let first = arguments.first, let mode = Mode(rawValue: first) else {
      throw UsageError(message: "missing or unknown mode")
    }
    self.mode = mode
    var index = 1
    while index < arguments.count {
      let name = arguments[index]
      guard index + 1 < arguments.count else { throw UsageError(message: "\(name) needs a value") }
      let value = arguments[index + 1]
      try apply(name: name, value: value)
      index += 2
    }
  }

  private mutating func apply(name: String, value: String) throws(UsageError) {
    switch name {
    case "--optimizer":
      guard let parsed = OptimizerName(rawValue: value) else {
        throw UsageError(message: "invalid optimizer '\(value)', expected sgd or adam")
      }
      optimizer = parsed
    case "--batch": batchSize = try Self.positiveInteger(name, value)
    case "--threads": threads = try Self.positiveInteger(name, value)
    case "--warmup": warmupSteps = try Self.positiveInteger(name, value)
    case "--hidden":
      var widths: [Int] = []
      for part in value.split(separator: ",") { widths.append(try Self.positiveInteger(name, String(part))) }
      hiddenWidths = widths
    case "--seconds":
      guard let parsed = Double(value), parsed > 0 else {
        throw UsageError(message: "invalid --seconds '\(value)', expected a positive number")
      }
      seconds = parsed
    case "--start-time":
      guard let parsed = Double(value) else {
        throw UsageError(message: "invalid --start-time '\(value)', expected seconds since 1970")
      }
      startTime = parsed
    default:
      throw UsageError(message: "unknown option \(name)")
    }
  }

  private static func positiveInteger(_ name: String, _ value: String) throws(UsageError) -> Int {
    guard let parsed = Int(value), parsed > 0 else {
      throw UsageError(message: "invalid \(name) '\(value)', expected a positive integer")
    }
    return parsed
  }
}

/// A command-line mistake, printed with the usage line.
struct UsageError: Error {
  var message: String
}
