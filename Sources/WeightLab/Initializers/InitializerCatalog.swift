// Builds initializers from spec strings (`he-normal:mode=fan-out`, `truncated-normal:std=0.02`).
// The entries that `weightlab list` prints are in InitializerCatalog+Entries.swift.

/// The named initializers that spec strings select, with their argument checks.
public enum InitializerCatalog {
  /// Builds the kernel and bias initializers that `spec` names, for layers followed by `activation`.
  ///
  /// `activation` supplies the gain of `he-uniform` and `he-normal` unless the spec sets `gain=` or
  /// `nonlinearity=`. Every name except `torch-default` and `keras-default` sets only the kernel;
  /// the bias then starts at zero.
  public static func make(_ spec: Spec, activation: Activation) throws(SpecError) -> ParameterInitialization {
    switch spec.name {
    case "torch-default":
      try spec.checkArguments(allowed: [])
      return .torchDefault
    case "keras-default":
      try spec.checkArguments(allowed: [])
      return .kerasDefault
    default:
      return ParameterInitialization(weight: try makeInitializer(spec, activation: activation))
    }
  }

  /// Builds the initializer that `spec` names for a bias, as `--bias-init` takes it.
  ///
  /// `torch-default` gives PyTorch's bias rule U(±1/sqrt(fanIn)) and `keras-default` gives zeros;
  /// every other name gives the same initializer as for a kernel, drawn with the layer's fans.
  /// The names whose values are defined only for a matrix (orthogonal, identity, sparse) and
  /// `lsuv` throw, because a bias is a vector.
  public static func makeBias(_ spec: Spec, activation: Activation) throws(SpecError) -> any Initializer {
    switch spec.name {
    case "torch-default", "keras-default": return try make(spec, activation: activation).bias
    case "lsuv":
      throw SpecError(
        spec: spec.text,
        reason: "lsuv rescales kernels from their layer's outputs and cannot initialize a bias")
    case "orthogonal", "identity", "sparse":
      throw SpecError(
        spec: spec.text,
        reason: "\(spec.name) is defined for a [out, in] kernel matrix and cannot initialize a bias vector; "
          + "use zeros, constant, uniform or normal")
    default: return try makeInitializer(spec, activation: activation)
    }
  }

  /// Builds the single initializer that `spec` names (for `torch-default` and `keras-default`, the
  /// kernel's).
  public static func makeInitializer(_ spec: Spec, activation: Activation) throws(SpecError)
    -> any Initializer
  {
    let arguments = InitializerArguments(spec: spec)
    switch spec.name {
    case "zeros":
      try spec.checkArguments(allowed: [])
      return Constant.zeros
    case "ones":
      try spec.checkArguments(allowed: [])
      return Constant.ones
    case "constant":
      try spec.checkArguments(allowed: ["value"], maxPositional: 1)
      return Constant(value: try arguments.number("value", positionalIndex: 0, default: 0))
    case "uniform":
      return try makeUniform(arguments)
    case "normal":
      try spec.checkArguments(allowed: ["std", "mean"], maxPositional: 1)
      let std = try arguments.positive("std", positionalIndex: 0, default: 0.05)
      return RandomNormal(mean: try arguments.number("mean", default: 0), std: std)
    case "truncated-normal":
      return try makeTruncatedNormal(arguments)
    case "xavier-uniform", "glorot-uniform":
      try spec.checkArguments(allowed: ["gain", "slope"], maxPositional: 1)
      return XavierUniform(gain: try arguments.gain(positionalIndex: 0, default: 1))
    case "xavier-normal", "glorot-normal":
      try spec.checkArguments(allowed: ["gain", "slope"], maxPositional: 1)
      return XavierNormal(gain: try arguments.gain(positionalIndex: 0, default: 1))
    case "he-uniform", "kaiming-uniform":
      let (gain, mode) = try heArguments(arguments, activation: activation)
      return HeUniform(gain: gain, mode: mode)
    case "he-normal", "kaiming-normal":
      let (gain, mode) = try heArguments(arguments, activation: activation)
      return HeNormal(gain: gain, mode: mode)
    case "lecun-uniform":
      try spec.checkArguments(allowed: [])
      return LeCunUniform()
    case "lecun-normal":
      try spec.checkArguments(allowed: [])
      return LeCunNormal()
    case "variance-scaling":
      return try makeVarianceScaling(arguments)
    case "orthogonal":
      try spec.checkArguments(allowed: ["gain", "slope"], maxPositional: 1)
      return Orthogonal(gain: try arguments.gain(positionalIndex: 0, default: 1))
    case "identity":
      try spec.checkArguments(allowed: ["gain", "slope"], maxPositional: 1)
      return Identity(gain: try arguments.gain(positionalIndex: 0, default: 1))
    case "sparse":
      try spec.checkArguments(allowed: ["sparsity", "std"], maxPositional: 1)
      let sparsity = try arguments.number("sparsity", positionalIndex: 0)
      guard sparsity >= 0, sparsity < 1 else {
        throw arguments.invalid("sparsity", allowed: "a fraction with 0 <= sparsity < 1", received: sparsity)
      }
      return Sparse(sparsity: sparsity, std: try arguments.positive("std", default: 0.01))
    case "torch-default":
      try spec.checkArguments(allowed: [])
      return TorchDefault()
    case "keras-default":
      try spec.checkArguments(allowed: [])
      return XavierUniform()
    case "lsuv":
      return try makeLSUV(arguments)
    default:
      throw SpecError(
        spec: spec.text,
        reason: "unknown initializer '\(spec.name)'; valid names: \(names.joined(separator: ", "))")
    }
  }

  // MARK: - Names with several arguments

  private static func makeUniform(_ arguments: InitializerArguments) throws(SpecError) -> any Initializer {
    try arguments.spec.checkArguments(allowed: ["limit", "low", "high"], maxPositional: 1)
    let givesRange = arguments.has("low") || arguments.has("high")
    guard !(givesRange && arguments.has("limit", positionalIndex: 0)) else {
      throw SpecError(
        spec: arguments.spec.text,
        reason: "uniform takes either limit (for U(-limit, limit)) or low and high, not both")
    }
    guard givesRange else {
      return RandomUniform(limit: try arguments.positive("limit", positionalIndex: 0, default: 0.05))
    }

    let low = try arguments.number("low")
    let high = try arguments.number("high")
    guard low < high else {
      throw SpecError(
        spec: arguments.spec.text,
        reason:
          "invalid range; expected low < high; received low=\(formatArgument(low)), high=\(formatArgument(high))"
      )
    }
    return RandomUniform(low: low, high: high)
  }

  private static func makeTruncatedNormal(_ arguments: InitializerArguments) throws(SpecError)
    -> any Initializer
  {
    let spec = arguments.spec
    try spec.checkArguments(
      allowed: ["std", "mean", "bound", "units", "low", "high", "preserve-variance"], maxPositional: 1)
    let std = try arguments.positive("std", positionalIndex: 0, default: 0.05)
    let mean = try arguments.number("mean", default: 0)
    let preserveVariance = try arguments.flag("preserve-variance", default: false)
    let units = try arguments.choice("units", allowed: ["sigmas", "absolute"], default: "sigmas")
    let givesRange = arguments.has("low") || arguments.has("high")

    let bound: TruncatedNormal.Bound
    if units == "sigmas" {
      guard !givesRange else {
        throw SpecError(
          spec: spec.text,
          reason: "low and high are absolute bounds; add units=absolute, or use bound=K for ±K std")
      }
      bound = .sigmas(try arguments.positive("bound", default: 2))
    } else if givesRange {
      guard !arguments.has("bound") else {
        throw SpecError(spec: spec.text, reason: "give either bound=B for (-B, B) or low and high, not both")
      }
      bound = .absolute(
        low: try arguments.number("low", default: -2), high: try arguments.number("high", default: 2))
    } else {
      let limit = try arguments.positive("bound", default: 2)
      bound = .absolute(low: -limit, high: limit)
    }

    if case .absolute(let low, let high) = bound, low >= high {
      throw SpecError(
        spec: spec.text,
        reason:
          "invalid range; expected low < high; received low=\(formatArgument(low)), high=\(formatArgument(high))"
      )
    }
    guard
      TruncatedNormal.preTruncationStd(mean: mean, std: std, bound: bound, preserveVariance: preserveVariance)
        != nil
    else {
      let reason =
        preserveVariance && units == "absolute"
        ? "with preserve-variance=true and absolute bounds, the mean must lie inside (low, high) and std must be "
          + "below (high - low) / sqrt(12), the std of a uniform on the interval"
        : "the interval holds no Float32 value strictly inside its bounds; increase std or bound"
      throw SpecError(spec: spec.text, reason: reason)
    }
    return TruncatedNormal(mean: mean, std: std, bound: bound, preserveVariance: preserveVariance)
  }

  /// Returns the gain and fan mode of `he-uniform` and `he-normal`.
  private static func heArguments(_ arguments: InitializerArguments, activation: Activation) throws(SpecError)
    -> (
      Double, FanMode
    )
  {
    let spec = arguments.spec
    try spec.checkArguments(allowed: ["gain", "nonlinearity", "slope", "mode"])
    let mode = try arguments.mode(allowed: [.fanIn, .fanOut], default: .fanIn)
    guard !(arguments.has("gain") && arguments.has("nonlinearity")) else {
      throw SpecError(spec: spec.text, reason: "give either gain or nonlinearity, not both")
    }

    if arguments.has("gain") { return (try arguments.gain(default: 1), mode) }
    if arguments.has("nonlinearity") { return (try arguments.gain("nonlinearity", default: 1), mode) }
    if case .leakyReLU = activation, arguments.has("slope") {
      return (Activation.leakyReLUGain(slope: try arguments.number("slope")), mode)
    }
    guard !arguments.has("slope") else {
      throw SpecError(
        spec: spec.text,
        reason:
          "slope applies only to leaky-relu; the activation is \(activation), so add nonlinearity=leaky-relu")
    }
    return (activation.gain, mode)
  }

  private static func makeLSUV(_ arguments: InitializerArguments) throws(SpecError) -> any Initializer {
    try arguments.spec.checkArguments(allowed: ["tolerance", "max-iterations"])
    let tolerance = try arguments.positive("tolerance", default: 0.1)
    guard tolerance < 1 else {
      throw arguments.invalid("tolerance", allowed: "a number with 0 < tolerance < 1", received: tolerance)
    }
    let iterations = try arguments.number("max-iterations", default: 10)
    guard iterations >= 1, iterations <= 1000, iterations == iterations.rounded() else {
      throw arguments.invalid(
        "max-iterations", allowed: "a whole number from 1 to 1000", received: iterations)
    }
    return LSUV(tolerance: tolerance, maxIterations: Int(iterations))
  }

  private static func makeVarianceScaling(_ arguments: InitializerArguments) throws(SpecError)
    -> any Initializer
  {
    try arguments.spec.checkArguments(allowed: ["scale", "mode", "distribution"], maxPositional: 1)
    let scale = try arguments.positive("scale", positionalIndex: 0, default: 1)
    let mode = try arguments.mode(allowed: FanMode.allCases, default: .fanIn)
    let names = ["truncated-normal", "normal", "untruncated-normal", "uniform"]
    let name = try arguments.choice("distribution", allowed: names, default: "truncated-normal")
    // Keras treats "normal" as an alias of "truncated_normal".
    let distribution = VarianceScaling.Distribution(rawValue: name == "normal" ? "truncated-normal" : name)
    return VarianceScaling(scale: scale, mode: mode, distribution: distribution ?? .truncatedNormal)
  }
}
