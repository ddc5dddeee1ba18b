// The rules for reading one CSV cell as a value: trimming, the missing-value markers and the
// number grammar. They work on the cell's bytes, so a column of numbers never builds a String.

/// The cell-level rules that the tabular pipeline applies to every field.
///
/// - A cell is trimmed of leading and trailing spaces and tabs before anything else.
/// - A trimmed cell is missing when it is empty or is one of `missingMarkers`, compared without
///   regard to ASCII case: `NA`, `NaN` and `null` (so `na`, `NAN` and `NULL` are missing too).
/// - A trimmed, non-missing cell is a number when it matches
///   `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` and its value is finite.
///   Infinities, hexadecimal forms and thousands separators are not numbers.
public enum CSVCell {
  /// The texts that mark a missing value, besides the empty cell. Matched without regard to ASCII case.
  public static let missingMarkers = ["NA", "NaN", "null"]

  /// Returns `bytes` without leading and trailing spaces and tabs.
  static func trimmed<C: BidirectionalCollection>(_ bytes: C) -> C.SubSequence where C.Element == UInt8 {
    var start = bytes.startIndex
    var end = bytes.endIndex
    while start < end && isBlank(bytes[start]) { start = bytes.index(after: start) }
    while start < end && isBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
    return bytes[start..<end]
  }

  @inline(__always)
  static func isBlank(_ byte: UInt8) -> Bool {
    byte == CSVByte.space || byte == CSVByte.tab
  }

  /// Returns whether trimmed cell bytes mark a missing value.
  static func isMissing(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    switch bytes.count {
    case 0:
      return true
    case 2:
      return lowercased(bytes[0]) == 0x6E && lowercased(bytes[1]) == 0x61  // "na"
    case 3:
      return lowercased(bytes[0]) == 0x6E && lowercased(bytes[1]) == 0x61 && lowercased(bytes[2]) == 0x6E  // "nan"
    case 4:
      return lowercased(bytes[0]) == 0x6E && lowercased(bytes[1]) == 0x75 && lowercased(bytes[2]) == 0x6C
        && lowercased(bytes[3]) == 0x6C  // "null"
    default:
      return false
    }
  }

  @inline(__always)
  static func lowercased(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// Parses trimmed cell bytes as a finite number, or returns nil when they are not one.
  ///
  /// Most cells take an exact fast path. When the significant digits fit in 53 bits and the decimal
  /// exponent is at most 22 in size, the digits and the power of ten are both exact Doubles, so one
  /// IEEE multiplication or division rounds correctly. Other cells go to the standard library's
  /// parser, which also rounds correctly.
  static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    let count = bytes.count
    var index = 0
    var negative = false
    if index < count && (bytes[index] == 0x2B || bytes[index] == 0x2D) {
      negative = bytes[index] == 0x2D
      index += 1
    }

    // Mantissa digits, with the position of the decimal point.
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digitCount = 0
    var fractionDigits = 0
    var seenPoint = false
    while index < count {
      let byte = bytes[index]
      if byte >= 0x30 && byte <= 0x39 {
        digitCount += 1
        if seenPoint { fractionDigits += 1 }
        if mantissa != 0 || byte != 0x30 {
          significantDigits += 1
          if significantDigits <= 19 { mantissa = mantissa &* 10 &+ UInt64(byte - 0x30) }
        }
      } else if byte == 0x2E && !seenPoint {
        seenPoint = true
      } else {
        break
      }
      index += 1
    }
    guard digitCount > 0 else { return nil }

    // Optional exponent.
    var exponent = 0
    if index < count && (bytes[index] == 0x65 || bytes[index] == 0x45) {
      index += 1
      var exponentNegative = false
      if index < count && (bytes[index] == 0x2B || bytes[index] == 0x2D) {
        exponentNegative = bytes[index] == 0x2D
        index += 1
      }
      var exponentDigits = 0
      while index < count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
        // Clamp: anything this large overflows or underflows anyway, and the slow path decides.
        if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[index] - 0x30) }
        exponentDigits += 1
        index += 1
      }
      guard exponentDigits > 0 else { return nil }
      if exponentNegative { exponent = -exponent }
    }
    guard index == count else { return nil }

    let decimalExponent = exponent - fractionDigits
    if significantDigits <= 19 && mantissa <= (1 << 53) && abs(decimalExponent) <= 22 {
      var value = Double(mantissa)
      if decimalExponent >= 0 {
        value *= exactPowersOfTen[decimalExponent]
      } else {
        value /= exactPowersOfTen[-decimalExponent]
      }
      return negative ? -value : value
    }

    guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
    return value
  }

  /// 10^0 through 10^22, every one exactly representable as a Double.
  static let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]
}
