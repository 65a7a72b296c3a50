/// The bytes read from a file and not yet consumed, in storage reused from
/// read to read.
///
/// An array grown by appending a chunk of zeros before every `pread` (and
/// shrunk after) wrote a megabyte of zeros per megabyte read; here storage
/// is zero-filled only when it grows, and the unconsumed tail is moved to
/// the front.
struct ReadBuffer {
    private var storage: [UInt8] = []
    /// Valid bytes at the front of `storage`.
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    /// Lets `read` fill up to `want` bytes after the valid ones; it returns
    /// how many it wrote (negative for none).
    mutating func append(upTo want: Int, _ read: (UnsafeMutableRawPointer, Int) -> Int) -> Int {
        if storage.count < count + want {
            storage.append(contentsOf: repeatElement(0, count: count + want - storage.count))
        }
        let start = count
        let got = storage.withUnsafeMutableBytes { raw in read(raw.baseAddress! + start, want) }
        count += max(0, min(got, want))
        return max(0, got)
    }

    func withUnsafeBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[0..<count])) }
    }

    /// Forgets the first `bytes` valid bytes.
    mutating func removeFirst(_ bytes: Int) {
        let bytes = min(bytes, count)
        let rest = count - bytes
        if rest > 0 {
            storage.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress! + bytes, byteCount: rest)
            }
        }
        count = rest
    }

    /// Empties the buffer and gives its storage back.
    mutating func release() {
        storage = []
        count = 0
    }
}
