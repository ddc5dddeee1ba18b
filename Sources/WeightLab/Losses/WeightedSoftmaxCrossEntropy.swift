// Softmax cross-entropy with a weight per class, for imbalanced targets, with its gradient
// computed in the same pass.

import Foundation

/// The class-weighted mean softmax cross-entropy of logits against integer class labels.
///
/// ```
/// p = softmax(z)                         per row, computed as exp(z − max z) / Σ exp(z − max z)
/// W = Σ_b w[label_b]
/// L = −(1/W) Σ_b w[label_b] · log p[b, label_b]
/// ∂L/∂z_b = w[label_b] · (p_b − onehot(label_b)) / W
/// ```
/// This is PyTorch's `cross_entropy(weight: w, reduction: "mean")`. With every weight 1 it equals
/// `SoftmaxCrossEntropy`.
public enum WeightedSoftmaxCrossEntropy {
  /// Computes the loss of `batchSize` rows of `logits` and, when `gradient` is given, writes
  /// ∂L/∂z into it (it may alias `logits`).
  ///
  /// - Returns: The weighted loss sum `Σ w · (−log p)`, the weight sum `W`, and the number of
  ///   correct arg-max predictions.
  /// - Precondition: Every label is in `0 ..< classCount`, and `W` is positive.
  public static func evaluate(
    logits: UnsafePointer<Float>, labels: UnsafePointer<Int32>, classWeights: [Float], batchSize: Int,
    classCount: Int, gradient: UnsafeMutablePointer<Float>?
  ) -> (weightedLossSum: Double, weightSum: Double, correct: Int) {
    precondition(
      classWeights.count == classCount, "\(classWeights.count) class weights for \(classCount) classes")
    var weightSum = 0.0
    for row in 0..<batchSize {
      let label = Int(labels[row])
      precondition(label >= 0 && label < classCount, "label \(label) is outside 0..<\(classCount)")
      weightSum += Double(classWeights[label])
    }
    precondition(weightSum > 0, "the class weights of the batch sum to \(weightSum)")

    var lossSum = 0.0
    var correct = 0
    for row in 0..<batchSize {
      let z = logits + row * classCount
      let label = Int(labels[row])
      let weight = Double(classWeights[label])

      var maximum = z[0]
      var argmax = 0
      for column in 1..<classCount where z[column] > maximum {
        maximum = z[column]
        argmax = column
      }
      if argmax == label { correct += 1 }

      // The exponentials are parked in the gradient row, which may alias z, so z[label] is read first.
      let labelLogit = z[label]
      let g = gradient.map { $0 + row * classCount }
      var sum = 0.0
      for column in 0..<classCount {
        let exponential = Foundation.exp(Double(z[column] - maximum))
        sum += exponential
        g?[column] = Float(exponential)
      }
      lossSum += weight * (Foundation.log(sum) - Double(labelLogit - maximum))

      guard let g else { continue }
      let rowScale = weight / weightSum
      let scale = Float(rowScale / sum)
      for column in 0..<classCount { g[column] *= scale }
      g[label] -= Float(rowScale)
    }
    return (lossSum, weightSum, correct)
  }
}
