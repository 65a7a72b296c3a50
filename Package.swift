// swift-tools-version: 6.1
import PackageDescription

/// Swift 6 language mode (strict concurrency) is the package default; warnings
/// are treated as defects by `.ci/run`, not by a flag here, so that a newer
/// toolchain's new warnings do not break a user's build.
let package = Package(
    name: "trailgrid",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trailgrid", targets: ["trailgrid"]),
        .library(name: "TrailGridCore", targets: ["TrailGridCore"]),
        // For the fuzz package under Fuzz/ (the theme loader lives here).
        .library(name: "TrailGridUI", targets: ["TrailGridUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(name: "CGlibcMalloc"),
        // Tight C loops for ingest's hot spots (base64, string scans, skipping
        // unread JSON values), vector units chosen at run time; the Swift code
        // they shortcut stays as the fallback and the reference.
        .target(name: "CByteScan"),
        .target(
            name: "TrailGridCore",
            dependencies: [
                "CByteScan",
                "CZlib",
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The dashboard's durable state (DESIGN §9): SQLite through GRDB, kept
        // out of the core so that the core stays free of storage.
        .target(
            name: "TrailGridStore",
            dependencies: [
                "TrailGridCore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // AWS access (DESIGN §10): SigV4, the protocols, the credential chain
        // and a client over async-http-client, in a module of its own so that
        // the core stays free of the network.
        .target(
            name: "TrailGridAWS",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "TrailGridUI",
            dependencies: [
                "TrailGridCore",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "TrailGridTerminal",
            dependencies: ["CNcurses", "TrailGridUI"]
        ),
        .executableTarget(
            name: "trailgrid",
            dependencies: [
                "TrailGridCore",
                "TrailGridUI",
                "TrailGridTerminal",
                "TrailGridStore",
                "TrailGridAWS",
                "CGlibcMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // What the tests start (tmux, moto_server, the binary, python3):
        // posix_spawn with every wait bounded, shared by the test targets.
        .target(name: "TestProcesses", path: "Tests/TestProcesses"),
        .testTarget(
            name: "TrailGridCoreTests",
            dependencies: ["TrailGridCore", "TestProcesses"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TrailGridUITests",
            dependencies: ["TrailGridCore", "TrailGridUI"],
            // Read by path (`#filePath`), so that a failing run can rewrite them.
            exclude: ["Snapshots"]
        ),
        .testTarget(
            name: "TrailGridStoreTests",
            dependencies: ["TrailGridCore", "TrailGridStore", "TestProcesses", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "TrailGridTerminalTests",
            dependencies: ["CNcurses", "TrailGridTerminal", "TrailGridUI"]
        ),
        .testTarget(
            name: "TrailGridAWSTests",
            dependencies: ["TrailGridAWS", "TestProcesses"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TrailGridCore", "TestProcesses"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
