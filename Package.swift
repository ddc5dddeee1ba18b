// swift-tools-version: 6.0
// WeightLab: neural-network weight initialization and regularization on the CPU.
// The package depends only on the Swift toolchain and on system C libraries (OpenBLAS, zlib).
import PackageDescription

let package = Package(
  name: "WeightLab",
  products: [
    .library(name: "WeightLabCore", targets: ["WeightLabCore"]),
    .library(name: "WeightLab", targets: ["WeightLab"]),
    .library(name: "WeightLabData", targets: ["WeightLabData"]),
    .library(name: "WeightLabExperiments", targets: ["WeightLabExperiments"]),
    .executable(name: "weightlab", targets: ["weightlab"]),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),
    .target(name: "WeightLabCore", dependencies: ["COpenBLAS"]),
    .target(name: "WeightLab", dependencies: ["WeightLabCore"]),
    .target(name: "WeightLabData", dependencies: ["WeightLabCore", "CZlib"]),
    .target(
      name: "WeightLabExperiments",
      dependencies: ["WeightLab", "WeightLabData", "WeightLabCore", "CSQLite"]
    ),
    .executableTarget(
      name: "weightlab",
      dependencies: ["WeightLabExperiments", "WeightLab", "WeightLabData", "WeightLabCore"]
    ),
    .executableTarget(
      name: "weightlab-bench",
      dependencies: ["WeightLab", "WeightLabData", "WeightLabCore"],
      path: "Benchmarks/weightlab-bench"
    ),
    .testTarget(name: "WeightLabCoreTests", dependencies: ["WeightLabCore"]),
    .testTarget(
      name: "WeightLabTests",
      dependencies: ["WeightLab", "WeightLabCore"],
      exclude: ["Initializers/Fixtures", "Optimizers/Fixtures", "Metrics/Fixtures"]
    ),
    .testTarget(
      name: "WeightLabExperimentsTests",
      dependencies: ["WeightLabExperiments", "WeightLab", "WeightLabData", "WeightLabCore"]
    ),
    .testTarget(name: "WeightLabDataTests", dependencies: ["WeightLabData", "WeightLabCore"]),
    .testTarget(name: "CLITests", dependencies: ["weightlab"]),
  ]
)
