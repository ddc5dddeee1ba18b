// Spec strings name a scheme and its arguments on the command line and in configuration files:
// `he-normal`, `normal:std=0.01`, `l2:1e-4,convention=half`, `elastic-net:l1=1e-5,l2=1e-4`.

/// A parsed spec string: a name, optional positional values and optional `key=value` arguments.
///
/// Grammar: `name[:item[,item]...]` where each item is `key=value` or a bare positional value.
public struct Spec: Equatable, Sendable, CustomStringConvertible {
  /// The scheme's name, lowercased.
  public var name: String
  /// Bare values after the colon, in order.
  public var positional: [String]
  /// `key=value` arguments, keys lowercased.
  public var arguments: [String: String]
  /// The text the spec was parsed from, for error messages.
  public var text: String

  public var description: String { text }

  /// Parses one spec string.
  public init(parsing text: String) throws(SpecError) {
    let trimmed = text.trimmingWhitespace()
    guard !trimmed.isEmpty else { throw SpecError(spec: text, reason: "the spec is empty") }
    self.text = trimmed
    let parts = trimmed.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
    name = parts[0].trimmingWhitespace().lowercased()
    guard !name.isEmpty else { throw SpecError(spec: text, reason: "the spec has no name before ':'") }
    positional = []
    arguments = [:]
    guard parts.count == 2 else { return }
    for rawItem in parts[1].split(separator: ",", omittingEmptySubsequences: false) {
      let item = rawItem.trimmingWhitespace()
      guard !item.isEmpty else { throw SpecError(spec: text, reason: "the spec has an empty argument") }
      if let equals = item.firstIndex(of: "=") {
        let key = item[..<equals].trimmingWhitespace().lowercased()
        let value = item[item.index(after: equals)...].trimmingWhitespace()
        guard !key.isEmpty, !value.isEmpty else {
          throw SpecError(spec: text, reason: "'\(item)' needs the form key=value")
        }
        guard arguments[key] == nil else {
          throw SpecError(spec: text, reason: "the argument '\(key)' is given twice")
        }
        arguments[key] = value
      } else {
        positional.append(item)
      }
    }
  }

  /// Splits a comma-separated list of specs, as `--init a,b:x=1,c` takes them.
  ///
  /// A comma starts a new spec unless the piece after it is a `key=value` argument or a number,
  /// which continue the previous spec (so `elastic-net:l1=1e-5,l2=1e-4` stays one spec).
  /// A semicolon always starts a new spec.
  public static func parseList(_ text: String) throws(SpecError) -> [Spec] {
    var specs: [Spec] = []
    for segment in text.split(separator: ";", omittingEmptySubsequences: true) {
      var groups: [String] = []
      for rawPiece in segment.split(separator: ",", omittingEmptySubsequences: false) {
        let piece = rawPiece.trimmingWhitespace()
        if !groups.isEmpty && (isKeyValue(piece) || Double(piece) != nil) {
          groups[groups.count - 1] += "," + piece
        } else {
          groups.append(piece)
        }
      }
      for group in groups { specs.append(try Spec(parsing: group)) }
    }
    guard !specs.isEmpty else { throw SpecError(spec: text, reason: "the list is empty") }
    return specs
  }

  private static func isKeyValue(_ piece: String) -> Bool {
    guard let equals = piece.firstIndex(of: "=") else { return false }
    return !piece[..<equals].contains(":")
  }

  // MARK: - Typed access

  /// Returns the Double argument `key`, or the first positional value when `positionalIndex`
  /// names one, or `defaultValue`; throws when the text is not a finite number.
  public func double(_ key: String, positionalIndex: Int? = nil, default defaultValue: Double? = nil)
    throws(SpecError) -> Double
  {
    let raw: String?
    if let value = arguments[key] {
      raw = value
    } else if let positionalIndex, positionalIndex < positional.count {
      raw = positional[positionalIndex]
    } else {
      raw = nil
    }
    guard let raw else {
      if let defaultValue { return defaultValue }
      throw SpecError(spec: text, reason: "the argument '\(key)' is missing, for example \(name):\(key)=0.01")
    }
    guard let value = Double(raw), value.isFinite else {
      throw SpecError(spec: text, reason: "'\(key)' must be a finite number, got '\(raw)'")
    }
    return value
  }

  /// Returns the string argument `key`, or `defaultValue`.
  public func string(_ key: String, default defaultValue: String) -> String {
    arguments[key]?.lowercased() ?? defaultValue
  }

  /// Throws when the spec carries arguments other than `allowed`, or more positional values than
  /// `maxPositional`.
  public func checkArguments(allowed: [String], maxPositional: Int = 0) throws(SpecError) {
    for key in arguments.keys.sorted() where !allowed.contains(key) {
      let valid =
        allowed.isEmpty ? "it takes no arguments" : "valid arguments: \(allowed.joined(separator: ", "))"
      throw SpecError(spec: text, reason: "unknown argument '\(key)' for \(name); \(valid)")
    }
    if positional.count > maxPositional {
      throw SpecError(
        spec: text,
        reason:
          "\(name) takes at most \(maxPositional) unnamed value\(maxPositional == 1 ? "" : "s"), got \(positional.count)"
      )
    }
  }
}

/// An invalid spec string: which spec, and what is wrong with it.
public struct SpecError: Error, Equatable, CustomStringConvertible {
  public var spec: String
  public var reason: String

  public init(spec: String, reason: String) {
    self.spec = spec
    self.reason = reason
  }

  public var description: String { "invalid spec '\(spec)': \(reason)" }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    var slice = Substring(self)
    while let first = slice.first, first.isWhitespace { slice.removeFirst() }
    while let last = slice.last, last.isWhitespace { slice.removeLast() }
    return String(slice)
  }
}
