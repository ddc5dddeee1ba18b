// LSUV on real data: Fashion-MNIST images through the default 784-256-128-10 ReLU network and a
// tanh network, with every layer's pre-activation variance brought within the tolerance of 1.

import Foundation
import Testing
import WeightLab
import WeightLabCore
import WeightLabData
import WeightLabExperiments

private let hasFashionMNIST = FileManager.default.fileExists(
  atPath: FashionMNIST.defaultDirectory + "/train-images-idx3-ubyte.gz")

@Suite("LSUV on Fashion-MNIST")
struct LSUVFashionMNISTTests {
  @Test(
    "Every layer reaches the tolerance",
    .enabled(if: hasFashionMNIST, "needs the dataset-fashion-mnist package"),
    arguments: [Activation.relu, .tanh])
  func reachesTolerance(activation: Activation) throws {
    let (train, _) = try FashionMNIST.load(directory: FashionMNIST.defaultDirectory, limit: 1000)
    let examples = Examples(features: train.features, labels: train.labels)
    let batch = LSUV.sampleBatch(from: examples, count: LSUV.batchRows, seed: 0)
    #expect(batch.shape == [512, 784])
    let model = Sequential(inputFeatures: 784, hiddenWidths: [256, 128], outputs: 10, activation: activation)

    let results = LSUV.initialize(model: model, batch: batch, tolerance: 0.1, maxIterations: 10, seed: 0)

    #expect(results.count == 3)
    for result in results {
      #expect(result.converged, "\(result.path): variance \(result.variance)")
      #expect(abs(result.variance - 1) < 0.1, "\(result.path)")
      #expect(result.iterations <= 10)
    }
    // Pixels in [0, 1] with a mean near 0.29 give an orthonormal first layer a variance far from 1,
    // so the calibration has work to do.
    #expect(abs(results[0].initialVariance - 1) > 0.1)
  }

  @Test(
    "The runner calibrates lsuv runs",
    .enabled(if: hasFashionMNIST, "needs the dataset-fashion-mnist package"))
  func runnerCalibrates() throws {
    let data = try DatasetCatalog.load(DataRequest(limit: 1000))
    let configuration = RunConfiguration(hiddenWidths: [64], initializer: "lsuv", epochs: 1)
    let result = try ExperimentRunner.run(configuration, data: data)
    // No layer missed the tolerance, and seven Adam steps from the calibrated start already learn
    // well above the 0.1 accuracy of chance.
    #expect(result.warnings.isEmpty, "\(result.warnings)")
    #expect(result.divergence == nil)
    #expect(result.summary.testAccuracy > 0.25)
  }
}
