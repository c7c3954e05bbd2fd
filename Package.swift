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
        .library(name: "TrialStore", targets: ["TrialStore"]),
        .library(name: "Simulation", targets: ["Simulation"]),
        .library(name: "TrialAnalysis", targets: ["TrialAnalysis"]),
        .library(name: "Reporting", targets: ["Reporting"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // Test-only: parses the generated report Markdown in ReportingTests.
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
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
        .target(name: "TrialModel", dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "Randomization", dependencies: ["TrialModel"]),
        .target(name: "TrialStore", dependencies: [
            "TrialModel", "Randomization", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "Simulation", dependencies: ["TrialModel", "Randomization"]),

        // Analysis and reports
        .target(name: "TrialAnalysis", dependencies: [
            "LinearAlgebra", "Regression", "SurvivalAnalysis", "Distributions", "TrialModel", "Randomization",
        ]),
        .target(name: "Reporting", dependencies: ["TrialAnalysis", "TrialModel", "Regression"]),

        // Command-line tool
        .executableTarget(name: "effekt", dependencies: [
            "LinearAlgebra", "Distributions", "Regression", "SurvivalAnalysis",
            "TrialModel", "Randomization", "TrialStore", "Simulation", "TrialAnalysis", "Reporting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Benchmarks (never a dependency of the library)
        .executableTarget(name: "effekt-bench", dependencies: [
            "LinearAlgebra", "Distributions", "Regression", "SurvivalAnalysis",
            "TrialModel", "Randomization", "TrialStore", "Simulation", "TrialAnalysis", "Reporting",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Tests
        // Test support: a strict XML well-formedness check shared by the report tests.
        .target(name: "MarkupChecks", path: "Tests/MarkupChecks"),
        // Test support: runs the built `effekt` binary and captures what it prints.
        .target(name: "CommandLineHarness", path: "Tests/CommandLineHarness"),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "DistributionsTests", dependencies: ["Distributions"]),
        .testTarget(name: "RandomizationTests", dependencies: ["Randomization", "TrialModel"]),
        .testTarget(name: "TrialAnalysisTests", dependencies: ["TrialAnalysis", "Randomization", "TrialModel"]),
        .testTarget(name: "RegressionTests", dependencies: ["Regression", "LinearAlgebra", "effekt", "CommandLineHarness"]),
        .testTarget(name: "SurvivalAnalysisTests", dependencies: ["SurvivalAnalysis", "LinearAlgebra", "CommandLineHarness"]),
        .testTarget(name: "TrialModelTests", dependencies: ["TrialModel"]),
        .testTarget(name: "TrialStoreTests", dependencies: [
            "TrialStore", "TrialModel", "Randomization", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // Runs the built `effekt` binary (.build/debug/effekt) on Tests/Fixtures/trial.
        .testTarget(name: "EffektCLITests", dependencies: ["CommandLineHarness", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "TrialModel", "Randomization"]),
        .testTarget(name: "ReportingTests", dependencies: [
            "Reporting", "TrialAnalysis", "TrialModel", "Simulation", "Randomization", "MarkupChecks", .product(name: "Ink", package: "Ink"),
        ]),
        // Runs the built `effekt` binary on the shipped trials (Data/flexjob, Data/jobfirst): run → reproduce.
        .testTarget(name: "EndToEndTests", dependencies: [
            "Reporting", "TrialAnalysis", "TrialModel", "CommandLineHarness", .product(name: "Ink", package: "Ink"),
        ]),
    ]
)
