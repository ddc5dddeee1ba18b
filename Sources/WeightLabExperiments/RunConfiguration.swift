// The full description of one training run: data, architecture, initializer, regularizer,
// optimizer and seed. Everything a run's result depends on is here.

import WeightLab

/// One training run's settings, with specs kept as the user wrote them.
public struct RunConfiguration: Sendable {
  public var dataset: String
  public var hiddenWidths: [Int]
  public var activation: Activation
  /// The initializer spec, such as `he-normal` or `normal:std=0.01`.
  public var initializer: String
  /// The bias initializer spec; nil leaves the bias to the initializer preset, which is zeros for
  /// every preset except `torch-default`.
  public var biasInitializer: String?
  /// The way every dense layer obtains its kernel; `.none` trains the kernel directly.
  public var parametrization: KernelParametrization
  /// The regularizer spec, such as `none` or `l2:1e-4`.
  public var regularizer: String
  public var optimizer: String
  public var learningRate: Double
  public var momentum: Double
  /// The decoupled weight decay λ of the `adamw` optimizer; nil for its default 0.01.
  public var weightDecay: Double?
  public var batchSize: Int
  public var epochs: Int
  public var seed: UInt64
  /// The training accuracy whose first epoch `RunSummary.epochsToTarget` reports.
  public var targetAccuracy: Double

  public init(
    dataset: String = "fashion-mnist", hiddenWidths: [Int] = [256, 128], activation: Activation = .relu,
    initializer: String = "he-normal", biasInitializer: String? = nil,
    parametrization: KernelParametrization = .none, regularizer: String = "none",
    optimizer: String = "adam", learningRate: Double = 1e-3, momentum: Double = 0.9,
    weightDecay: Double? = nil,
    batchSize: Int = 128, epochs: Int = 5, seed: UInt64 = 0, targetAccuracy: Double = 0.85
  ) {
    self.dataset = dataset
    self.hiddenWidths = hiddenWidths
    self.activation = activation
    self.initializer = initializer
    self.biasInitializer = biasInitializer
    self.parametrization = parametrization
    self.regularizer = regularizer
    self.optimizer = optimizer
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.batchSize = batchSize
    self.epochs = epochs
    self.seed = seed
    self.targetAccuracy = targetAccuracy
  }
}
