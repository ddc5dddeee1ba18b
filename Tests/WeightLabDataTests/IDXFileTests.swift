// Tests of the IDX reader on small valid and damaged files, plain and gzip.

import Foundation
import Testing

@testable import WeightLabData

@Suite struct IDXFileTests {
  /// Reads `path` and returns the error, or nil when the file was accepted.
  func readError(_ path: String) -> DataError? {
    do {
      _ = try IDXFile(contentsOf: path)
      return nil
    } catch {
      return error
    }
  }

  @Test(arguments: [false, true])
  func decodesValidFile(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let payload = (0..<12).map { UInt8($0 * 20) }
    let path = try folder.write(
      idxBytes(dimensions: [3, 2, 2], payload: payload), name: "small", compressed: compressed)

    let file = try IDXFile(contentsOf: path)

    #expect(file.elementType == .unsignedByte)
    #expect(file.dimensions == [3, 2, 2])
    #expect(file.headerByteCount == 16)
    #expect(file.payloadByteCount == 12)
    #expect(file.withUnsafePayload { Array($0) } == payload)
    #expect(file.path == path)
  }

  @Test func decodesConcatenatedGzipMembers() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let bytes = idxBytes(dimensions: [4, 3], payload: Array(1...12))
    let first = try folder.write(Array(bytes[..<10]), name: "first", compressed: true)
    let second = try folder.write(Array(bytes[10...]), name: "second", compressed: true)
    let joined =
      try Data(contentsOf: URL(fileURLWithPath: first)) + Data(contentsOf: URL(fileURLWithPath: second))
    let path = try folder.write(Array(joined), name: "joined.gz")

    let file = try IDXFile(contentsOf: path)

    #expect(file.dimensions == [4, 3])
    #expect(file.withUnsafePayload { Array($0) } == Array(1...12))
  }

  @Test func acceptsEmptyFirstDimension() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(idxBytes(dimensions: [0, 28, 28], payload: []), name: "empty")

    let file = try IDXFile(contentsOf: path)

    #expect(file.dimensions == [0, 28, 28])
    #expect(file.payloadByteCount == 0)
  }

  @Test(arguments: [false, true])
  func rejectsInvalidMagic(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    var bytes = idxBytes(dimensions: [2], payload: [1, 2])
    bytes[1] = 0x07
    let path = try folder.write(bytes, name: "magic", compressed: compressed)

    let error = try #require(readError(path))

    #expect(error.problem == .invalidMagic(found: [0x00, 0x07, 0x08, 0x01]))
    #expect(error.description.contains(path))
    #expect(error.description.contains("0x0 0x7 0x8 0x1"))
  }

  @Test(arguments: [false, true])
  func rejectsUnsupportedType(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    // 0x0D is the IDX code for 32-bit floats.
    let path = try folder.write(
      idxBytes(typeByte: 0x0D, dimensions: [1], payload: [0, 0, 0, 0]), name: "float", compressed: compressed)

    let error = try #require(readError(path))

    #expect(error.problem == .unsupportedElementType(0x0D))
    #expect(error.description.contains(path))
    #expect(error.description.contains("0xD"))
  }

  @Test(arguments: [false, true])
  func rejectsZeroDimensions(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(
      idxBytes(dimensions: [], payload: [5]), name: "scalar", compressed: compressed)

    let error = try #require(readError(path))

    #expect(error.problem == .noDimensions)
    #expect(error.description.contains(path))
  }

  @Test(arguments: [false, true])
  func rejectsTruncatedHeader(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let bytes = idxBytes(dimensions: [60000, 28, 28], payload: [])
    let path = try folder.write(Array(bytes[..<9]), name: "short-header", compressed: compressed)

    let error = try #require(readError(path))

    #expect(error.problem == .truncatedHeader(needed: 16, available: 9))
    #expect(error.description.contains(path))
  }

  @Test(arguments: [false, true])
  func rejectsEmptyFile(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write([], name: "empty", compressed: compressed)

    let error = try #require(readError(path))

    #expect(error.problem == .truncatedHeader(needed: 4, available: 0))
  }

  @Test(arguments: [false, true])
  func rejectsTruncatedPayload(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(
      idxBytes(dimensions: [3, 28, 28], payload: [UInt8](repeating: 9, count: 1000)), name: "truncated",
      compressed: compressed)

    let error = try #require(readError(path))

    #expect(
      error.problem == .truncatedPayload(dimensions: [3, 28, 28], expectedBytes: 2352, actualBytes: 1000))
    #expect(error.description.contains(path))
    #expect(error.description.contains("3x28x28 = 2352 bytes"))
    #expect(error.description.contains("1000 bytes"))
  }

  @Test(arguments: [false, true])
  func rejectsTrailingBytes(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(
      idxBytes(dimensions: [2, 3], payload: Array(0..<9)), name: "long", compressed: compressed)

    let error = try #require(readError(path))

    #expect(error.problem == .trailingBytes(dimensions: [2, 3], expectedBytes: 6, actualBytes: 9))
    #expect(error.description.contains(path))
    #expect(error.description.contains("3 trailing bytes"))
  }

  /// A billion 28x28 images would need 784 GB. The reader must fail from the real size without allocating it.
  @Test(arguments: [false, true])
  func rejectsBillionImageClaim(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(
      idxBytes(dimensions: [1_000_000_000, 28, 28], payload: Array(repeating: 0, count: 100)), name: "huge",
      compressed: compressed)

    let error = try #require(readError(path))

    #expect(
      error.problem
        == .truncatedPayload(
          dimensions: [1_000_000_000, 28, 28], expectedBytes: 784_000_000_000, actualBytes: 100))
    #expect(error.description.contains(path))
  }

  @Test(arguments: [false, true])
  func rejectsOverflowingDimensions(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let huge = UInt32.max
    let path = try folder.write(
      idxBytes(dimensions: [huge, huge, huge], payload: [1, 2, 3]), name: "overflow", compressed: compressed)

    let error = try #require(readError(path))

    let size = Int(huge)
    #expect(error.problem == .dimensionOverflow(dimensions: [size, size, size]))
    #expect(error.description.contains(path))
  }

  @Test func rejectsGarbageAfterGzipMagic() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write([0x1F, 0x8B] + Array(repeating: 0x55, count: 40), name: "garbage.gz")

    let error = try #require(readError(path))

    guard case .corruptGzip = error.problem else {
      Issue.record("expected corruptGzip, got \(error.problem)")
      return
    }
    #expect(error.description.contains(path))
  }

  @Test func rejectsGzipWithBadChecksum() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write(
      idxBytes(dimensions: [8], payload: Array(0..<8)), name: "crc", compressed: true)
    var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    // The gzip trailer is the CRC-32 of the data (4 bytes) then its length (4 bytes).
    bytes[bytes.count - 8] ^= 0xFF
    try folder.write(bytes, name: "crc.gz")

    let error = try #require(readError(path))

    guard case .corruptGzip(let reason) = error.problem else {
      Issue.record("expected corruptGzip, got \(error.problem)")
      return
    }
    #expect(reason.contains("check"))
    #expect(error.description.contains(path))
  }

  @Test(arguments: [1, 6, 20])
  func rejectsTruncatedGzip(droppedBytes: Int) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let payload = (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let path = try folder.write(idxBytes(dimensions: [2000], payload: payload), name: "cut", compressed: true)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    try folder.write(Array(bytes.dropLast(droppedBytes)), name: "cut.gz")

    let error = try #require(readError(path))

    guard case .truncatedGzip = error.problem else {
      Issue.record("expected truncatedGzip, got \(error.problem)")
      return
    }
    #expect(error.description.contains(path))
    #expect(error.description.contains("download it again"))
  }

  @Test func rejectsMissingFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = folder.path + "/absent-idx1-ubyte"

    let error = try #require(readError(path))

    #expect(error.problem == .notFound(searched: [path]))
    #expect(error.description.contains(path))
  }

  @Test func rejectsFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }

    let error = try #require(readError(folder.path))

    #expect(error.problem == .unreadable(reason: "not a regular file"))
  }
}
