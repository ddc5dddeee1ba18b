// Tests of the Fashion-MNIST loader on small fixture files, and one test on the installed dataset.

import Foundation
import Testing
import WeightLabCore

@testable import WeightLabData

@Suite struct FashionMNISTTests {
  static let trainLabels: [UInt8] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9, 0]
  static let testLabels: [UInt8] = [3, 1, 4, 1, 5]

  /// Writes the four files with the fixture labels.
  func writeFixture(in folder: TemporaryFolder, compressed: Bool = true) throws {
    try writeSplit(
      in: folder, imagesName: FashionMNIST.trainImagesName, labelsName: FashionMNIST.trainLabelsName,
      labels: Self.trainLabels, compressed: compressed)
    try writeSplit(
      in: folder, imagesName: FashionMNIST.testImagesName, labelsName: FashionMNIST.testLabelsName,
      labels: Self.testLabels, compressed: compressed)
  }

  func loadError(directory: String? = nil, environment: [String: String] = [:], limit: Int? = nil)
    -> DataError?
  {
    do {
      _ = try FashionMNIST.load(directory: directory, environment: environment, limit: limit)
      return nil
    } catch {
      return error
    }
  }

  /// Checks every pixel against `imagePixels`, divided by 255.
  func expectFixturePixels(_ features: Tensor, count: Int, sourceLocation: SourceLocation = #_sourceLocation)
  {
    #expect(features.shape == [count, 784], sourceLocation: sourceLocation)
    let expected = imagePixels(count: count).map { Float($0) / 255 }
    #expect(features.scalars == expected, sourceLocation: sourceLocation)
  }

  @Test(arguments: [false, true])
  func loadsFixtureFolder(compressed: Bool) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder, compressed: compressed)

    let (train, test) = try FashionMNIST.load(directory: folder.path, environment: [:])

    expectFixturePixels(train.features, count: Self.trainLabels.count)
    expectFixturePixels(test.features, count: Self.testLabels.count)
    #expect(train.labels == Self.trainLabels.map(Int32.init))
    #expect(test.labels == Self.testLabels.map(Int32.init))
    #expect(train.classCount == 10)
    #expect(train.classNames.first == "T-shirt/top")
    #expect(train.classNames.last == "Ankle boot")
  }

  @Test func pixelScaleEndpoints() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let pixels = (0..<784).map { UInt8($0 % 2 == 0 ? 0 : 255) }
    let images = try folder.write(idxBytes(dimensions: [1, 28, 28], payload: pixels), name: "images")
    let labels = try folder.write(idxBytes(dimensions: [1], payload: [7]), name: "labels")

    let split = try FashionMNIST.loadSplit(imagesPath: images, labelsPath: labels)

    #expect(split.features.scalars[0] == 0)
    #expect(split.features.scalars[1] == 1)
    #expect(split.features.scalars.min() == 0)
    #expect(split.features.scalars.max() == 1)
  }

  @Test func limitKeepsFirstExamples() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)

    let (train, test) = try FashionMNIST.load(directory: folder.path, environment: [:], limit: 3)

    expectFixturePixels(train.features, count: 3)
    #expect(train.labels == [0, 1, 2])
    #expect(test.labels == [3, 1, 4])
  }

  @Test func limitStillValidatesWholeFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)
    let path = try folder.write(
      idxBytes(dimensions: [60000, 28, 28], payload: imagePixels(count: 12)),
      name: FashionMNIST.trainImagesName,
      compressed: true)

    let error = try #require(loadError(directory: folder.path, limit: 2))

    #expect(error.path == path)
    #expect(error.description.contains("60000x28x28 = 47040000 bytes"))
    #expect(error.description.contains("apt-get install --reinstall dataset-fashion-mnist"))
  }

  @Test func prefersPlainFileToGzip() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder, compressed: true)
    // A plain labels file beside the gzip one, with different labels.
    try folder.write(idxBytes(dimensions: [5], payload: [9, 9, 9, 9, 9]), name: FashionMNIST.testLabelsName)

    let (_, test) = try FashionMNIST.load(directory: folder.path, environment: [:])

    #expect(test.labels == [9, 9, 9, 9, 9])
  }

  @Test func findsFolderFromEnvironment() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)

    let (train, _) = try FashionMNIST.load(environment: ["WEIGHTLAB_DATA": folder.path])

    #expect(train.count == Self.trainLabels.count)
  }

  @Test func findsSubfolderFromEnvironment() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: try folder.subfolder("fashion-mnist"))

    let (train, _) = try FashionMNIST.load(environment: ["WEIGHTLAB_DATA": folder.path])

    #expect(train.count == Self.trainLabels.count)
  }

  @Test func searchOrder() {
    #expect(
      FashionMNIST.searchDirectories(directory: nil, environment: ["WEIGHTLAB_DATA": "/data"])
        == ["/data", "/data/fashion-mnist", "/usr/share/datasets/fashion-mnist"])
    #expect(
      FashionMNIST.searchDirectories(directory: nil, environment: [:]) == [
        "/usr/share/datasets/fashion-mnist"
      ])
    #expect(
      FashionMNIST.searchDirectories(directory: "/mine", environment: ["WEIGHTLAB_DATA": "/data"]) == [
        "/mine"
      ])
  }

  @Test func rejectsLabelOutOfRange() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)
    var labels = Self.trainLabels
    labels[7] = 10
    let path = try folder.write(
      idxBytes(dimensions: [UInt32(labels.count)], payload: labels), name: FashionMNIST.trainLabelsName,
      compressed: true)

    let error = try #require(loadError(directory: folder.path))

    #expect(error.problem == .labelOutOfRange(index: 7, label: 10, classCount: 10))
    #expect(error.path == path)
    #expect(error.description.contains(path))
    #expect(error.description.contains("index 7"))
  }

  /// With a limit the bad label lies outside the examples kept, and is still rejected.
  @Test func limitStillValidatesLabels() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)
    var labels = Self.testLabels
    labels[4] = 200
    try folder.write(
      idxBytes(dimensions: [UInt32(labels.count)], payload: labels), name: FashionMNIST.testLabelsName,
      compressed: true)

    let error = try #require(loadError(directory: folder.path, limit: 1))

    #expect(error.problem == .labelOutOfRange(index: 4, label: 200, classCount: 10))
  }

  @Test func rejectsCountMismatch() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)
    let labelsPath = try folder.write(
      idxBytes(dimensions: [4], payload: [1, 2, 3, 4]), name: FashionMNIST.testLabelsName, compressed: true)
    let imagesPath = folder.path + "/" + FashionMNIST.testImagesName + ".gz"

    let error = try #require(loadError(directory: folder.path))

    #expect(error.problem == .countMismatch(imageCount: 5, labelsPath: labelsPath, labelCount: 4))
    #expect(error.description.contains(imagesPath))
    #expect(error.description.contains(labelsPath))
  }

  @Test func rejectsLabelsFileAsImages() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let labels = try folder.write(idxBytes(dimensions: [3], payload: [1, 2, 3]), name: "labels")

    let error = try #require(
      #expect(throws: DataError.self) { try FashionMNIST.loadSplit(imagesPath: labels, labelsPath: labels) })

    #expect(error.problem == .unexpectedShape(expected: "images of 28x28 pixels", found: [3]))
    #expect(error.description.contains(labels))
  }

  @Test func rejectsMissingFileInChosenFolder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try writeFixture(in: folder)
    try FileManager.default.removeItem(atPath: folder.path + "/" + FashionMNIST.testImagesName + ".gz")

    let error = try #require(loadError(directory: folder.path))

    let plain = folder.path + "/t10k-images-idx3-ubyte"
    #expect(error.problem == .notFound(searched: [plain, plain + ".gz"]))
    #expect(error.description.contains(plain + ".gz"))
    #expect(error.description.contains("apt-get install --reinstall dataset-fashion-mnist"))
  }

  @Test func rejectsFoldersWithoutDataset() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }

    let error = try #require(loadError(directory: folder.path))

    let plain = folder.path + "/train-images-idx3-ubyte"
    #expect(error.problem == .notFound(searched: [plain, plain + ".gz"]))
    #expect(error.description.contains(plain))
    #expect(error.description.contains("set WEIGHTLAB_DATA to a folder with the four files"))
  }

  static let installedFolderExists = FileManager.default.fileExists(atPath: FashionMNIST.defaultDirectory)

  @Test(
    .enabled(
      if: installedFolderExists,
      "Fashion-MNIST is not installed in /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist)"
    ))
  func loadsInstalledDataset() throws {
    let (train, test) = try FashionMNIST.load(directory: FashionMNIST.defaultDirectory, environment: [:])

    #expect(train.features.shape == [60000, 784])
    #expect(test.features.shape == [10000, 784])
    var trainClassCounts = [Int](repeating: 0, count: 10)
    for label in train.labels { trainClassCounts[Int(label)] += 1 }
    #expect(trainClassCounts == [Int](repeating: 6000, count: 10))
    var testClassCounts = [Int](repeating: 0, count: 10)
    for label in test.labels { testClassCounts[Int(label)] += 1 }
    #expect(testClassCounts == [Int](repeating: 1000, count: 10))
    #expect(train.features.scalars.min() == 0)
    #expect(train.features.scalars.max() == 1)
    #expect(test.features.scalars.min() == 0)
    #expect(test.features.scalars.max() == 1)
  }
}
