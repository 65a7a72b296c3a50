import TrailGridCore
import TrailGridUI

/// `trailgrid.yaml`: parsed, then its probes run against its patterns.
enum ConfigFuzz {
    static func run(_ bytes: [UInt8]) {
        let config = WatchConfig.parse(String(decoding: bytes, as: UTF8.self))
        _ = config.probeFailures()
    }
}

/// Theme files: loading never throws, so it must never crash either.
enum ThemeFuzz {
    static func run(_ bytes: [UInt8]) {
        _ = ThemeLoader.load(yaml: String(decoding: bytes, as: UTF8.self), defaultName: "fuzz", source: "fuzz")
    }
}
