// Reading a safetensors file: the header length, the JSON header, and each tensor's byte range,
// checked against the shape, the other tensors and the file size before any data is copied.

import Foundation

extension Safetensors {
  /// Reads the safetensors file at `path`.
  ///
  /// - Throws: `SafetensorsError` when the file cannot be read or breaks the format.
  public init(contentsOf path: String) throws(SafetensorsError) {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw SafetensorsError(path: path, problem: .unreadable(reason: error.localizedDescription))
    }
    try self.init(decoding: [UInt8](data), path: path)
  }

  /// Decodes the bytes of a safetensors file.
  ///
  /// The checks, in order:
  /// 1. The 8-byte length fits in the file.
  /// 2. The header is a UTF-8 JSON object.
  /// 3. Each entry has dtype F32, a shape of non-negative integers and two offsets, and
  ///    `end − begin` equals 4 bytes times the shape's product.
  /// 4. The byte ranges, sorted by start, tile the data section exactly, without gaps, overlaps or
  ///    trailing bytes, as the reference Rust reader requires.
  ///
  /// - Parameter path: The file name quoted in errors.
  /// - Throws: `SafetensorsError` naming the first check that failed.
  public init(decoding bytes: [UInt8], path: String) throws(SafetensorsError) {
    func fail(_ problem: SafetensorsError.Problem) -> SafetensorsError {
      SafetensorsError(path: path, problem: problem)
    }

    // The header length, and the header it announces.
    guard bytes.count >= 8 else { throw fail(.truncatedLength(byteCount: bytes.count)) }
    var headerLength: UInt64 = 0
    for index in (0..<8).reversed() { headerLength = headerLength << 8 | UInt64(bytes[index]) }
    let available = bytes.count - 8
    guard headerLength <= UInt64(min(available, Self.maximumHeaderLength)) else {
      throw fail(.headerLengthInvalid(headerLength: headerLength, available: available))
    }
    let dataStart = 8 + Int(headerLength)
    let header = try Self.parseHeader(bytes[8..<dataStart], fail: fail)

    // Each entry's dtype, shape and byte range.
    var metadata = [String: String]()
    var ranges = [(name: String, shape: [Int], begin: Int, end: Int)]()
    for (name, entry) in header {
      switch entry {
      case .metadata(let pairs):
        guard name == Self.metadataKey else {
          throw fail(.invalidHeader(reason: "tensor '\(name)' needs a dtype, a shape and data_offsets"))
        }
        metadata = pairs
      case .tensor(let dtype, let shape, let offsets):
        guard name != Self.metadataKey else {
          throw fail(.invalidHeader(reason: "'\(Self.metadataKey)' must map strings to strings"))
        }
        let checked = try Self.checkEntry(
          name: name, dtype: dtype, shape: shape, offsets: offsets, fail: fail)
        ranges.append((name, shape, checked.begin, checked.end))
      }
    }

    // The ranges must tile the data section: sorted by start, each begins where the last ended.
    ranges.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
    let dataLength = bytes.count - dataStart
    var covered = 0
    for range in ranges {
      guard range.begin == covered else {
        let reason =
          range.begin < covered
          ? "its bytes \(range.begin)..<\(range.end) overlap the previous tensor, which ends at \(covered)"
          : "its bytes start at \(range.begin), leaving a gap after the previous tensor, which ends at \(covered)"
        throw fail(.invalidOffsets(tensor: range.name, reason: reason))
      }
      guard range.end <= dataLength else {
        throw fail(
          .invalidOffsets(
            tensor: range.name,
            reason: "its bytes \(range.begin)..<\(range.end) go past the end of the data, \(dataLength) bytes"
          ))
      }
      covered = range.end
    }
    guard covered == dataLength else { throw fail(.trailingBytes(covered: covered, available: dataLength)) }

    // Every check passed: copy the scalars, in the order of their data.
    let tensors = ranges.map { range -> Entry in
      let count = (range.end - range.begin) / 4
      var scalars = [Float](repeating: 0, count: count)
      for index in 0..<count {
        let start = dataStart + range.begin + index * 4
        let pattern =
          UInt32(bytes[start]) | UInt32(bytes[start + 1]) << 8 | UInt32(bytes[start + 2]) << 16
          | UInt32(bytes[start + 3]) << 24
        scalars[index] = Float(bitPattern: pattern)
      }
      return Entry(name: range.name, shape: range.shape, scalars: scalars)
    }
    self.init(tensors: tensors, metadata: metadata)
  }

  /// One value of the header object: a tensor's description, or the metadata pairs.
  private enum HeaderEntry: Decodable {
    case tensor(dtype: String, shape: [Int], offsets: [Int])
    case metadata([String: String])

    private enum CodingKeys: String, CodingKey {
      case dtype
      case shape
      case dataOffsets = "data_offsets"
    }

    init(from decoder: any Decoder) throws {
      if let container = try? decoder.container(keyedBy: CodingKeys.self),
        let dtype = try? container.decode(String.self, forKey: .dtype)
      {
        self = .tensor(
          dtype: dtype, shape: try container.decode([Int].self, forKey: .shape),
          offsets: try container.decode([Int].self, forKey: .dataOffsets))
        return
      }
      self = .metadata(try decoder.singleValueContainer().decode([String: String].self))
    }
  }

  /// Parses the header bytes as a JSON object of tensor entries and metadata.
  private static func parseHeader(
    _ bytes: ArraySlice<UInt8>, fail: (SafetensorsError.Problem) -> SafetensorsError
  ) throws(SafetensorsError) -> [String: HeaderEntry] {
    guard bytes.first == UInt8(ascii: "{") else {
      throw fail(.invalidHeader(reason: "the header must start with '{'"))
    }
    guard String(validating: bytes, as: UTF8.self) != nil else {
      throw fail(.invalidHeader(reason: "the header is not valid UTF-8"))
    }
    do {
      return try JSONDecoder().decode([String: HeaderEntry].self, from: Data(bytes))
    } catch {
      // A shape or offset that is not an integer also ends here: JSONDecoder rejects 1.5 and true as Int.
      throw fail(
        .invalidHeader(
          reason: "the header is not a JSON object of tensor entries (dtype, integer shape, integer "
            + "data_offsets) and string metadata"))
    }
  }

  /// Checks one tensor entry: its dtype, its shape, and its byte count against its shape.
  private static func checkEntry(
    name: String, dtype: String, shape: [Int], offsets: [Int],
    fail: (SafetensorsError.Problem) -> SafetensorsError
  ) throws(SafetensorsError) -> (begin: Int, end: Int) {
    guard dtype == "F32" else { throw fail(.unsupportedDType(tensor: name, dtype: dtype)) }
    guard shape.allSatisfy({ $0 >= 0 }) else {
      throw fail(.invalidHeader(reason: "tensor '\(name)' has a negative dimension in its shape \(shape)"))
    }
    guard offsets.count == 2, offsets[0] >= 0, offsets[0] <= offsets[1] else {
      throw fail(
        .invalidOffsets(
          tensor: name, reason: "data_offsets must be two integers, 0 ≤ begin ≤ end, got \(offsets)"))
    }

    // The element count, with overflow checked, since the shape comes from the file.
    var elementCount = 1
    for dimension in shape {
      let (product, overflow) = elementCount.multipliedReportingOverflow(by: dimension)
      guard !overflow, product <= Int.max / 4 else {
        throw fail(.invalidOffsets(tensor: name, reason: "the shape \(shape) has too many elements"))
      }
      elementCount = product
    }
    guard offsets[1] - offsets[0] == elementCount * 4 else {
      throw fail(
        .invalidOffsets(
          tensor: name,
          reason:
            "shape \(shape) needs \(elementCount * 4) bytes, but data_offsets span \(offsets[1] - offsets[0])"
        ))
    }
    return (offsets[0], offsets[1])
  }
}
