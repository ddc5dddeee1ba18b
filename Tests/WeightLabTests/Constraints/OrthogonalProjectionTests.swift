// The orthogonality rule: one step worked by hand, the polar-factor property on wide and tall
// kernels, and orthonormal kernels after training.

import Testing
import WeightLabCore

@testable import WeightLab

/// Returns the largest |(A·Aᵀ − I)ᵢⱼ| (rows ≤ columns) or |(Aᵀ·A − I)ᵢⱼ|, computed in Double.
private func orthogonalityError(_ tensor: Tensor) -> Double {
  let rows = tensor.shape[0]
  let columns = tensor.count / rows
  let a = tensor.scalars.map(Double.init)
  let wide = rows <= columns
  let size = min(rows, columns)
  let inner = max(rows, columns)
  var worst = 0.0
  for i in 0..<size {
    for j in 0..<size {
      var sum = 0.0
      for k in 0..<inner {
        sum += wide ? a[i * columns + k] * a[j * columns + k] : a[k * columns + i] * a[k * columns + j]
      }
      worst = max(worst, abs(sum - (i == j ? 1 : 0)))
    }
  }
  return worst
}

private func randomKernel(rows: Int, columns: Int, seed: UInt64) -> Parameter {
  var stream = RandomStream(seed: seed, name: "kernel")
  var values = [Float](repeating: 0, count: rows * columns)
  Sampler.fillNormal(&values, mean: 0, std: 0.3, using: &stream)
  return Parameter(
    path: "dense1.weight", role: .kernel, value: Tensor(shape: [rows, columns], scalars: values))
}

/// Three Gaussian blobs in 8 dimensions, 3 classes.
private func blobs(count: Int) -> Examples {
  var stream = RandomStream(seed: 5, name: "blobs")
  var features = [Float](repeating: 0, count: count * 8)
  Sampler.fillNormal(&features, mean: 0, std: 0.5, using: &stream)
  var labels = [Int32]()
  for row in 0..<count {
    labels.append(Int32(row % 3))
    features[row * 8 + row % 3] += 2
  }
  return Examples(features: Tensor(shape: [count, 8], scalars: features), labels: labels)
}

@Suite("Orthogonal projection")
struct OrthogonalProjectionTests {
  @Test("One SGD step on a 2×2 kernel, worked by hand")
  func handWorkedStep() {
    // W₀ = I and ∂L/∂W = [[0, 1], [0, 0]]; SGD with γ = 0.1 gives W = [[1, −0.1], [0, 1]].
    // For a 2×2 matrix M = [[a, b], [c, d]] with det M > 0, the polar factor is
    // [[a + d, b − c], [c − b, a + d]] / √((a + d)² + (b − c)²) = [[2, −0.1], [0.1, 2]] / √4.01.
    let parameter = Parameter(
      path: "dense1.weight", role: .kernel, value: Tensor(shape: [2, 2], scalars: [1, 0, 0, 1]))
    parameter.gradient.scalars = [0, 1, 0, 0]
    let optimizer = SGD(learningRate: 0.1)
    optimizer.step([parameter])
    #expect(parameter.value.scalars == [1, -0.1, 0, 1])

    OrthogonalProjection().apply(to: parameter, learningRate: optimizer.learningRate)

    let norm = 4.01.squareRoot()
    expectClose(
      parameter.value.scalars.map(Double.init), [2 / norm, -0.1 / norm, 0.1 / norm, 2 / norm],
      relativeTolerance: 0, absoluteTolerance: 1e-6, "projected W")
  }

  @Test(
    "Result is orthonormal and the polar factor",
    arguments: [(3, 5), (5, 3), (4, 4), (16, 64), (64, 16), (1, 6)])
  func polarFactor(rows: Int, columns: Int) {
    let parameter = randomKernel(rows: rows, columns: columns, seed: UInt64(rows * 100 + columns))
    let original = parameter.value.scalars.map(Double.init)

    OrthogonalProjection().apply(to: parameter, learningRate: 0.1)

    #expect(orthogonalityError(parameter.value) <= 1e-5, "\(rows)×\(columns)")
    // W = P·U (rows ≤ columns) or U·P with P symmetric positive definite, so W·Uᵀ (or Uᵀ·W) is symmetric.
    let u = parameter.value.scalars.map(Double.init)
    let wide = rows <= columns
    let size = min(rows, columns)
    let inner = max(rows, columns)
    func product(_ i: Int, _ j: Int) -> Double {
      (0..<inner).reduce(0.0) { sum, k in
        sum
          + (wide
            ? original[i * columns + k] * u[j * columns + k] : u[k * columns + i] * original[k * columns + j])
      }
    }
    var asymmetry = 0.0
    for i in 0..<size {
      #expect(product(i, i) > 0, "diagonal \(i) of the symmetric factor")
      for j in 0..<size { asymmetry = max(asymmetry, abs(product(i, j) - product(j, i))) }
    }
    #expect(asymmetry <= 1e-4, "\(rows)×\(columns)")
  }

  @Test("Zero kernel is left unchanged")
  func zeroKernel() {
    let parameter = Parameter(path: "dense1.weight", role: .kernel, value: Tensor(shape: [2, 3]))
    OrthogonalProjection().apply(to: parameter, learningRate: 0.1)
    #expect(parameter.value.scalars.allSatisfy { $0 == 0 })
  }

  @Test("Kernels stay orthonormal during training")
  func trainingKeepsKernelsOrthonormal() {
    // Layers 8 → 16 (tall: WᵀW = I), 16 → 16 (square) and 16 → 3 (wide: WWᵀ = I).
    let model = Sequential(inputFeatures: 8, hiddenWidths: [16, 16], outputs: 3, activation: .relu)
    model.initialize(weight: HeNormal(), bias: Constant.zeros, seed: 2)
    let trainer = Trainer(
      model: model, optimizer: Adam(learningRate: 1e-2),
      regularization: Regularization(constraints: [OrthogonalProjection()]),
      configuration: TrainingConfiguration(epochs: 3, batchSize: 32, seed: 2))
    let result = trainer.fit(train: blobs(count: 300), validation: nil, test: nil)

    #expect(result.divergence == nil)
    for layer in model.layers {
      #expect(orthogonalityError(layer.kernel.value) <= 1e-5, "\(layer.kernel.path)")
    }
    #expect((result.history.last?.trainAccuracy ?? 0) > 0.9)
  }

  @Test("Spec 'orthogonal' builds the rule and takes no arguments")
  func spec() throws {
    let regularization = try RegularizerCatalog.regularization("orthogonal")
    #expect(regularization.constraints.count == 1)
    #expect(regularization.constraints.first is OrthogonalProjection)
    #expect(regularization.description == "orthogonal")
    #expect(throws: SpecError.self) { try RegularizerCatalog.regularization("orthogonal:1") }
  }
}
