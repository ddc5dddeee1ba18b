// weightlab-bench: measures WeightLab's training step against the matrix products it is made of.
// Benchmarks/run.sh runs it beside the same network in PyTorch and prints the ratios.

import Foundation
import WeightLabCore

do {
  let options = try BenchmarkOptions(arguments: Array(CommandLine.arguments.dropFirst()))
  BLASThreads.set(options.threads)
  switch options.mode {
  case .throughput: try runThroughput(options)
  case .epoch: try runEpoch(options)
  case .gemmWarmup: runGEMMWarmup(options)
  }
} catch let error as UsageError {
  FileHandle.standardError.write(Data("weightlab-bench: \(error.message)\n\(BenchmarkOptions.usage)\n".utf8))
  exit(64)
} catch {
  FileHandle.standardError.write(Data("weightlab-bench: \(error)\n".utf8))
  exit(1)
}
