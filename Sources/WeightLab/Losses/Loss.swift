// The data loss of a training run, chosen by the task: softmax cross-entropy (optionally weighted
// by class) for classes, mean squared error for a real target.

/// The loss a trainer minimizes, with the penalty added separately.
public enum Loss: Sendable, Equatable {
  /// Softmax cross-entropy over one logit per class. Class weights, when given, weigh each row by
  /// its label's weight (see `WeightedSoftmaxCrossEntropy`).
  case softmaxCrossEntropy(classWeights: [Float]?)
  /// Mean squared error of one output against the row's real target (see `MeanSquaredError`).
  case meanSquaredError

  /// A batch's loss, before division by its weight.
  public struct BatchResult: Sendable, Equatable {
    /// The summed (weighted) loss of the rows, in Double.
    public var lossSum: Double
    /// The sum of the row weights: the row count unless classes are weighted.
    public var weightSum: Double
    /// Classification: the number of correct arg-max predictions. 0 for regression.
    public var correct: Int

    public init(lossSum: Double, weightSum: Double, correct: Int) {
      self.lossSum = lossSum
      self.weightSum = weightSum
      self.correct = correct
    }

    /// The batch's mean loss, `lossSum / weightSum`.
    public var meanLoss: Double { lossSum / weightSum }
  }

  /// Whether the loss reads class labels rather than real targets.
  public var isClassification: Bool {
    if case .softmaxCrossEntropy = self { return true }
    return false
  }

  /// Computes the loss of `batchSize` rows of `outputs`, `[batchSize, outputCount]`, and, when
  /// `gradient` is given, writes ∂(mean loss)/∂outputs into it (it may alias `outputs`).
  ///
  /// - Parameters:
  ///   - labels: The class label of each row; required for cross-entropy.
  ///   - targets: The real target of each row; required for mean squared error.
  /// - Precondition: The labels or targets the loss needs are given, and mean squared error has
  ///   one output.
  public func evaluate(
    outputs: UnsafePointer<Float>, labels: UnsafePointer<Int32>?, targets: UnsafePointer<Float>?,
    batchSize: Int, outputCount: Int, gradient: UnsafeMutablePointer<Float>?
  ) -> BatchResult {
    switch self {
    case .softmaxCrossEntropy(nil):
      guard let labels else { preconditionFailure("cross-entropy needs labels") }
      let result = SoftmaxCrossEntropy.evaluate(
        logits: outputs, labels: labels, batchSize: batchSize, classCount: outputCount, gradient: gradient)
      return BatchResult(lossSum: result.lossSum, weightSum: Double(batchSize), correct: result.correct)
    case .softmaxCrossEntropy(let classWeights?):
      guard let labels else { preconditionFailure("cross-entropy needs labels") }
      let result = WeightedSoftmaxCrossEntropy.evaluate(
        logits: outputs, labels: labels, classWeights: classWeights, batchSize: batchSize,
        classCount: outputCount, gradient: gradient)
      return BatchResult(
        lossSum: result.weightedLossSum, weightSum: result.weightSum, correct: result.correct)
    case .meanSquaredError:
      guard let targets else { preconditionFailure("mean squared error needs targets") }
      precondition(outputCount == 1, "mean squared error needs 1 output, got \(outputCount)")
      let sum = MeanSquaredError.evaluate(
        outputs: outputs, targets: targets, batchSize: batchSize, gradient: gradient)
      return BatchResult(lossSum: sum, weightSum: Double(batchSize), correct: 0)
    }
  }
}
