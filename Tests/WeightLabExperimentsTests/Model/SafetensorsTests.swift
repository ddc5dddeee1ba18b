// The safetensors writer and reader: byte layout, round trips, and the rejection of damaged
// files (truncation, impossible header lengths, bad JSON, bad dtypes and bad offsets).

import Foundation
import Testing

@testable import WeightLabExperiments

private let sample = Safetensors(
  tensors: [
    Safetensors.Entry(name: "0.weight", shape: [2, 3], scalars: [1, -2, 3.5, 0, .pi, -0.25]),
    Safetensors.Entry(name: "0.bias", shape: [2], scalars: [0.5, -0.5]),
    Safetensors.Entry(name: "scalar", shape: [], scalars: [7]),
  ],
  metadata: ["format": "pt"])

/// Returns a file made of the length `headerLength`, the header text and `data`.
private func handMade(header: String, data: [UInt8], headerLength: UInt64? = nil) -> [UInt8] {
  let headerBytes = Array(header.utf8)
  var bytes = [UInt8]()
  withUnsafeBytes(of: (headerLength ?? UInt64(headerBytes.count)).littleEndian) { bytes += $0 }
  return bytes + headerBytes + data
}

/// Decodes `bytes` and returns the problem it was rejected with, or nil when it was accepted.
private func rejection(_ bytes: [UInt8]) -> SafetensorsError.Problem? {
  do {
    _ = try Safetensors(decoding: bytes, path: "test.safetensors")
    return nil
  } catch {
    return error.problem
  }
}

@Test func safetensorsRoundTrip() throws {
  let decoded = try Safetensors(decoding: sample.encoded(), path: "sample")
  #expect(decoded == sample)
}

@Test func safetensorsLayout() throws {
  let bytes = sample.encoded()
  var headerLength = 0
  for index in (0..<8).reversed() { headerLength = headerLength << 8 | Int(bytes[index]) }
  #expect(headerLength % 8 == 0)
  // 6 + 2 + 1 scalars of 4 bytes follow the header.
  #expect(bytes.count == 8 + headerLength + 36)

  let header = try #require(
    JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
  let weight = try #require(header["0.weight"] as? [String: Any])
  #expect(weight["dtype"] as? String == "F32")
  #expect(weight["shape"] as? [Int] == [2, 3])
  #expect(weight["data_offsets"] as? [Int] == [0, 24])
  #expect((header["__metadata__"] as? [String: String]) == ["format": "pt"])

  // Little-endian Float32: 1.0 is 0x3F800000, stored as 00 00 80 3F.
  #expect(Array(bytes[(8 + headerLength)..<(8 + headerLength + 4)]) == [0, 0, 0x80, 0x3F])
}

@Test func safetensorsAcceptsOffsetsInAnyKeyOrder() throws {
  // The second tensor's data comes first in the file; the reader must follow the offsets.
  let header =
    #"{"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
  let data: [UInt8] = [0, 0, 0x80, 0x3F, 0, 0, 0, 0x40]
  let decoded = try Safetensors(decoding: handMade(header: header, data: data), path: "test")
  #expect(decoded.tensor(named: "a")?.scalars == [1])
  #expect(decoded.tensor(named: "b")?.scalars == [2])
}

@Test func safetensorsRejectsTruncatedLength() {
  #expect(rejection([1, 0, 0]) == .truncatedLength(byteCount: 3))
}

@Test func safetensorsRejectsTruncatedData() {
  let bytes = sample.encoded()
  let problem = rejection(Array(bytes.dropLast(4)))
  guard case .invalidOffsets(let tensor, _) = problem else {
    Issue.record("expected invalid offsets, got \(String(describing: problem))")
    return
  }
  #expect(tensor == "scalar")
}

@Test func safetensorsRejectsHeaderBeyondFile() {
  let bytes = handMade(header: "{}", data: [], headerLength: 1 << 40)
  #expect(rejection(bytes) == .headerLengthInvalid(headerLength: 1 << 40, available: 2))
}

@Test(arguments: [
  "not json", "[1, 2]", #"{"a": {"dtype": "F32", "shape": [1.5], "data_offsets": [0, 4]}}"#,
  #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, true]}}"#, #"{"a": 3}"#,
  #"{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}"#, #"{"__metadata__": {"k": 1}}"#,
])
func safetensorsRejectsBadHeader(header: String) {
  let problem = rejection(handMade(header: header, data: [0, 0, 0, 0]))
  guard case .invalidHeader = problem else {
    Issue.record("expected an invalid header, got \(String(describing: problem))")
    return
  }
}

@Test func safetensorsRejectsOtherDType() {
  let header = #"{"a": {"dtype": "F16", "shape": [2], "data_offsets": [0, 4]}}"#
  #expect(
    rejection(handMade(header: header, data: [0, 0, 0, 0])) == .unsupportedDType(tensor: "a", dtype: "F16"))
}

@Test(arguments: [
  // Out of bounds: 8 bytes declared, 4 present.
  (#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, 4, "a"),
  // The shape needs 8 bytes, the offsets span 4.
  (#"{"a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 4]}}"#, 8, "a"),
  // Overlapping tensors: "b" starts inside "a", the tensor before it in file order.
  (
    #"{"b": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}, "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#,
    8, "b"
  ),
  // A gap before the first tensor.
  (#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#, 8, "a"),
  // End before begin.
  (#"{"a": {"dtype": "F32", "shape": [0], "data_offsets": [8, 4]}}"#, 8, "a"),
  // A shape whose byte count overflows.
  (#"{"a": {"dtype": "F32", "shape": [4611686018427387904, 4], "data_offsets": [0, 4]}}"#, 4, "a"),
])
func safetensorsRejectsBadOffsets(header: String, dataLength: Int, offendingTensor: String) {
  let problem = rejection(handMade(header: header, data: [UInt8](repeating: 0, count: dataLength)))
  guard case .invalidOffsets(let tensor, _) = problem else {
    Issue.record("expected invalid offsets, got \(String(describing: problem))")
    return
  }
  #expect(tensor == offendingTensor)
}

@Test func safetensorsRejectsTrailingBytes() {
  let header = #"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#
  #expect(
    rejection(handMade(header: header, data: [UInt8](repeating: 0, count: 6)))
      == .trailingBytes(covered: 4, available: 6))
}
