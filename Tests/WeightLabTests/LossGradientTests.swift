// The task losses against central finite differences of their own loss, and the weighted
// cross-entropy against the unweighted one when every weight is 1.

import Testing
import WeightLabCore

@testable import WeightLab

/// Returns the mean loss of `outputs` under `loss`, for finite differences.
private func meanLoss(_ loss: Loss, outputs: [Float], labels: [Int32], targets: [Float], outputCount: Int)
  -> Double
{
  outputs.withUnsafeBufferPointer { z in
    labels.withUnsafeBufferPointer { y in
      targets.withUnsafeBufferPointer { t in
        loss.evaluate(
          outputs: z.baseAddress!, labels: y.baseAddress, targets: t.baseAddress,
          batchSize: outputs.count / outputCount, outputCount: outputCount, gradient: nil
        ).meanLoss
      }
    }
  }
}

/// Returns the analytic gradient of the mean loss with respect to the outputs.
private func analyticGradient(
  _ loss: Loss, outputs: [Float], labels: [Int32], targets: [Float], outputCount: Int
) -> [Double] {
  var gradient = [Float](repeating: 0, count: outputs.count)
  outputs.withUnsafeBufferPointer { z in
    labels.withUnsafeBufferPointer { y in
      targets.withUnsafeBufferPointer { t in
        gradient.withUnsafeMutableBufferPointer { g in
          _ = loss.evaluate(
            outputs: z.baseAddress!, labels: y.baseAddress, targets: t.baseAddress,
            batchSize: outputs.count / outputCount, outputCount: outputCount, gradient: g.baseAddress)
        }
      }
    }
  }
  return gradient.map(Double.init)
}

/// Checks the analytic gradient against central differences with step 1e-2.
///
/// Float32 outputs and a Double loss: with h = 1e-2 the truncation error of central differences
/// is O(h²) ≈ 1e-4 times the third derivative, which is of order 1 here, so 1e-3 absolute is a
/// band of about ten times that error.
private func checkGradient(
  _ loss: Loss, outputs: [Float], labels: [Int32] = [], targets: [Float] = [], outputCount: Int,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let step: Float = 1e-2
  let analytic = analyticGradient(
    loss, outputs: outputs, labels: labels, targets: targets, outputCount: outputCount)
  var numeric = [Double]()
  for index in outputs.indices {
    var plus = outputs
    plus[index] += step
    var minus = outputs
    minus[index] -= step
    let difference =
      meanLoss(loss, outputs: plus, labels: labels, targets: targets, outputCount: outputCount)
      - meanLoss(loss, outputs: minus, labels: labels, targets: targets, outputCount: outputCount)
    numeric.append(difference / Double(plus[index] - minus[index]))
  }
  expectClose(
    analytic, numeric, relativeTolerance: 1e-3, absoluteTolerance: 1e-3, "\(loss)",
    sourceLocation: sourceLocation)
}

private let logits: [Float] = [0.3, -1.2, 0.8, 1.5, 0.1, -0.4, -0.7, 0.9, 0.2, 0.0, 0.5, -1.0]
private let labels: [Int32] = [2, 0, 1, 1]

@Test func weightedCrossEntropyGradient() {
  checkGradient(
    .softmaxCrossEntropy(classWeights: [0.5, 2, 1.25]), outputs: logits, labels: labels, outputCount: 3)
}

@Test func crossEntropyGradient() {
  checkGradient(.softmaxCrossEntropy(classWeights: nil), outputs: logits, labels: labels, outputCount: 3)
}

@Test func meanSquaredErrorGradient() {
  checkGradient(
    .meanSquaredError, outputs: [0.5, -1.25, 2, 0.1], targets: [1, -1, 0.5, 0.1], outputCount: 1)
}

@Test func unitWeightsMatchUnweighted() {
  let weighted = meanLoss(
    .softmaxCrossEntropy(classWeights: [1, 1, 1]), outputs: logits, labels: labels, targets: [],
    outputCount: 3)
  let plain = meanLoss(
    .softmaxCrossEntropy(classWeights: nil), outputs: logits, labels: labels, targets: [], outputCount: 3)
  expectClose(weighted, plain, relativeTolerance: 1e-12)
}

@Test func weightedCrossEntropyByHand() {
  // Two rows with logits 0 everywhere: each row's loss is log 3, so any weights give mean log 3.
  // Row gradients are w (1/3 − onehot) / W with W = 2 + 1.
  let loss = Loss.softmaxCrossEntropy(classWeights: [2, 1, 1])
  let gradient = analyticGradient(
    loss, outputs: [Float](repeating: 0, count: 6), labels: [0, 1], targets: [], outputCount: 3)
  expectClose(
    gradient, [2.0 / 9 - 2.0 / 3, 2.0 / 9, 2.0 / 9, 1.0 / 9, 1.0 / 9 - 1.0 / 3, 1.0 / 9],
    relativeTolerance: 1e-6)
}
