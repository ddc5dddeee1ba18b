// Training runs on Fashion-MNIST through the library's own `Trainer.trainStep`, the step that
// `Trainer.fit` runs for every mini-batch.

import WeightLab
import WeightLabCore
import WeightLabData

/// A model, optimizer and trainer for one benchmark configuration, with the data loaded.
struct TrainingSetup {
  let options: BenchmarkOptions
  let train: Examples
  let test: Examples
  let model: Sequential
  let trainer: Trainer
  /// Seconds spent reading and decoding the four gzip IDX files.
  let loadSeconds: Double

  init(options: BenchmarkOptions) throws {
    self.options = options
    let loadStart = monotonicSeconds()
    let data = try FashionMNIST.load()
    loadSeconds = monotonicSeconds() - loadStart
    train = Examples(features: data.train.features, labels: data.train.labels)
    test = Examples(features: data.test.features, labels: data.test.labels)

    // PyTorch's default initialization, so that both systems start from the same distribution.
    model = Sequential(
      inputFeatures: FashionMNIST.featureCount, hiddenWidths: options.hiddenWidths,
      outputs: FashionMNIST.classNames.count, activation: .relu)
    model.initialize(weight: TorchDefault(), bias: TorchDefault(), seed: 1)
    let optimizer: any Optimizer =
      switch options.optimizer {
      case .sgd: SGD(learningRate: 0.01, momentum: 0.9)
      case .adam: Adam(learningRate: 1e-3)
      }
    trainer = Trainer(
      model: model, optimizer: optimizer, regularization: .none,
      configuration: TrainingConfiguration(epochs: 1, batchSize: options.batchSize, seed: 1))
  }

  /// The layer widths from input to output, such as [784, 256, 128, 10].
  var layerSizes: [Int] {
    [FashionMNIST.featureCount] + options.hiddenWidths + [FashionMNIST.classNames.count]
  }
}

/// Full batches drawn from a fresh permutation each epoch, as a data loader with `drop_last` does.
struct BatchOrder {
  let count: Int
  let batchSize: Int
  private var order: [Int] = []
  private var start = 0
  private var epoch = 0

  init(count: Int, batchSize: Int) {
    precondition(batchSize <= count, "batch size \(batchSize) exceeds the \(count) examples")
    self.count = count
    self.batchSize = batchSize
  }

  /// Returns the indices of the next batch, starting a new epoch when fewer than `batchSize` remain.
  mutating func next() -> ArraySlice<Int> {
    if order.isEmpty || start + batchSize > count {
      epoch += 1
      order = epochOrder(count: count, seed: 1, epoch: epoch)
      start = 0
    }
    defer { start += batchSize }
    return order[start..<(start + batchSize)]
  }
}

/// Times steady-state training steps, then the same step's GEMMs alone, and reports both.
func runThroughput(_ options: BenchmarkOptions) throws {
  let setup = try TrainingSetup(options: options)
  var batches = BatchOrder(count: setup.train.count, batchSize: options.batchSize)
  var lossSum = 0.0
  for _ in 0..<options.warmupSteps {
    lossSum += setup.trainer.trainStep(setup.train, order: batches.next()).meanLoss
  }

  let start = monotonicSeconds()
  let cpuStart = processCPUSeconds()
  var steps = 0
  var elapsed = 0.0
  repeat {
    lossSum += setup.trainer.trainStep(setup.train, order: batches.next()).meanLoss
    steps += 1
    elapsed = monotonicSeconds() - start
  } while elapsed < options.seconds
  let cpuSeconds = processCPUSeconds() - cpuStart

  let workload = GEMMWorkload(shapes: stepGEMMs(layerSizes: setup.layerSizes, batchSize: options.batchSize))
  let gemmRate = workload.measureRate(seconds: min(options.seconds, 1.5))
  let stepSeconds = elapsed / Double(steps)

  report("samples_per_second", Double(options.batchSize * steps) / elapsed)
  report("samples_per_cpu_second", Double(options.batchSize * steps) / cpuSeconds)
  report("step_milliseconds", stepSeconds * 1e3)
  report("steps", Double(steps))
  report("gemm_gflops", gemmRate)
  report("gemm_milliseconds_per_step", workload.flops / gemmRate / 1e6)
  report("step_gflops", workload.flops / stepSeconds / 1e9)
  report("gemm_fraction", workload.flops / stepSeconds / 1e9 / gemmRate)
  report("mean_loss", lossSum / Double(options.warmupSteps + steps))
}

/// Runs one epoch from process start: loads the data, trains every full batch once, evaluates
/// the test set, and reports the time to the first trained batch and the peak resident memory.
func runEpoch(_ options: BenchmarkOptions) throws {
  let mainStart = wallClockSeconds()
  let setup = try TrainingSetup(options: options)
  var batches = BatchOrder(count: setup.train.count, batchSize: options.batchSize)
  var lossSum = setup.trainer.trainStep(setup.train, order: batches.next()).meanLoss
  let firstBatchTime = wallClockSeconds()

  let batchCount = setup.train.count / options.batchSize
  for _ in 1..<batchCount {
    lossSum += setup.trainer.trainStep(setup.train, order: batches.next()).meanLoss
  }
  let evaluation = setup.trainer.evaluate(setup.test)

  if let startTime = options.startTime {
    report("startup_seconds", mainStart - startTime)
    report("first_batch_seconds", firstBatchTime - startTime)
  }
  report("load_seconds", setup.loadSeconds)
  report("first_batch_after_main_seconds", firstBatchTime - mainStart)
  report("setup_and_first_step_seconds", firstBatchTime - mainStart - setup.loadSeconds)
  report("epoch_mean_loss", lossSum / Double(batchCount))
  report("test_accuracy", evaluation.accuracy)
  if let peak = peakResidentKiB() { report("peak_rss_mib", Double(peak) / 1024) }
}

/// Times the GEMMs of one step in a fresh process, before and after one 512×512×512 product.
func runGEMMWarmup(_ options: BenchmarkOptions) {
  let sizes = [FashionMNIST.featureCount] + options.hiddenWidths + [FashionMNIST.classNames.count]
  let workload = GEMMWorkload(shapes: stepGEMMs(layerSizes: sizes, batchSize: options.batchSize))
  report("fresh_gemm_gflops", workload.measureRate(seconds: options.seconds))

  let start = monotonicSeconds()
  warmUpBLAS()
  report("warmup_product_milliseconds", (monotonicSeconds() - start) * 1e3)
  report("warm_gemm_gflops", workload.measureRate(seconds: options.seconds))
  for (shape, rate) in zip(workload.shapes, workload.measureRatePerShape(seconds: options.seconds / 4)) {
    print("shape_gflops", shape.description.replacingOccurrences(of: " ", with: "_"), rate)
  }
}

/// Runs one 512×512×512 product, which the caller leaves out of its timing.
func warmUpBLAS() {
  let workload = GEMMWorkload(shapes: [
    GEMMShape(transposeA: .none, transposeB: .none, m: 512, n: 512, k: 512)
  ])
  workload.runOnce()
}
