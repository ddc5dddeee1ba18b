// Conversions of option text into integers, numbers, lists and enumerations. Each failure is a
// usage error that names the option, states what is allowed and quotes what was received.

import Foundation

extension ParsedOptions {
  /// Converts the option to an integer of at least `minimum`.
  func integer(_ name: String, minimum: Int) throws -> Int {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) has no default, so read it with optionalInteger")
    }
    return try convertInteger(name, raw, minimum: minimum)
  }

  /// Converts the option to an integer of at least `minimum`, or returns `nil` when it is absent
  /// and has no default.
  func optionalInteger(_ name: String, minimum: Int) throws -> Int? {
    guard let raw = rawValue(name) else { return nil }
    return try convertInteger(name, raw, minimum: minimum)
  }

  /// Converts the option to an unsigned 64-bit integer.
  func unsignedInteger(_ name: String) throws -> UInt64 {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) has no default value")
    }
    guard let value = UInt64(raw.text) else {
      throw invalidValueError(name, raw, expected: "an integer from 0 to \(UInt64.max)")
    }
    return value
  }

  /// Converts the option to a finite number within `bounds`.
  func number(_ name: String, bounds: NumberBounds) throws -> Double {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) has no default value")
    }
    guard let value = Double(raw.text), bounds.contains(value) else {
      throw invalidValueError(name, raw, expected: bounds.description)
    }
    return value
  }

  /// Converts the option to one of the cases of `Choice`, matched by raw value.
  func choice<Choice: RawRepresentable & CaseIterable>(
    _ name: String, as type: Choice.Type
  ) throws -> Choice where Choice.RawValue == String {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) has no default value")
    }
    if let value = Choice(rawValue: raw.text) {
      return value
    }
    let names = Choice.allCases.map(\.rawValue)
    let suggestion = closestMatch(to: raw.text, among: names).map { "did you mean '\($0)'?" }
    throw invalidValueError(
      name, raw, problem: suggestion, expected: "one of " + names.joined(separator: ", "))
  }

  /// Converts a comma-separated option such as `256,128` to integers of at least 1.
  ///
  /// Spaces around items are ignored. An empty list or an empty item is rejected.
  func positiveIntegerList(_ name: String, example: String) throws -> [Int] {
    let expected = "one or more integers of at least 1 separated by commas, such as \(example)"
    let items = try listItems(name, expected: expected)
    return try items.map { item in
      guard let value = Int(item.text), value >= 1 else {
        throw invalidValueError(
          name, item.raw, problem: "item '\(item.text)' is not an integer of at least 1",
          expected: expected)
      }
      return value
    }
  }

  /// Converts a comma-separated option such as `0,5,9` to distinct unsigned 64-bit integers.
  func distinctUnsignedIntegerList(_ name: String, example: String) throws -> [UInt64] {
    let expected =
      "one or more distinct integers from 0 to \(UInt64.max) separated by commas, such as \(example)"
    let items = try listItems(name, expected: expected)
    var values: [UInt64] = []
    for item in items {
      guard let value = UInt64(item.text) else {
        throw invalidValueError(
          name, item.raw, problem: "item '\(item.text)' is not an integer from 0 to \(UInt64.max)",
          expected: expected)
      }
      guard !values.contains(value) else {
        throw invalidValueError(
          name, item.raw, problem: "\(value) appears more than once", expected: expected)
      }
      values.append(value)
    }
    return values
  }

  private func convertInteger(_ name: String, _ raw: RawValue, minimum: Int) throws -> Int {
    guard let value = Int(raw.text) else {
      let isDigits = !raw.text.isEmpty && raw.text.allSatisfy(\.isASCII) && raw.text.allSatisfy(\.isNumber)
      let expected = isDigits ? "an integer of at most \(Int.max)" : "an integer of at least \(minimum)"
      throw invalidValueError(name, raw, expected: expected)
    }
    guard value >= minimum else {
      throw invalidValueError(name, raw, expected: "an integer of at least \(minimum)")
    }
    return value
  }

  /// Splits a list option at commas and trims spaces, rejecting an empty list or item.
  private func listItems(_ name: String, expected: String) throws -> [(text: String, raw: RawValue)] {
    guard let raw = rawValue(name) else {
      preconditionFailure("option --\(name) has no default value")
    }
    let items = raw.text.split(separator: ",", omittingEmptySubsequences: false).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    if items.allSatisfy(\.isEmpty) {
      throw invalidValueError(name, raw, problem: "the list is empty", expected: expected)
    }
    if let emptyPosition = items.firstIndex(where: \.isEmpty) {
      throw invalidValueError(
        name, raw, problem: "item \(emptyPosition + 1) is empty", expected: expected)
    }
    return items.map { ($0, raw) }
  }
}
