// UTF-8 validation for the CSV reader, which needs the offset of the first invalid byte so that
// the error can point at it. The standard library's validating initializers return nil without an offset.

extension CSVReader {
  /// Returns the offset of the first byte that does not start a well-formed UTF-8 sequence, or nil
  /// when all of `bytes` is well-formed.
  ///
  /// Well-formed sequences are those of the Unicode Standard's table 3-7 ("Well-Formed UTF-8 Byte
  /// Sequences"), so overlong forms, surrogates (U+D800 to U+DFFF) and code points above U+10FFFF
  /// are rejected, as is a sequence cut off by the end of the input.
  /// - Complexity: O(n); runs of ASCII are checked eight bytes at a time.
  static func firstInvalidUTF8Offset(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let count = bytes.count
    guard let base = bytes.baseAddress else { return nil }
    var index = 0

    while index < count {
      // Skip eight ASCII bytes at a time: none has its high bit set.
      if index + 8 <= count {
        let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
        if word & 0x8080_8080_8080_8080 == 0 {
          index += 8
          continue
        }
      }

      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }

      // The sequence length and the allowed range of the second byte, from table 3-7.
      let length: Int
      var secondLow: UInt8 = 0x80
      var secondHigh: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF:
        length = 2
      case 0xE0:
        length = 3
        secondLow = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF:
        length = 3
      case 0xED:
        length = 3
        secondHigh = 0x9F
      case 0xF0:
        length = 4
        secondLow = 0x90
      case 0xF1...0xF3:
        length = 4
      case 0xF4:
        length = 4
        secondHigh = 0x8F
      default:
        return index
      }

      guard index + length <= count else { return index }
      let second = bytes[index + 1]
      guard second >= secondLow && second <= secondHigh else { return index }
      for offset in 2..<length where bytes[index + offset] & 0xC0 != 0x80 {
        return index
      }
      index += length
    }
    return nil
  }
}
