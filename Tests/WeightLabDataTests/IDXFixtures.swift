// Builds small IDX files, plain and gzip, in a temporary folder that each test creates and removes.
// gzip files come from /usr/bin/gzip, an implementation independent of the reader under test.

import Foundation

/// A fresh folder under the system temporary directory.
struct TemporaryFolder {
  let path: String

  init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("weightlab-data-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `bytes` to `name` in this folder, gzip-compressed when `compressed` (adding `.gz` to the
  /// name), and returns the file's path.
  @discardableResult
  func write(_ bytes: [UInt8], name: String, compressed: Bool = false) throws -> String {
    let plainPath = path + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: plainPath))
    guard compressed else { return plainPath }
    try runGzip(plainPath)
    return plainPath + ".gz"
  }

  /// Creates a subfolder and returns it.
  func subfolder(_ name: String) throws -> TemporaryFolder {
    let folder = TemporaryFolder(existingPath: path + "/" + name)
    try FileManager.default.createDirectory(atPath: folder.path, withIntermediateDirectories: true)
    return folder
  }

  private init(existingPath: String) {
    path = existingPath
  }
}

struct GzipFailed: Error, CustomStringConvertible {
  var status: Int32
  var description: String { "/usr/bin/gzip exited with status \(status)" }
}

/// Replaces the file at `path` with `path.gz`, as `gzip -n` does.
func runGzip(_ path: String) throws {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
  process.arguments = ["-n", "-f", path]
  try process.run()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else { throw GzipFailed(status: process.terminationStatus) }
}

/// Returns the bytes of an IDX file: the magic number, big-endian dimension sizes, then `payload`.
func idxBytes(typeByte: UInt8 = 0x08, dimensions: [UInt32], payload: [UInt8]) -> [UInt8] {
  var bytes: [UInt8] = [0, 0, typeByte, UInt8(dimensions.count)]
  for size in dimensions {
    bytes += [UInt8(size >> 24), UInt8((size >> 16) & 0xFF), UInt8((size >> 8) & 0xFF), UInt8(size & 0xFF)]
  }
  return bytes + payload
}

/// Returns `count` 28x28 images whose pixel `p` of image `i` is `(7 * i + p) % 256`.
func imagePixels(count: Int) -> [UInt8] {
  var pixels = [UInt8]()
  pixels.reserveCapacity(count * 784)
  for image in 0..<count {
    for pixel in 0..<784 {
      let value: Int = (7 * image + pixel) % 256
      pixels.append(UInt8(value))
    }
  }
  return pixels
}

/// Writes a Fashion-MNIST-style images file and labels file for `labels` and returns their paths.
@discardableResult
func writeSplit(
  in folder: TemporaryFolder, imagesName: String, labelsName: String, labels: [UInt8], compressed: Bool
) throws -> (images: String, labels: String) {
  let images = try folder.write(
    idxBytes(dimensions: [UInt32(labels.count), 28, 28], payload: imagePixels(count: labels.count)),
    name: imagesName, compressed: compressed)
  let labelsPath = try folder.write(
    idxBytes(dimensions: [UInt32(labels.count)], payload: labels), name: labelsName, compressed: compressed)
  return (images, labelsPath)
}
