// Incremental gzip decompression through zlib's inflate, with output that grows only as real
// decompressed bytes arrive, so a caller can stop at the size a file header claims.

import CZlib

/// A gzip stream being decompressed into a growing buffer.
///
/// The caller requests output up to a target size. The buffer starts at four times the compressed
/// size (at most the target) and doubles up to the target. Memory therefore follows the bytes that
/// the stream really produces, not a size that a header claims. Concatenated gzip members
/// decompress as one stream, as `gunzip` treats them.
final class GzipInflater {
  let path: String
  private let stream: UnsafeMutablePointer<z_stream>
  private let input: UnsafeMutableBufferPointer<UInt8>
  private var buffer: [UInt8] = []
  /// The number of decompressed bytes at the start of `buffer`.
  private(set) var producedCount = 0
  /// The number of decompressed bytes so far, including those that `countRemainingBytes` discarded.
  private(set) var decompressedCount = 0
  /// Whether inflate has reached the end of the last gzip member.
  private(set) var isFinished = false

  /// Prepares to decompress `compressed`, the whole content of the gzip file at `path`.
  init(compressed: [UInt8], path: String) throws(DataError) {
    // NOTE: avail_in is a UInt32, so a compressed file of 4 GiB or more is rejected rather than fed in parts.
    guard compressed.count <= Int(UInt32.max) else {
      throw DataError(
        path: path, problem: .unreadable(reason: "compressed files of 4 GiB or more are not supported"))
    }
    self.path = path
    input = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(compressed.count, 1))
    _ = input.initialize(from: compressed)
    stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    stream.pointee.next_in = input.baseAddress
    stream.pointee.avail_in = UInt32(compressed.count)

    // windowBits 16 + MAX_WBITS selects the gzip wrapper with the largest (32 KiB) window.
    let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      input.deallocate()
      throw DataError(
        path: path, problem: .unreadable(reason: "zlib inflateInit2 failed with status \(status)"))
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
  }

  /// Decompresses until `producedCount` reaches `target` or the stream ends.
  func inflate(upTo target: Int) throws(DataError) {
    while producedCount < target && !isFinished {
      if producedCount == buffer.count { grow(toward: target) }
      let room = min(buffer.count - producedCount, Int(UInt32.max))
      let start = producedCount
      let status = buffer.withUnsafeMutableBufferPointer { output in
        stream.pointee.next_out = output.baseAddress! + start
        stream.pointee.avail_out = UInt32(room)
        return CZlib.inflate(stream, Z_NO_FLUSH)
      }
      producedCount += room - Int(stream.pointee.avail_out)
      decompressedCount += room - Int(stream.pointee.avail_out)
      try handle(status)
    }
  }

  /// Decompresses the rest of the stream and returns its length, without keeping the bytes.
  func countRemainingBytes() throws(DataError) -> Int {
    let scratchSize = 1 << 16
    let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: scratchSize)
    defer { scratch.deallocate() }

    var count = 0
    while !isFinished {
      stream.pointee.next_out = scratch
      stream.pointee.avail_out = UInt32(scratchSize)
      let status = CZlib.inflate(stream, Z_NO_FLUSH)
      count += scratchSize - Int(stream.pointee.avail_out)
      decompressedCount += scratchSize - Int(stream.pointee.avail_out)
      try handle(status)
    }
    return count
  }

  /// Returns the first `producedCount` bytes of the buffer and leaves the buffer empty.
  func takeOutput() -> [UInt8] {
    var output = [UInt8]()
    swap(&output, &buffer)
    if output.count > producedCount { output.removeSubrange(producedCount...) }
    producedCount = 0
    return output
  }

  /// The decompressed bytes so far.
  var output: ArraySlice<UInt8> { buffer[..<producedCount] }

  private func grow(toward target: Int) {
    let initial = max(1 << 16, 4 * input.count)
    let doubled = buffer.isEmpty ? initial : 2 * buffer.count
    let newCount = min(target, doubled)
    var grown = [UInt8](repeating: 0, count: newCount)
    grown.withUnsafeMutableBufferPointer { destination in
      buffer.withUnsafeBufferPointer { source in
        guard let sourceStart = source.baseAddress else { return }
        destination.baseAddress!.update(from: sourceStart, count: producedCount)
      }
    }
    buffer = grown
  }

  /// Turns an inflate status into progress, the start of the next gzip member, or a thrown error.
  private func handle(_ status: Int32) throws(DataError) {
    switch status {
    case Z_OK:
      return
    case Z_STREAM_END:
      if stream.pointee.avail_in > 0 {
        // zlib's inflate stops at the end of each gzip member, so reset it to read the next one.
        inflateReset(stream)
      } else {
        isFinished = true
      }
    case Z_BUF_ERROR:
      // inflate made no progress although output space was available: the input ran out
      // before the end-of-stream marker and the CRC-32 trailer.
      throw DataError(
        path: path, problem: .truncatedGzip(decompressedBytes: decompressedCount),
        suggestion: "The file was cut short, for example by an interrupted download: download it again.")
    case Z_MEM_ERROR:
      throw DataError(path: path, problem: .unreadable(reason: "zlib ran out of memory"))
    default:
      let reason = stream.pointee.msg.map { String(cString: $0) } ?? "inflate status \(status)"
      throw DataError(
        path: path, problem: .corruptGzip(reason: reason),
        suggestion: "The file is damaged: download it again, or check it with `gzip -t`.")
    }
  }
}
