// Reads a whole file into memory with POSIX calls, so that a failure becomes a DataError that names
// the path and the operating system's reason.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

enum FileBytes {
  /// Reads every byte of the regular file at `path`.
  ///
  /// The buffer is sized from `fstat`, the file's real size on disk.
  static func readAll(path: String) throws(DataError) -> [UInt8] {
    let descriptor = open(path, O_RDONLY)
    if descriptor < 0 {
      let code = errno
      if code == ENOENT {
        throw DataError(path: path, problem: .notFound(searched: [path]))
      }
      throw DataError(path: path, problem: .unreadable(reason: systemMessage(code)))
    }
    defer { close(descriptor) }

    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      throw DataError(path: path, problem: .unreadable(reason: systemMessage(errno)))
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      throw DataError(path: path, problem: .unreadable(reason: "not a regular file"))
    }
    let size = Int(status.st_size)

    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    var readError: Int32 = 0
    bytes.withUnsafeMutableBytes { buffer in
      while filled < size {
        let result = read(descriptor, buffer.baseAddress! + filled, size - filled)
        if result < 0 {
          if errno == EINTR { continue }
          readError = errno
          return
        }
        if result == 0 { return }
        filled += result
      }
    }
    if readError != 0 {
      throw DataError(path: path, problem: .unreadable(reason: systemMessage(readError)))
    }
    // The file shrank between fstat and read: keep only what was read.
    if filled < size { bytes.removeSubrange(filled...) }
    return bytes
  }

  /// Returns whether a file (or a symbolic link to one) exists at `path`.
  static func exists(path: String) -> Bool {
    access(path, F_OK) == 0
  }

  private static func systemMessage(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
