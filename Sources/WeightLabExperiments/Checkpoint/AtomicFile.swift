// Durable replacement of a file: write a temporary file, flush it to disk, rename it over the
// target, and flush the folder so the rename itself survives a power loss.

import Foundation

/// A failed step of an atomic file write.
public struct AtomicFileError: Error, CustomStringConvertible {
  public var path: String
  public var operation: String
  public var code: Int32

  public var description: String {
    "failed to write '\(path)': \(operation) failed with \(String(cString: strerror(code)))"
  }
}

enum AtomicFile {
  /// Replaces the file at `path` with `bytes`, so that readers and crashes see either the old
  /// content or the new content, never a mix.
  static func write(_ bytes: [UInt8], to path: String) throws(AtomicFileError) {
    let directory = (path as NSString).deletingLastPathComponent
    let temporary = "\(path).tmp-\(getpid())"

    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else { throw AtomicFileError(path: temporary, operation: "open", code: errno) }
    var written = 0
    while written < bytes.count {
      let count = bytes.withUnsafeBytes { buffer in
        Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
      }
      if count < 0 {
        if errno == EINTR { continue }
        let code = errno
        close(descriptor)
        unlink(temporary)
        throw AtomicFileError(path: temporary, operation: "write", code: code)
      }
      written += count
    }
    guard fsync(descriptor) == 0 else {
      let code = errno
      close(descriptor)
      unlink(temporary)
      throw AtomicFileError(path: temporary, operation: "fsync", code: code)
    }
    close(descriptor)

    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw AtomicFileError(path: path, operation: "rename", code: code)
    }
    // Flush the folder entry; a failure here leaves a complete file, so it is not an error.
    let folder = open(directory.isEmpty ? "." : directory, O_RDONLY)
    if folder >= 0 {
      fsync(folder)
      close(folder)
    }
  }
}
