// Synthetic classification data shared by the trainer tests.

import WeightLabCore

@testable import WeightLab

/// Three Gaussian blobs in 8 dimensions, 3 classes, well separated.
func blobs(count: Int, seed: UInt64) -> Examples {
  var stream = RandomStream(seed: seed, name: "blobs")
  var features = [Float](repeating: 0, count: count * 8)
  Sampler.fillNormal(&features, mean: 0, std: 0.5, using: &stream)
  var labels = [Int32]()
  for row in 0..<count {
    let label = row % 3
    labels.append(Int32(label))
    features[row * 8 + label] += 2
  }
  return Examples(features: Tensor(shape: [count, 8], scalars: features), labels: labels)
}
