// Which penalties apply to which parameters, and the spec strings that name them.

import WeightLabCore

/// The penalties and after-step rules of a training run, and the parameter roles they apply to.
public struct Regularization: Sendable, CustomStringConvertible {
  /// The penalties added to the loss; empty means none.
  public var penalties: [any Regularizer]
  /// The rules applied after each optimizer step, in order; empty means none.
  public var constraints: [any ParameterConstraint]
  /// The roles penalized. The default is kernels only: biases and normalization parameters are
  /// never penalized unless asked for.
  public var roles: Set<ParameterRole>

  public init(
    penalties: [any Regularizer] = [], constraints: [any ParameterConstraint] = [],
    roles: Set<ParameterRole> = [.kernel]
  ) {
    self.penalties = penalties
    self.constraints = constraints
    self.roles = roles
  }

  public static let none = Regularization()

  public var description: String {
    let parts = penalties.map(\.description) + constraints.map(\.description)
    return parts.isEmpty ? "none" : parts.joined(separator: "+")
  }

  /// Whether `parameter` is selected.
  public func applies(to parameter: Parameter) -> Bool { roles.contains(parameter.role) }

  /// Returns Σ R(w) over the selected parameters.
  public func penalty(of parameters: [Parameter]) -> Double {
    guard !penalties.isEmpty else { return 0 }
    var total = 0.0
    for parameter in parameters where applies(to: parameter) {
      parameter.value.scalars.withUnsafeBufferPointer { values in
        for penalty in penalties { total += penalty.penalty(values.baseAddress!, count: values.count) }
      }
    }
    return total
  }

  /// Adds each selected parameter's penalty gradient to its gradient.
  public func addGradients(to parameters: [Parameter]) {
    guard !penalties.isEmpty else { return }
    for parameter in parameters where applies(to: parameter) {
      parameter.value.scalars.withUnsafeBufferPointer { values in
        parameter.gradient.scalars.withUnsafeMutableBufferPointer { gradient in
          for penalty in penalties {
            penalty.addGradient(values.baseAddress!, count: values.count, to: gradient.baseAddress!)
          }
        }
      }
    }
  }
}

extension Regularization {
  /// Applies every after-step rule to each selected parameter.
  public func applyConstraints(to parameters: [Parameter], learningRate: Double) {
    guard !constraints.isEmpty else { return }
    for parameter in parameters where applies(to: parameter) {
      for constraint in constraints { constraint.apply(to: parameter, learningRate: learningRate) }
    }
  }
}

/// Parses regularizer spec strings.
public enum RegularizerCatalog {
  /// One entry of `weightlab list`.
  public struct Entry: Sendable {
    public var name: String
    public var formula: String
    public var defaults: String
  }

  public static let entries: [Entry] = [
    Entry(name: "none", formula: "no penalty", defaults: ""),
    Entry(
      name: "l1", formula: "λ·Σ|w|, gradient λ·sign(w)",
      defaults: "l1:λ (required), for example l1:1e-5"),
    Entry(
      name: "l2",
      formula: "λ·Σw², gradient 2λw (convention=sum, as Keras); ½·λ·Σw², gradient λw (convention=half)",
      defaults: "l2:λ (required), convention=sum"),
    Entry(
      name: "elastic-net", formula: "l1·Σ|w| + l2·Σw²",
      defaults: "elastic-net:l1=…,l2=… (both default to 0), convention=sum"),
  ]

  public static var names: [String] { entries.map(\.name) }

  /// Builds the penalty for one spec; `nil` for `none`.
  public static func make(_ spec: Spec) throws(SpecError) -> (any Regularizer)? {
    switch spec.name {
    case "none":
      try spec.checkArguments(allowed: [])
      return nil
    case "l1":
      try spec.checkArguments(allowed: ["strength"], maxPositional: 1)
      return L1(try strength(spec, "strength", positional: 0, default: nil))
    case "l2":
      try spec.checkArguments(allowed: ["strength", "convention"], maxPositional: 1)
      return L2(try strength(spec, "strength", positional: 0, default: nil), convention: try convention(spec))
    case "elastic-net", "l1l2", "l1-l2":
      try spec.checkArguments(allowed: ["l1", "l2", "convention"])
      return ElasticNet(
        l1: try strength(spec, "l1", positional: nil, default: 0),
        l2: try strength(spec, "l2", positional: nil, default: 0),
        convention: try convention(spec))
    default:
      throw SpecError(
        spec: spec.text,
        reason: "unknown regularizer '\(spec.name)'; valid names: \(names.joined(separator: ", "))")
    }
  }

  /// Builds a `Regularization` from one spec string such as `l2:1e-4`.
  public static func regularization(_ text: String) throws(SpecError) -> Regularization {
    let spec = try Spec(parsing: text)
    guard let penalty = try make(spec) else { return .none }
    return Regularization(penalties: [penalty])
  }

  private static func strength(_ spec: Spec, _ key: String, positional: Int?, default defaultValue: Double?)
    throws(SpecError) -> Double
  {
    let value = try spec.double(key, positionalIndex: positional, default: defaultValue)
    guard value >= 0 else {
      throw SpecError(spec: spec.text, reason: "'\(key)' must be ≥ 0, got \(value)")
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
}
