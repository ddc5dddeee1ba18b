// libFuzzer harness for the IDX reader. Each input is read as a file, then, unless it already is
// gzip, compressed with gzip and read again: both reads must give the same dimensions and data,
// or the same error.

import CZlib
import WeightLabData

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  let plain = Result { () throws(DataError) -> IDXFile in try IDXFile(fileBytes: bytes, path: "input") }
  if case .success(let file) = plain { checkPayload(file) }

  let isGzip = bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
  guard !isGzip else { return 0 }
  let compressed = gzipCompress(bytes)
  let unzipped = Result { () throws(DataError) -> IDXFile in
    try IDXFile(fileBytes: compressed, path: "input")
  }
  switch (plain, unzipped) {
  case (.success(let first), .success(let second)):
    guard first.dimensions == second.dimensions, payload(first) == payload(second) else {
      fatalError("plain and gzip reads differ: \(first.dimensions) and \(second.dimensions)")
    }
  case (.failure(let first), .failure(let second)):
    guard first.problem == second.problem else {
      fatalError("plain and gzip reads fail differently: '\(first)' and '\(second)'")
    }
  default:
    fatalError("plain read \(describe(plain)), gzip read \(describe(unzipped))")
  }
  return 0
}

/// Checks the invariant that the payload is exactly the product of the dimensions.
private func checkPayload(_ file: IDXFile) {
  let expected = file.dimensions.reduce(1, *)
  guard file.payloadByteCount == expected, payload(file).count == expected else {
    fatalError("dimensions \(file.dimensions) but \(file.payloadByteCount) payload bytes")
  }
}

private func payload(_ file: IDXFile) -> [UInt8] {
  file.withUnsafePayload { Array($0) }
}

private func describe(_ result: Result<IDXFile, DataError>) -> String {
  switch result {
  case .success(let file): return "succeeded with dimensions \(file.dimensions)"
  case .failure(let error): return "failed: \(error)"
  }
}

/// Compresses `bytes` into one gzip member with zlib's deflate.
private func gzipCompress(_ bytes: [UInt8]) -> [UInt8] {
  var stream = z_stream()
  // windowBits 16 + 15 selects the gzip wrapper with a 32 KiB window; memLevel 8 is zlib's default.
  let status = deflateInit2_(
    &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
    Int32(MemoryLayout<z_stream>.size))
  precondition(status == Z_OK, "deflateInit2 failed with status \(status)")
  defer { deflateEnd(&stream) }

  var input = bytes
  var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 32)
  let outputCount = output.count
  let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
    output.withUnsafeMutableBufferPointer { outputBuffer in
      stream.next_in = inputBuffer.baseAddress
      stream.avail_in = UInt32(inputBuffer.count)
      stream.next_out = outputBuffer.baseAddress
      stream.avail_out = UInt32(outputCount)
      let result = deflate(&stream, Z_FINISH)
      precondition(result == Z_STREAM_END, "deflate did not finish: status \(result)")
      return outputCount - Int(stream.avail_out)
    }
  }
  return Array(output[..<produced])
}
