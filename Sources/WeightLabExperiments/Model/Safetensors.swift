// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON header, then
// the raw little-endian tensor data. The reader validates every offset before it copies a byte.

import Foundation

/// Float32 tensors by name, with string metadata, as stored in a safetensors file.
///
/// The layout, as specified by Hugging Face's safetensors format (version 0.4 of the Python package):
/// ```
/// [8 bytes]  N, the header length, unsigned little-endian
/// [N bytes]  UTF-8 JSON object: {"name": {"dtype": "F32", "shape": [d0, d1, ...],
///            "data_offsets": [begin, end]}, ..., "__metadata__": {"key": "value", ...}}
/// [rest]     the tensors' bytes; offsets are relative to the start of this section
/// ```
/// The writer pads the header with spaces to a multiple of 8 bytes, so the data starts aligned,
/// and stores tensors in `tensors` order, back to back. Only the F32 dtype is written and read,
/// because WeightLab's parameters are Float32.
public struct Safetensors: Equatable, Sendable {
  /// One named tensor: its shape and its scalars in row-major order.
  public struct Entry: Equatable, Sendable {
    public var name: String
    public var shape: [Int]
    public var scalars: [Float]

    public init(name: String, shape: [Int], scalars: [Float]) {
      precondition(
        shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == scalars.count,
        "tensor '\(name)' has shape \(shape) but \(scalars.count) scalars")
      self.name = name
      self.shape = shape
      self.scalars = scalars
    }
  }

  /// The tensors, in the order of their data in the file.
  public var tensors: [Entry]
  /// The free-form string pairs of the header's `__metadata__` object.
  public var metadata: [String: String]

  /// The header key of the metadata object, which is not a tensor.
  static let metadataKey = "__metadata__"
  /// The largest header the reader accepts, 100 MB, the limit the reference Rust reader sets.
  static let maximumHeaderLength = 100_000_000

  public init(tensors: [Entry], metadata: [String: String] = [:]) {
    let names = tensors.map(\.name)
    precondition(Set(names).count == names.count, "tensor names must be unique, got \(names)")
    precondition(!names.contains(Self.metadataKey), "'\(Self.metadataKey)' cannot name a tensor")
    self.tensors = tensors
    self.metadata = metadata
  }

  /// Returns the tensor named `name`, or nil.
  public func tensor(named name: String) -> Entry? {
    tensors.first { $0.name == name }
  }

  /// Returns the file's bytes.
  public func encoded() -> [UInt8] {
    // The header lists tensors with their byte ranges; JSONSerialization writes keys sorted, so
    // the same tensors always give the same bytes.
    var header = [String: Any]()
    var offset = 0
    for tensor in tensors {
      let byteCount = tensor.scalars.count * MemoryLayout<Float>.size
      header[tensor.name] = [
        "dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + byteCount],
      ]
      offset += byteCount
    }
    if !metadata.isEmpty { header[Self.metadataKey] = metadata }
    // The header holds only strings, integers, arrays and dictionaries, which always serialize.
    var headerBytes = [UInt8](
      try! JSONSerialization.data(withJSONObject: header, options: [.sortedKeys, .withoutEscapingSlashes]))
    while headerBytes.count % 8 != 0 { headerBytes.append(UInt8(ascii: " ")) }

    var bytes = [UInt8]()
    bytes.reserveCapacity(8 + headerBytes.count + offset)
    withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: headerBytes)
    for tensor in tensors {
      for scalar in tensor.scalars {
        withUnsafeBytes(of: scalar.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
      }
    }
    return bytes
  }
}
