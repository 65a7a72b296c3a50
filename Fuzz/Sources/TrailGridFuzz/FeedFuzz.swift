import TrailGridCore

/// The feed decoder as the ingester drives it: a `.gz` input is inflated
/// (bounded) first, the bytes are framed in two chunks split where the input
/// says (a file growing mid-record), and every frame is decoded by two
/// decoders (the normalizer's paths alone, and with patterns' paths). Each
/// frame is also flattened straight from its bytes and through a tree: both
/// must accept the same texts and find the same leaves.
enum FeedFuzz {
    static let limits = DecodeLimits(maxDecompressedBytes: 1 << 20)
    static let whole = FeedDecoder(limits: limits)
    static let pruned = FeedDecoder(
        limits: limits, keeping: FeedDecoder.documentPaths(reading: ["detail.eventName", "detail.requestParameters.name"])
    )

    static func run(_ bytes: [UInt8]) {
        var input = bytes
        if Gzip.hasMagic(bytes) {
            let growing = bytes.withUnsafeBytes { raw in
                Result { () throws(GzipError) in try Gzip.decompress(raw, limit: limits.maxDecompressedBytes, allowIncomplete: true) }
            }
            if case .success(let members) = growing { precondition(members.consumed <= bytes.count) }
            input = (try? Gzip.decompress(bytes, limit: limits.maxDecompressedBytes)) ?? []
        }
        if let text = String(validating: bytes, as: UTF8.self) { _ = try? Base64.decode(text) }
        let split = bytes.isEmpty ? 0 : Int(bytes[0]) * input.count / 256
        var framer = RecordFramer(maxValueBytes: 1 << 16)
        input.withUnsafeBytes { raw in
            var frames = framer.frames(in: UnsafeRawBufferPointer(rebasing: raw[..<split]), base: 0, final: false)
            let keep = framer.retainFrom
            precondition(keep <= split, "framer retains from beyond what it was given")
            frames += framer.frames(in: UnsafeRawBufferPointer(rebasing: raw[keep...]), base: keep, final: true)
            var outcomes: [RecordOutcome] = []
            for frame in frames {
                guard case .value(let range) = frame else { continue }
                let value = UnsafeRawBufferPointer(rebasing: raw[range])
                whole.decode(value, file: "fuzz", offset: range.lowerBound, into: &outcomes)
                pruned.decode(value, file: "fuzz", offset: range.lowerBound, into: &outcomes)
                let bytes = value.assumingMemoryBound(to: UInt8.self)
                let direct = try? JSONParser.flatten(Array(bytes), paths: pruned.paths)
                let tree = (try? JSONParser.parse(bytes)).map { FlatEvent(document: $0, paths: pruned.paths) }
                precondition((direct == nil) == (tree == nil), "flattening and parsing disagree on validity")
                if let direct, let tree {
                    precondition(direct.leafCount == tree.leafCount && direct.markers == tree.markers, "flattening found other leaves")
                }
            }
        }
    }
}
