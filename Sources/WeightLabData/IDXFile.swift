// The IDX file format (used by MNIST and Fashion-MNIST), plain or gzip-compressed: a header that
// declares the element type and dimensions, then the elements in row-major order.

/// A validated IDX file: its element type, its dimensions and the data bytes that follow the header.
///
/// Layout: two zero bytes, a type byte, a dimension-count byte, one big-endian `UInt32` size per
/// dimension, then `product(dimensions)` elements, row-major. Only type 0x08 (unsigned byte) is
/// decoded. A file whose first two bytes are the gzip magic number (0x1F 0x8B) is decompressed first.
///
/// Every size is checked against the bytes really present: the data must be exactly as long as
/// the dimensions require, and no buffer is sized from a header claim before that check.
public struct IDXFile: Sendable {
  /// The IDX element types this reader decodes.
  public enum ElementType: UInt8, Sendable {
    case unsignedByte = 0x08
  }

  /// The path the file was read from, used in error messages.
  public let path: String
  public let elementType: ElementType
  /// The size of each dimension, outermost first: `[60000, 28, 28]` for the Fashion-MNIST training images.
  public let dimensions: [Int]
  /// The header followed by the data, which starts at `headerByteCount`.
  private let storage: [UInt8]
  /// The size of the header in bytes: 4 + 4 per dimension.
  public let headerByteCount: Int

  /// Reads and validates the IDX file at `path`, decompressing it if it is gzip.
  ///
  /// - Throws: `DataError` when the file is missing or unreadable, the gzip stream is corrupt or
  ///   truncated, the header is invalid, or the data length disagrees with the dimensions.
  public init(contentsOf path: String) throws(DataError) {
    let fileBytes = try FileBytes.readAll(path: path)
    try self.init(fileBytes: fileBytes, path: path)
  }

  /// Validates `fileBytes`, the whole content of an IDX file, plain or gzip, that errors name as `path`.
  public init(fileBytes: [UInt8], path: String) throws(DataError) {
    let header: IDXHeader
    let bytes: [UInt8]
    if fileBytes.count >= 2 && fileBytes[0] == 0x1F && fileBytes[1] == 0x8B {
      (header, bytes) = try IDXFile.decompress(gzip: fileBytes, path: path)
    } else {
      header = try IDXHeader(parsing: fileBytes[...], path: path)
      let payloadCount = try header.payloadByteCount(path: path)
      let actual = fileBytes.count - header.byteCount
      try IDXFile.checkPayload(header: header, expected: payloadCount, actual: actual, path: path)
      bytes = fileBytes
    }
    self.path = path
    self.elementType = header.elementType
    self.dimensions = header.dimensions
    self.headerByteCount = header.byteCount
    self.storage = bytes
  }

  /// The number of data bytes after the header, which is the product of `dimensions`.
  public var payloadByteCount: Int { storage.count - headerByteCount }

  /// Calls `body` with the data bytes after the header, in row-major order.
  public func withUnsafePayload<Result>(
    _ body: (UnsafeBufferPointer<UInt8>) throws -> Result
  ) rethrows -> Result {
    try storage.withUnsafeBufferPointer { all in
      try body(UnsafeBufferPointer(rebasing: all[headerByteCount...]))
    }
  }

  /// Decompresses a gzip IDX file, reading the header first and then exactly the data it declares.
  private static func decompress(gzip: [UInt8], path: String) throws(DataError) -> (IDXHeader, [UInt8]) {
    let inflater = try GzipInflater(compressed: gzip, path: path)

    try inflater.inflate(upTo: IDXHeader.magicByteCount)
    let dimensionCount = try IDXHeader.parseMagic(inflater.output, path: path).dimensionCount
    try inflater.inflate(upTo: IDXHeader.magicByteCount + 4 * dimensionCount)
    let header = try IDXHeader(parsing: inflater.output, path: path)

    // The header's claim is only a cap here: the buffer grows as decompressed bytes arrive.
    let payloadCount = try header.payloadByteCount(path: path)
    try inflater.inflate(upTo: header.byteCount + payloadCount)
    var actual = inflater.producedCount - header.byteCount
    if actual == payloadCount {
      actual += try inflater.countRemainingBytes()
    }
    try checkPayload(header: header, expected: payloadCount, actual: actual, path: path)
    return (header, inflater.takeOutput())
  }

  private static func checkPayload(
    header: IDXHeader, expected: Int, actual: Int, path: String
  ) throws(DataError) {
    if actual < expected {
      throw DataError(
        path: path,
        problem: .truncatedPayload(
          dimensions: header.dimensions, expectedBytes: expected, actualBytes: actual))
    }
    if actual > expected {
      throw DataError(
        path: path,
        problem: .trailingBytes(dimensions: header.dimensions, expectedBytes: expected, actualBytes: actual))
    }
  }
}

/// The header of an IDX file: the magic number and the dimension sizes.
struct IDXHeader: Equatable {
  static let magicByteCount = 4

  var elementType: IDXFile.ElementType
  var dimensions: [Int]

  /// The size of the header in bytes.
  var byteCount: Int { IDXHeader.magicByteCount + 4 * dimensions.count }

  /// Parses the magic number and the dimension sizes at the start of `bytes`.
  init(parsing bytes: ArraySlice<UInt8>, path: String) throws(DataError) {
    let (elementType, dimensionCount) = try IDXHeader.parseMagic(bytes, path: path)
    let needed = IDXHeader.magicByteCount + 4 * dimensionCount
    guard bytes.count >= needed else {
      throw DataError(path: path, problem: .truncatedHeader(needed: needed, available: bytes.count))
    }

    var dimensions = [Int]()
    dimensions.reserveCapacity(dimensionCount)
    var offset = bytes.startIndex + IDXHeader.magicByteCount
    for _ in 0..<dimensionCount {
      var size = 0
      for byte in bytes[offset..<offset + 4] { size = size << 8 | Int(byte) }
      dimensions.append(size)
      offset += 4
    }
    self.elementType = elementType
    self.dimensions = dimensions
  }

  /// Validates the 4-byte magic number and returns the element type and the number of dimensions.
  static func parseMagic(
    _ bytes: ArraySlice<UInt8>, path: String
  ) throws(DataError) -> (elementType: IDXFile.ElementType, dimensionCount: Int) {
    guard bytes.count >= magicByteCount else {
      throw DataError(path: path, problem: .truncatedHeader(needed: magicByteCount, available: bytes.count))
    }
    let magic = Array(bytes.prefix(magicByteCount))
    guard magic[0] == 0 && magic[1] == 0 else {
      throw DataError(path: path, problem: .invalidMagic(found: magic))
    }
    guard let elementType = IDXFile.ElementType(rawValue: magic[2]) else {
      throw DataError(path: path, problem: .unsupportedElementType(magic[2]))
    }
    guard magic[3] > 0 else {
      throw DataError(path: path, problem: .noDimensions)
    }
    return (elementType, Int(magic[3]))
  }

  /// Returns the number of data bytes the dimensions require, checking the product for overflow.
  ///
  /// The header size is added in the check too, so `byteCount + payloadByteCount` cannot overflow.
  func payloadByteCount(path: String) throws(DataError) -> Int {
    var product = 1
    for size in dimensions {
      let (next, overflow) = product.multipliedReportingOverflow(by: size)
      guard !overflow else {
        throw DataError(path: path, problem: .dimensionOverflow(dimensions: dimensions))
      }
      product = next
    }
    guard !product.addingReportingOverflow(byteCount).overflow else {
      throw DataError(path: path, problem: .dimensionOverflow(dimensions: dimensions))
    }
    return product
  }
}
