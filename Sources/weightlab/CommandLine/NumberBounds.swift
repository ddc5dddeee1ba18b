// Ranges that numeric options accept, with the wording that usage errors use to describe them.

/// The finite real numbers an option accepts: an optional lower and upper bound, each inclusive
/// or exclusive.
struct NumberBounds: Sendable {
  let lower: Double?
  let includesLower: Bool
  let upper: Double?
  let includesUpper: Bool

  /// Numbers greater than 0.
  static let positive = NumberBounds(lower: 0, includesLower: false, upper: nil, includesUpper: false)

  /// Numbers in 0 ≤ x < 1.
  static let fractionBelowOne = NumberBounds(
    lower: 0, includesLower: true, upper: 1, includesUpper: false)

  /// Numbers in 0 ≤ x ≤ 1.
  static let fraction = NumberBounds(lower: 0, includesLower: true, upper: 1, includesUpper: true)

  func contains(_ value: Double) -> Bool {
    guard value.isFinite else { return false }
    if let lower, includesLower ? value < lower : value <= lower { return false }
    if let upper, includesUpper ? value > upper : value >= upper { return false }
    return true
  }

  /// The accepted range in words, such as `a number x with 0 <= x < 1`.
  var description: String {
    switch (lower, upper) {
    case (nil, nil):
      return "a finite number"
    case (let lower?, nil):
      return "a number " + (includesLower ? "of at least " : "greater than ") + formatBound(lower)
    case (nil, let upper?):
      return "a number " + (includesUpper ? "of at most " : "less than ") + formatBound(upper)
    case (let lower?, let upper?):
      let lowerSign = includesLower ? "<=" : "<"
      let upperSign = includesUpper ? "<=" : "<"
      return "a number x with \(formatBound(lower)) \(lowerSign) x \(upperSign) \(formatBound(upper))"
    }
  }
}

/// Formats a bound without a trailing `.0` for whole numbers.
private func formatBound(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 {
    return String(Int64(value))
  }
  return String(value)
}
