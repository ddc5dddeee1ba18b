// Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 70000 grayscale 28x28 images of clothing in ten
// classes, stored as four IDX files. This file finds them on disk and decodes them into datasets.

import Foundation
import WeightLabCore

/// The Fashion-MNIST loader.
public enum FashionMNIST {
  /// The class names, indexed by label.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]
  public static let imageHeight = 28
  public static let imageWidth = 28
  /// The number of features per example: one per pixel.
  public static let featureCount = imageHeight * imageWidth

  /// The folder where the Debian package `dataset-fashion-mnist` installs the files.
  public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
  /// The environment variable that names a data folder.
  public static let environmentVariable = "WEIGHTLAB_DATA"

  /// The base names of the four files. Each may also carry a `.gz` suffix.
  public static let trainImagesName = "train-images-idx3-ubyte"
  public static let trainLabelsName = "train-labels-idx1-ubyte"
  public static let testImagesName = "t10k-images-idx3-ubyte"
  public static let testLabelsName = "t10k-labels-idx1-ubyte"

  static let installSuggestion =
    "Install it with: apt-get install dataset-fashion-mnist, "
    + "or set WEIGHTLAB_DATA to a folder with the four files."

  /// Loads the training set (60000 examples) and the test set (10000 examples).
  ///
  /// Each image becomes one row of a `[count, 784]` feature matrix, pixels scaled from 0...255 to
  /// 0...1 (divided by 255), row-major. Labels are `Int32` in `0 ..< 10`, named by `classNames`.
  ///
  /// The files are looked for in `directory` when it is given, and otherwise in
  /// `$WEIGHTLAB_DATA`, `$WEIGHTLAB_DATA/fashion-mnist` and `defaultDirectory`, in that order. The
  /// first folder that contains any of the four files must contain all of them. A plain file is preferred
  /// to its `.gz` twin.
  ///
  /// - Parameters:
  ///   - directory: The folder with the four files, or `nil` to search the folders above.
  ///   - environment: The environment to read `WEIGHTLAB_DATA` from.
  ///   - limit: When set, keep only the first `limit` examples of each split. The whole of every
  ///     file is still read and validated.
  /// - Throws: `DataError` when a file is missing or invalid, a label is 10 or more, or an images
  ///   file and its labels file hold different numbers of examples.
  public static func load(
    directory: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    limit: Int? = nil
  ) throws(DataError) -> (train: LabeledDataset, test: LabeledDataset) {
    precondition(limit.map { $0 >= 0 } ?? true, "limit must not be negative, got \(limit!)")
    let folders = searchDirectories(directory: directory, environment: environment)
    let folder = try chooseFolder(from: folders)

    let train = try loadSplit(
      imagesPath: try locate(trainImagesName, in: folder),
      labelsPath: try locate(trainLabelsName, in: folder),
      limit: limit)
    let test = try loadSplit(
      imagesPath: try locate(testImagesName, in: folder),
      labelsPath: try locate(testLabelsName, in: folder),
      limit: limit)
    return (train, test)
  }

  /// Returns the folders that `load` searches, in order.
  public static func searchDirectories(directory: String?, environment: [String: String]) -> [String] {
    if let directory { return [directory] }
    var folders = [String]()
    if let dataFolder = environment[environmentVariable], !dataFolder.isEmpty {
      folders.append(dataFolder)
      folders.append(joinPath(dataFolder, "fashion-mnist"))
    }
    folders.append(defaultDirectory)
    return folders
  }

  /// Loads one split from an images file and a labels file, plain or gzip.
  ///
  /// - Throws: `DataError` as `load` describes.
  public static func loadSplit(imagesPath: String, labelsPath: String, limit: Int? = nil) throws(DataError)
    -> LabeledDataset
  {
    precondition(limit.map { $0 >= 0 } ?? true, "limit must not be negative, got \(limit!)")
    let images = try readIDX(imagesPath)
    let labelsFile = try readIDX(labelsPath)

    guard images.dimensions.count == 3, images.dimensions[1] == imageHeight,
      images.dimensions[2] == imageWidth
    else {
      throw DataError(
        path: imagesPath,
        problem: .unexpectedShape(expected: "images of 28x28 pixels", found: images.dimensions),
        suggestion: "Check that this is a Fashion-MNIST images file, not a labels file.")
    }
    guard labelsFile.dimensions.count == 1 else {
      throw DataError(
        path: labelsPath,
        problem: .unexpectedShape(expected: "a one-dimensional list of labels", found: labelsFile.dimensions),
        suggestion: "Check that this is a Fashion-MNIST labels file, not an images file.")
    }
    let imageCount = images.dimensions[0]
    let labelCount = labelsFile.dimensions[0]
    guard imageCount == labelCount else {
      throw DataError(
        path: imagesPath,
        problem: .countMismatch(imageCount: imageCount, labelsPath: labelsPath, labelCount: labelCount),
        suggestion: "The two files belong to different splits or versions: use the pair from one download.")
    }
    let labels = try decodeLabels(labelsFile, classCount: classNames.count)

    let count = min(limit ?? imageCount, imageCount)
    return LabeledDataset(
      features: decodePixels(images, count: count), labels: Array(labels.prefix(count)),
      classCount: classNames.count, classNames: classNames)
  }

  /// Decodes the first `count` images into a `[count, 784]` matrix of pixels divided by 255.
  static func decodePixels(_ images: IDXFile, count: Int) -> Tensor {
    let scalarCount = count * featureCount
    let scalars = [Float](unsafeUninitializedCapacity: scalarCount) { output, initializedCount in
      images.withUnsafePayload { pixels in
        for index in 0..<scalarCount {
          output[index] = Float(pixels[index]) / 255
        }
      }
      initializedCount = scalarCount
    }
    return Tensor(shape: [count, featureCount], scalars: scalars)
  }

  /// Decodes every label in the file, rejecting the first one outside `0 ..< classCount`.
  static func decodeLabels(_ file: IDXFile, classCount: Int) throws(DataError) -> [Int32] {
    var labels = [Int32]()
    labels.reserveCapacity(file.payloadByteCount)
    var firstInvalid: (index: Int, label: Int)? = nil
    file.withUnsafePayload { bytes in
      for (index, byte) in bytes.enumerated() {
        if Int(byte) >= classCount {
          firstInvalid = (index, Int(byte))
          return
        }
        labels.append(Int32(byte))
      }
    }
    if let firstInvalid {
      throw DataError(
        path: file.path,
        problem: .labelOutOfRange(
          index: firstInvalid.index, label: firstInvalid.label, classCount: classCount),
        suggestion: "This is not a Fashion-MNIST labels file, or it is damaged: "
          + "reinstall with: apt-get install --reinstall dataset-fashion-mnist.")
    }
    return labels
  }

  /// Reads an IDX file, replacing the generic suggestion in a damaged-file error with the reinstall command.
  private static func readIDX(_ path: String) throws(DataError) -> IDXFile {
    do {
      return try IDXFile(contentsOf: path)
    } catch {
      switch error.problem {
      case .notFound, .unreadable:
        throw error
      default:
        throw error.withSuggestion(
          "The file is damaged: reinstall with: apt-get install --reinstall dataset-fashion-mnist, "
            + "or download it again.")
      }
    }
  }

  /// Returns the first folder that contains any of the four files, plain or gzip.
  private static func chooseFolder(from folders: [String]) throws(DataError) -> String {
    let names = [trainImagesName, trainLabelsName, testImagesName, testLabelsName]
    for folder in folders {
      for name in names where candidates(name, in: folder).contains(where: FileBytes.exists) {
        return folder
      }
    }
    throw DataError(
      path: trainImagesName + ".gz",
      problem: .notFound(searched: folders.flatMap { candidates(trainImagesName, in: $0) }),
      suggestion: installSuggestion)
  }

  /// Returns the path of `name` or `name.gz` in `folder`, preferring the plain file.
  private static func locate(_ name: String, in folder: String) throws(DataError) -> String {
    let paths = candidates(name, in: folder)
    if let found = paths.first(where: FileBytes.exists) { return found }
    throw DataError(
      path: name + ".gz", problem: .notFound(searched: paths),
      suggestion: "\(folder) contains some of the Fashion-MNIST files but not this one: "
        + "reinstall with: apt-get install --reinstall dataset-fashion-mnist, or copy the missing file there."
    )
  }

  private static func candidates(_ name: String, in folder: String) -> [String] {
    [joinPath(folder, name), joinPath(folder, name + ".gz")]
  }

  private static func joinPath(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
