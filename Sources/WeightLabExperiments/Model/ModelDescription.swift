// The contents of a saved model's model.json: the network's shape, the task and the fitted
// preprocessing, everything needed besides the weights to predict rows of a new CSV file.

import WeightLab
import WeightLabData

/// The architecture and preprocessing of a saved tabular model.
///
/// The weights live beside it in `model.safetensors`. Tensor names follow PyTorch's
/// `torch.nn.Sequential(Linear, activation, Linear, activation, …, Linear)`: dense layer `i`
/// (0-based) is module `2i`, so its kernel is `"2i.weight"`, shape `[out, in]`, and its bias
/// `"2i.bias"`, shape `[out]`. A state dict with these names loads into that `Sequential` with
/// `load_state_dict`, and WeightLab's `[out, in]` kernels need no transposes.
public struct ModelDescription: Codable, Sendable, Equatable {
  /// The network's layer widths and activation.
  public struct Architecture: Codable, Sendable, Equatable {
    /// The width of the encoded feature vector, `encoder.encodedFeatureCount`.
    public var inputFeatures: Int
    public var hiddenWidths: [Int]
    /// The activation spec of every hidden layer, such as `relu` or `leaky-relu:slope=0.01`.
    /// The output layer is linear.
    public var activation: String
    /// The number of outputs: one logit per class, or 1 for regression.
    public var outputs: Int

    public init(inputFeatures: Int, hiddenWidths: [Int], activation: String, outputs: Int) {
      self.inputFeatures = inputFeatures
      self.hiddenWidths = hiddenWidths
      self.activation = activation
      self.outputs = outputs
    }
  }

  /// The training settings of the model, kept for the record. Loading ignores them.
  public struct Provenance: Codable, Sendable, Equatable {
    public var initializer: String
    public var regularizer: String
    public var seed: UInt64
    /// The epoch whose weights were saved (the best validation epoch under early stopping).
    public var epoch: Int
    /// The data file the model was trained on, as given on the command line.
    public var dataPath: String

    public init(initializer: String, regularizer: String, seed: UInt64, epoch: Int, dataPath: String) {
      self.initializer = initializer
      self.regularizer = regularizer
      self.seed = seed
      self.epoch = epoch
      self.dataPath = dataPath
    }
  }

  /// Always `formatName`, so a stray JSON file is not taken for a model.
  public var format: String
  /// The layout version of this file, raised when a field changes meaning.
  public var formatVersion: Int
  /// A random identifier also stored in the safetensors metadata, so a weights file from another
  /// save is detected instead of silently paired with this description.
  public var weightsID: String
  public var architecture: Architecture
  /// The task and the target's class names or standardization are in `encoder.target`.
  public var encoder: TabularEncoder
  public var provenance: Provenance?

  public static let formatName = "weightlab-tabular-model"
  /// The layout version this code writes and reads.
  public static let currentFormatVersion = 1

  public init(
    weightsID: String, architecture: Architecture, encoder: TabularEncoder, provenance: Provenance? = nil
  ) {
    self.format = Self.formatName
    self.formatVersion = Self.currentFormatVersion
    self.weightsID = weightsID
    self.architecture = architecture
    self.encoder = encoder
    self.provenance = provenance
  }

  public var task: TabularTask { encoder.target.task }

  /// Returns the safetensors names of dense layer `index`'s kernel and bias.
  public static func tensorNames(layer index: Int) -> (weight: String, bias: String) {
    ("\(2 * index).weight", "\(2 * index).bias")
  }
}
