// Builds penalties and after-step rules from spec strings (`l2:1e-4`, `prox-l1:1e-4`,
// `l2:1e-4+max-norm:3`). The entries that `weightlab list` prints are in RegularizerCatalog+Entries.swift.

/// Parses regularizer and constraint spec strings.
public enum RegularizerCatalog {
  /// One regularizer or constraint.
  public enum Item: Sendable {
    case penalty(any Regularizer)
    case constraint(any ParameterConstraint)
  }

  /// Builds the penalty or after-step rule for one spec; `nil` for `none`.
  public static func make(_ spec: Spec) throws(SpecError) -> Item? {
    switch spec.name {
    case "none":
      try spec.checkArguments(allowed: [])
      return nil
    case "l1":
      try spec.checkArguments(allowed: ["strength"], maxPositional: 1)
      return .penalty(L1(try nonNegative(spec, "strength", positional: 0, default: nil)))
    case "l2":
      try spec.checkArguments(allowed: ["strength", "convention"], maxPositional: 1)
      let strength = try nonNegative(spec, "strength", positional: 0, default: nil)
      return .penalty(L2(strength, convention: try convention(spec)))
    case "elastic-net", "l1l2", "l1-l2":
      try spec.checkArguments(allowed: ["l1", "l2", "convention"])
      return .penalty(
        ElasticNet(
          l1: try nonNegative(spec, "l1", positional: nil, default: 0),
          l2: try nonNegative(spec, "l2", positional: nil, default: 0),
          convention: try convention(spec)))
    case "orthogonal-penalty":
      try spec.checkArguments(allowed: ["factor", "mode"], maxPositional: 1)
      let factor = try nonNegative(spec, "factor", positional: 0, default: 0.01)
      return .penalty(OrthogonalPenalty(factor: factor, mode: try orthogonalMode(spec)))
    default:
      return try makeConstraint(spec)
    }
  }

  private static func makeConstraint(_ spec: Spec) throws(SpecError) -> Item? {
    switch spec.name {
    case "decay", "weight-decay":
      try spec.checkArguments(allowed: ["rate"], maxPositional: 1)
      return .constraint(
        DecoupledWeightDecay(rate: try nonNegative(spec, "rate", positional: 0, default: nil)))
    case "prox-l1":
      try spec.checkArguments(allowed: ["strength"], maxPositional: 1)
      return .constraint(ProximalL1(strength: try nonNegative(spec, "strength", positional: 0, default: nil)))
    case "max-norm":
      try spec.checkArguments(allowed: ["max", "axis"], maxPositional: 1)
      let maxValue = try positive(spec, "max", positional: 0, default: 2)
      return .constraint(MaxNorm(maxValue: maxValue, axis: try axis(spec)))
    case "min-max-norm":
      try spec.checkArguments(allowed: ["min", "max", "rate", "axis"])
      let minValue = try nonNegative(spec, "min", positional: nil, default: 0)
      let maxValue = try positive(spec, "max", positional: nil, default: 1)
      guard minValue <= maxValue else {
        throw SpecError(spec: spec.text, reason: "min must be ≤ max, got min=\(minValue), max=\(maxValue)")
      }
      let rate = try spec.double("rate", default: 1)
      guard rate > 0, rate <= 1 else {
        throw SpecError(spec: spec.text, reason: "rate must be in (0, 1], got \(rate)")
      }
      return .constraint(MinMaxNorm(minValue: minValue, maxValue: maxValue, rate: rate, axis: try axis(spec)))
    case "unit-norm":
      try spec.checkArguments(allowed: ["axis"])
      return .constraint(UnitNorm(axis: try axis(spec)))
    case "spectral-norm":
      try spec.checkArguments(allowed: ["iterations"])
      let iterations = try spec.double("iterations", default: 1)
      guard iterations >= 1, iterations <= 100, iterations == iterations.rounded() else {
        throw SpecError(
          spec: spec.text, reason: "iterations must be a whole number from 1 to 100, got \(iterations)")
      }
      return .constraint(SpectralNorm(powerIterations: Int(iterations)))
    case "orthogonal":
      try spec.checkArguments(allowed: [])
      return .constraint(OrthogonalProjection())
    case "non-neg", "non-negative":
      try spec.checkArguments(allowed: [])
      return .constraint(NonNegative())
    default:
      throw SpecError(
        spec: spec.text,
        reason: "unknown regularizer '\(spec.name)'; valid names: \(names.joined(separator: ", "))")
    }
  }

  /// Builds a `Regularization` from a spec string: one spec such as `l2:1e-4`, or several joined
  /// by `+`, such as `l2:1e-4+max-norm:3`. Penalties and after-step rules may be mixed; the rules
  /// run after each step in the order given.
  public static func regularization(_ text: String) throws(SpecError) -> Regularization {
    var result = Regularization()
    let pieces = splitCombination(text)
    for piece in pieces {
      let spec = try Spec(parsing: piece)
      if spec.name == "none" && pieces.count > 1 {
        throw SpecError(spec: text, reason: "'none' cannot be combined with other regularizers")
      }
      switch try make(spec) {
      case .penalty(let penalty): result.penalties.append(penalty)
      case .constraint(let constraint): result.constraints.append(constraint)
      case nil: break
      }
    }
    return result
  }

  /// Splits `a+b+c` at each `+` that starts a name (a letter follows it), so that a number with
  /// an exponent such as `1e+4` stays whole.
  static func splitCombination(_ text: String) -> [String] {
    var pieces: [String] = []
    var current = ""
    var characters = text.makeIterator()
    var pending = characters.next()
    while let character = pending {
      let next = characters.next()
      if character == "+", let next, next.isLetter {
        pieces.append(current)
        current = ""
      } else {
        current.append(character)
      }
      pending = next
    }
    pieces.append(current)
    return pieces
  }

  // MARK: - Argument checks

  private static func nonNegative(
    _ spec: Spec, _ key: String, positional: Int?, default defaultValue: Double?
  ) throws(SpecError) -> Double {
    let value = try spec.double(key, positionalIndex: positional, default: defaultValue)
    guard value >= 0 else {
      throw SpecError(spec: spec.text, reason: "'\(key)' must be ≥ 0, got \(value)")
    }
    return value
  }

  private static func positive(_ spec: Spec, _ key: String, positional: Int?, default defaultValue: Double?)
    throws(SpecError) -> Double
  {
    let value = try spec.double(key, positionalIndex: positional, default: defaultValue)
    guard value > 0 else {
      throw SpecError(spec: spec.text, reason: "'\(key)' must be > 0, got \(value)")
    }
    return value
  }

  private static func convention(_ spec: Spec) throws(SpecError) -> L2Convention {
    let raw = spec.string("convention", default: "sum")
    switch raw {
    case "sum", "keras": return .sum
    case "half", "caffe": return .half
    default:
      throw SpecError(
        spec: spec.text, reason: "convention must be 'sum' (λ·Σw²) or 'half' (½·λ·Σw²), got '\(raw)'")
    }
  }

  private static func axis(_ spec: Spec) throws(SpecError) -> NormAxis {
    let raw = spec.string("axis", default: NormAxis.perUnit.rawValue)
    guard let axis = NormAxis(rawValue: raw) else {
      throw SpecError(
        spec: spec.text,
        reason:
          "axis must be 'units' (one norm per unit's incoming weights, Keras axis=0), 'inputs' (per input, "
          + "Keras axis=1) or 'whole', got '\(raw)'")
    }
    return axis
  }

  private static func orthogonalMode(_ spec: Spec) throws(SpecError) -> OrthogonalPenalty.Mode {
    let raw = spec.string("mode", default: OrthogonalPenalty.Mode.units.rawValue)
    guard let mode = OrthogonalPenalty.Mode(rawValue: raw) else {
      throw SpecError(
        spec: spec.text,
        reason:
          "mode must be 'units' (rows of the [out, in] kernel, Keras mode='columns') or 'inputs' (columns, "
          + "Keras mode='rows'), got '\(raw)'")
    }
    return mode
  }
}
