// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer drivers for trailgrid's parsers of hostile input, kept out of
/// the main package so `swift build` and `swift test` neither build nor
/// slow down for them. Build only through `Scripts/fuzz.sh`, which passes
/// `-sanitize=fuzzer,address` to every module (coverage inside the
/// library code is what guides the fuzzer, not just the driver's).
let package = Package(
    name: "trailgrid-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "trailgrid", path: "..")],
    targets: [
        .executableTarget(
            name: "TrailGridFuzz",
            dependencies: [
                .product(name: "TrailGridCore", package: "trailgrid"),
                .product(name: "TrailGridUI", package: "trailgrid"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
