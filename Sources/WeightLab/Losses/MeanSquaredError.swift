// Mean squared error of one real output per row against a real target, with its gradient.

/// The mean squared error of a one-output regression.
///
/// ```
/// L = (1/B) Σ_b (z_b − t_b)²
/// ∂L/∂z_b = 2 (z_b − t_b) / B
/// ```
/// This is PyTorch's `mse_loss(reduction: "mean")`, without the ½ that some texts put in front.
public enum MeanSquaredError {
  /// Computes the summed squared error of `batchSize` outputs and, when `gradient` is given,
  /// writes ∂L/∂z of the mean into it (it may alias `outputs`).
  ///
  /// - Returns: `Σ (z − t)²`, accumulated in Double and not yet divided by the batch size.
  public static func evaluate(
    outputs: UnsafePointer<Float>, targets: UnsafePointer<Float>, batchSize: Int,
    gradient: UnsafeMutablePointer<Float>?
  ) -> Double {
    var sum = 0.0
    let gradientScale = 2 / Float(batchSize)
    for row in 0..<batchSize {
      let error = outputs[row] - targets[row]
      sum += Double(error) * Double(error)
      gradient?[row] = gradientScale * error
    }
    return sum
  }
}
