// swift-tools-version:6.0
// Effekt — randomized labour-market trials: operations, analysis, reports.
// SPDX-License-Identifier: GPL-3.0-or-later
import PackageDescription

let package = Package(
    name: "Effekt",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "effekt", targets: ["effekt"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
        .library(name: "Distributions", targets: ["Distributions"]),
        .library(name: "Regression", targets: ["Regression"]),
        .library(name: "SurvivalAnalysis", targets: ["SurvivalAnalysis"]),
        .library(name: "TrialModel", targets: ["TrialModel"]),
        .library(name: "Randomization", targets: ["Randomization"]),
        .library(name: "TrialStorage", targets: ["TrialStorage"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "TrialAnalysis", targets: ["TrialAnalysis"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "ProgrammeMonitoring", targets: ["ProgrammeMonitoring"]),
        // The enrolment service: its own product, so that `swift build --product effekt` never builds Hummingbird.
        .executable(name: "effekt-server", targets: ["effekt-server"]),
        .executable(name: "fuzz-csv-scanner", targets: ["fuzz-csv-scanner"]),
        .executable(name: "fuzz-trial-toml", targets: ["fuzz-trial-toml"]),
        .executable(name: "fuzz-roster", targets: ["fuzz-roster"]),
        .executable(name: "fuzz-weekly", targets: ["fuzz-weekly"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Test-only: parses the generated report Markdown in ReportingTests.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // The enrolment service only (EnrolmentService, effekt-server).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System libraries
        .systemLibrary(
            name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(
            name: "CRmath", path: "Sources/CRmath", pkgConfig: "libRmath",
            providers: [.apt(["r-mathlib"])]),

        // Numerical layers
        .target(name: "LinearAlgebra", dependencies: ["COpenBLAS"]),
        .target(name: "Distributions", dependencies: ["CRmath"]),
        .target(name: "Regression", dependencies: ["LinearAlgebra", "Distributions"]),
        .target(name: "SurvivalAnalysis", dependencies: ["LinearAlgebra", "Distributions"]),

        // Trial operations
        .target(name: "TrialModel", dependencies: [
            .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "Randomization", dependencies: ["TrialModel"]),
        .target(name: "TrialStorage", dependencies: [
            "TrialModel", "Randomization", "ProgrammeMonitoring", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "Simulation", dependencies: ["TrialModel", "Randomization", "ProgrammeMonitoring"]),

        // Analysis and reports
        .target(name: "TrialAnalysis", dependencies: [
            "LinearAlgebra", "Regression", "SurvivalAnalysis", "Distributions", "TrialModel", "Randomization",
        ]),
        .target(name: "Reporting", dependencies: ["TrialAnalysis", "TrialModel", "Regression", "ProgrammeMonitoring"]),
        // Monitoring of programmes that are not trials (placement units, cooperation trials): issue 12.
        .target(name: "ProgrammeMonitoring", dependencies: ["TrialModel", "SurvivalAnalysis", "Distributions"]),

        // Process-wide settings for the programs only (never a dependency of a library).
        .target(name: "ProcessTuning"),

        // Enrolment service (issue 15): a module of its own that neither the CLI nor the analysis
        // depends on; the store's tables for it live in TrialStorage like every other table.
        .target(name: "EnrolmentService", dependencies: [
            "TrialModel", "Randomization", "TrialStorage",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .executableTarget(name: "effekt-server", dependencies: [
            "EnrolmentService", "TrialModel", "TrialStorage", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Command-line tool
        .executableTarget(name: "effekt", dependencies: [
            "ProcessTuning", "LinearAlgebra", "Distributions", "Regression", "SurvivalAnalysis",
            "TrialModel", "Randomization", "TrialStorage", "Simulation", "TrialAnalysis", "Reporting", "ProgrammeMonitoring",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (never a dependency of the library)
        .executableTarget(name: "effekt-bench", dependencies: [
            "ProcessTuning", "LinearAlgebra", "Distributions", "Regression", "SurvivalAnalysis",
            "TrialModel", "Randomization", "TrialStorage", "Simulation", "TrialAnalysis", "Reporting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Fuzz targets (Scripts/fuzz builds them with libFuzzer; an ordinary build makes each a
        // replay tool that runs the files it is given through the same function).
        .target(name: "FuzzInput"),
        .executableTarget(name: "fuzz-csv-scanner", dependencies: ["FuzzInput", "TrialModel"]),
        .executableTarget(name: "fuzz-trial-toml", dependencies: ["FuzzInput", "TrialModel"]),
        .executableTarget(name: "fuzz-roster", dependencies: ["FuzzInput", "TrialModel"]),
        .executableTarget(name: "fuzz-weekly", dependencies: ["FuzzInput", "TrialModel"]),

        // Tests
        // Test support (not shipped): the one approximate-equality rule, the R reference fixtures
        // of the survival tests, a strict XML well-formedness check, and the built `effekt` binary
        // run as a user would run it.
        .target(name: "TestSupport", dependencies: ["TrialAnalysis", "TrialModel", "Randomization"], path: "Tests/TestSupport"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "DistributionsTests", dependencies: ["Distributions", "TestSupport"]),
        .testTarget(name: "RandomizationTests", dependencies: ["Randomization", "TrialModel"]),
        .testTarget(name: "TrialAnalysisTests", dependencies: ["TrialAnalysis", "Randomization", "TrialModel", "TestSupport"]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "SurvivalAnalysisTests", dependencies: ["SurvivalAnalysis", "LinearAlgebra", "TestSupport"]),
        .testTarget(name: "TrialModelTests", dependencies: ["TrialModel"]),
        .testTarget(name: "TrialStorageTests", dependencies: [
            "TrialStorage", "TrialModel", "Randomization", "ProgrammeMonitoring", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Runs the built `effekt` binary on the fixtures: trial commands, regress, survival, help texts.
        .testTarget(name: "EffektCLITests", dependencies: [
            "effekt", "Regression", "TrialModel", "Randomization", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "ProgrammeMonitoringTests", dependencies: ["ProgrammeMonitoring", "SurvivalAnalysis", "TrialModel"]),
        // The enrolment service in process (HummingbirdTesting): every role × endpoint, the access log.
        .testTarget(name: "EnrolmentServiceTests", dependencies: [
            "EnrolmentService", "TrialStorage", "TrialModel", "Randomization",
            .product(name: "Hummingbird", package: "hummingbird"), .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "TrialModel", "Randomization", "ProgrammeMonitoring"]),
        .testTarget(name: "ReportingTests", dependencies: [
            "Reporting", "TrialAnalysis", "TrialModel", "Simulation", "Randomization", "TestSupport", "ProgrammeMonitoring", .product(name: "Ink", package: "Ink"),
        ]),
        // Runs the built `effekt` binary on the shipped trials (Data/flexjob, Data/jobfirst): run → reproduce.
        // Every word of every report of the shipped trials against the language's word list (Debian wdanish, wbritish).
        .testTarget(name: "LanguageTests", dependencies: ["Reporting", "TrialAnalysis", "TrialModel", "Randomization", "TestSupport", "ProgrammeMonitoring"]),
        .testTarget(name: "EndToEndTests", dependencies: [
            "effekt", "Reporting", "TrialAnalysis", "TrialModel", "TestSupport", .product(name: "Ink", package: "Ink"),
        ]),
    ]
)
