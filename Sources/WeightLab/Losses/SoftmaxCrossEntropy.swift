// Softmax cross-entropy over class logits, with its gradient computed in the same pass.

import Foundation

/// The mean softmax cross-entropy of logits against integer class labels.
///
/// ```
/// p = softmax(z)          per row, computed as exp(z − max z) / Σ exp(z − max z)
/// L = −(1/B) Σ_b log p[b, label_b]
/// ∂L/∂z = (p − onehot(label)) / B
/// ```
public enum SoftmaxCrossEntropy {
  /// The summed loss and the number of correct arg-max predictions for a batch.
  public struct BatchResult {
    /// Σ over the batch of −log p[label], accumulated in Double (not yet divided by the batch size).
    public var lossSum: Double
    public var correct: Int
  }

  /// Computes the loss of `batchSize` rows of `logits` and, when `gradient` is given, writes
  /// ∂(mean loss)/∂z into it (it may alias `logits`).
  public static func evaluate(
    logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, batchSize: Int, classCount: Int,
    gradient: UnsafeMutablePointer<Float>?
  ) -> BatchResult {
    var lossSum = 0.0
    var correct = 0
    let inverseBatch = Float(1) / Float(batchSize)
    for row in 0..<batchSize {
      let z = logits + row * classCount
      let label = Int(labels[row])
      precondition(label >= 0 && label < classCount, "label \(label) is outside 0..<\(classCount)")

      var maximum = z[0]
      var argmax = 0
      for column in 1..<classCount where z[column] > maximum {
        maximum = z[column]
        argmax = column
      }
      if argmax == label { correct += 1 }

      // Each exponential is computed once and parked in the gradient row, then scaled by
      // 1 / (sum · B). The row may alias z, so z[label] is read before the row is written.
      let labelLogit = z[label]
      let g = gradient.map { $0 + row * classCount }
      var sum = 0.0
      for column in 0..<classCount {
        let exponential = Foundation.exp(Double(z[column] - maximum))
        sum += exponential
        g?[column] = Float(exponential)
      }
      lossSum += Foundation.log(sum) - Double(labelLogit - maximum)

      guard let g else { continue }
      let scale = Float(1 / sum) * inverseBatch
      for column in 0..<classCount { g[column] *= scale }
      g[label] -= inverseBatch
    }
    return BatchResult(lossSum: lossSum, correct: correct)
  }
}
