import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// libFuzzer's driver, in the `-sanitize=fuzzer` runtime.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// SwiftPM links an executable target's entry point under this name (and
/// points `main` at it), so libFuzzer's own `main` is never used: start its
/// driver from here instead.
@_cdecl("TrailGridFuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in trailgridFuzz(data, size) }
}

/// One input. One binary serves every target so the (slow, instrumented)
/// build happens once; `TRAILGRID_FUZZ_TARGET` picks the parser, and each
/// target has its own corpus directory.
@_cdecl("LLVMFuzzerTestOneInput")
public func trailgridFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    switch FuzzTarget.selected {
    case .feed: FeedFuzz.run(bytes)
    case .pattern: PatternFuzz.run(bytes)
    case .inventory: InventoryFuzz.run(bytes)
    case .config: ConfigFuzz.run(bytes)
    case .theme: ThemeFuzz.run(bytes)
    }
    return 0
}

enum FuzzTarget: String, CaseIterable {
    case feed, pattern, inventory, config, theme

    /// Read once; an unknown name stops the run at once instead of fuzzing nothing.
    static let selected: FuzzTarget = {
        let name = getenv("TRAILGRID_FUZZ_TARGET").map { String(cString: $0) } ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            print("set TRAILGRID_FUZZ_TARGET to one of: \(known)")
            exit(2)
        }
        return target
    }()
}
