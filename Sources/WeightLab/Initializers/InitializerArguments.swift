// Typed, checked access to an initializer spec's arguments. Every message follows one template:
// what is invalid, what is allowed, and what was received.

/// Reads one initializer spec's arguments and throws a `SpecError` for any a user got wrong.
struct InitializerArguments {
  let spec: Spec

  /// Returns the number `key` (or the positional value at `positionalIndex`), which must be > 0.
  func positive(_ key: String, positionalIndex: Int? = nil, default defaultValue: Double? = nil)
    throws(SpecError) -> Double
  {
    let value = try number(key, positionalIndex: positionalIndex, default: defaultValue)
    guard value > 0 else { throw invalid(key, allowed: "a number > 0", received: value) }
    return value
  }

  /// The largest magnitude a numeric argument may have: Float32's largest finite value over 16.
  ///
  /// Weights are Float32. A normal draw is `mean + std·z` with |z| ≤ 8.66, because the Box-Muller
  /// uniform is at least 2^-54, so arguments up to this bound keep every drawn weight finite.
  static let maximumMagnitude = Double(Float.greatestFiniteMagnitude) / 16

  /// Returns the number `key` (or the positional value at `positionalIndex`), which must be
  /// finite and at most `maximumMagnitude` in magnitude.
  func number(_ key: String, positionalIndex: Int? = nil, default defaultValue: Double? = nil)
    throws(SpecError) -> Double
  {
    if defaultValue == nil, spec.arguments[key] == nil,
      positionalIndex.map({ $0 >= spec.positional.count }) ?? true
    {
      throw SpecError(
        spec: spec.text,
        reason: "the argument '\(key)' is missing; \(spec.name) needs it, as in \(spec.name):\(key)=VALUE")
    }
    let value = try spec.double(key, positionalIndex: positionalIndex, default: defaultValue)
    guard abs(value) <= Self.maximumMagnitude else {
      throw invalid(
        key,
        allowed: "a number of magnitude at most \(formatArgument(Self.maximumMagnitude)), so that "
          + "the Float32 weights stay finite", received: value)
    }
    return value
  }

  /// Returns whether `key` was given by name or at `positionalIndex`.
  func has(_ key: String, positionalIndex: Int? = nil) -> Bool {
    spec.arguments[key] != nil || (positionalIndex.map { $0 < spec.positional.count } ?? false)
  }

  /// Returns the value of `key`, which must be one of `allowed`.
  func choice(_ key: String, allowed: [String], default defaultValue: String) throws(SpecError) -> String {
    let value = spec.string(key, default: defaultValue)
    guard allowed.contains(value) else {
      throw SpecError(
        spec: spec.text,
        reason:
          "invalid value for '\(key)'; expected one of \(allowed.joined(separator: ", ")); received \(key)=\(value)"
      )
    }
    return value
  }

  /// Returns the fan mode `mode`, restricted to `allowed`.
  func mode(allowed: [FanMode], default defaultValue: FanMode) throws(SpecError) -> FanMode {
    let name = try choice("mode", allowed: allowed.map(\.rawValue), default: defaultValue.rawValue)
    return FanMode(rawValue: name) ?? defaultValue
  }

  /// Returns the boolean `key`, written `true` or `false`.
  func flag(_ key: String, default defaultValue: Bool) throws(SpecError) -> Bool {
    try choice(key, allowed: ["true", "false"], default: defaultValue ? "true" : "false") == "true"
  }

  /// Returns the gain `key`: a number > 0 or a nonlinearity name from `Activation.gainNames`, with
  /// the leaky-ReLU slope from `slope=` (default 0.01). Returns `defaultValue` when absent.
  func gain(_ key: String = "gain", positionalIndex: Int? = nil, default defaultValue: Double)
    throws(SpecError)
    -> Double
  {
    let raw =
      spec.arguments[key]
      ?? positionalIndex.flatMap { $0 < spec.positional.count ? spec.positional[$0] : nil }
    guard let raw else { return defaultValue }
    let isLeakyReLU = ["leaky-relu", "leaky_relu", "leakyrelu"].contains(raw.lowercased())
    guard isLeakyReLU || spec.arguments["slope"] == nil else {
      throw SpecError(
        spec: spec.text, reason: "slope applies only to \(key)=leaky-relu; received \(key)=\(raw)")
    }
    if Double(raw) != nil { return try positive(key, positionalIndex: positionalIndex) }

    let slope = try number("slope", default: Activation.defaultLeakyReLUSlope)
    guard let gain = Activation.gain(named: raw, slope: slope) else {
      throw SpecError(
        spec: spec.text,
        reason: "invalid value for '\(key)'; expected a number > 0 or one of "
          + "\(Activation.gainNames.joined(separator: ", ")); received \(key)=\(raw)")
    }
    return gain
  }

  /// Returns a `SpecError` in the shared template for argument `key`.
  func invalid(_ key: String, allowed: String, received: Double) -> SpecError {
    SpecError(
      spec: spec.text,
      reason: "invalid value for '\(key)'; expected \(allowed); received \(key)=\(formatArgument(received))")
  }
}
