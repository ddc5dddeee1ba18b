// Parses activation specs: `relu`, `leaky-relu:slope=0.2`, `tanh`, `sigmoid`, `identity`.

extension Activation {
  /// Parses an activation spec; a leaky ReLU's slope defaults to 0.01, as in PyTorch.
  public init(spec: Spec) throws(SpecError) {
    switch spec.name {
    case "identity", "linear":
      try spec.checkArguments(allowed: [])
      self = .identity
    case "relu":
      try spec.checkArguments(allowed: [])
      self = .relu
    case "leaky-relu", "leaky_relu", "leakyrelu":
      try spec.checkArguments(allowed: ["slope"], maxPositional: 1)
      let slope = try spec.double("slope", positionalIndex: 0, default: Activation.defaultLeakyReLUSlope)
      guard slope > 0, slope < 1 else {
        throw SpecError(spec: spec.text, reason: "the leaky ReLU slope must be in (0, 1), got \(slope)")
      }
      self = .leakyReLU(slope: Float(slope))
    case "tanh":
      try spec.checkArguments(allowed: [])
      self = .tanh
    case "sigmoid", "logistic":
      try spec.checkArguments(allowed: [])
      self = .sigmoid
    default:
      throw SpecError(
        spec: spec.text,
        reason: "unknown activation '\(spec.name)'; valid names: \(Activation.names.joined(separator: ", "))")
    }
  }

  /// Parses an activation spec string.
  public init(parsing text: String) throws(SpecError) {
    try self.init(spec: try Spec(parsing: text))
  }
}
