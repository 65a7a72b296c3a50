/// A top-level piece of a feed file: one JSON value, or bytes that cannot be one.
public enum Frame: Sendable, Equatable {
    /// A complete top-level JSON object or array (absolute byte range).
    case value(Range<Int>)
    /// Bytes refused before any parsing, with the reason.
    case garbage(Range<Int>, reason: String)
}

/// Splits a byte stream into top-level JSON values without parsing them.
///
/// One mechanism serves every feed form: JSON Lines, Firehose's concatenated
/// `}{` objects (no separator at all) and pretty-printed single documents
/// (`aws kinesis get-records` output, CloudTrail log files) are all "a
/// sequence of top-level values". The framer tracks nesting and strings
/// byte by byte and keeps its state between calls, so a file can be fed in
/// chunks as it grows and a value is emitted only once it is complete.
///
/// Whether a file is *line-oriented* is decided from its first value: if it
/// ends on its first line, or its first line breaks mid-value somewhere a
/// pretty-printer would not (after a `{`, `[`, `,` or `:`), the file is
/// treated as lines, and a newline inside an unfinished value ends that value
/// as a truncated record, so one bad line cannot swallow the next.
public struct RecordFramer: Sendable {
    public enum Layout: Sendable, Equatable { case undecided, lines, document }

    public private(set) var layout: Layout = .undecided
    /// Values larger than this are refused and skipped without being held.
    public let maxValueBytes: Int

    /// Absolute offset of the next byte to examine.
    public private(set) var position: Int
    /// Absolute offset where the value being scanned began.
    private var valueStart: Int?
    private var depth = 0
    private var inString = false
    private var escaped = false
    /// Last non-whitespace byte seen in the current value (for the layout rule).
    private var lastSignificant: UInt8 = 0
    /// Discarding an oversized value until it ends.
    private var skippingOversized = false
    /// Discarding non-JSON bytes until the end of their line.
    private var garbageStart: Int?

    public init(startingAt offset: Int = 0, maxValueBytes: Int = 64 << 20) {
        self.position = offset
        self.maxValueBytes = maxValueBytes
    }

    /// The first absolute offset the caller must still keep: everything
    /// before it has been emitted (or discarded) and may be dropped.
    public var retainFrom: Int {
        if skippingOversized { return position }
        return valueStart ?? garbageStart ?? position
    }

    /// The offset a checkpoint may record: the end of the last complete frame.
    /// Resuming there re-reads nothing already emitted and loses nothing.
    public var resumableOffset: Int {
        if skippingOversized, let valueStart { return valueStart }
        return valueStart ?? garbageStart ?? position
    }

    /// Examines `bytes`, which hold the stream from absolute offset `base`
    /// (with `base <= retainFrom`), and returns the frames completed in them.
    ///
    /// - Parameter final: no more bytes will come; an unfinished value at the
    ///   end is reported as truncated instead of waited for.
    public mutating func frames(in bytes: UnsafeRawBufferPointer, base: Int, final: Bool) -> [Frame] {
        var frames: [Frame] = []
        let end = base + bytes.count
        precondition(position >= base && position <= end, "framer fed a buffer that does not cover its position")
        var index = position - base

        while index < bytes.count {
            let byte = bytes[index]
            let absolute = base + index

            if let start = garbageStart {
                if byte == 0x0A {
                    frames.append(.garbage(start..<absolute, reason: "not a JSON object"))
                    garbageStart = nil
                }
                index += 1
                continue
            }

            guard let start = valueStart else {
                switch byte {
                case 0x20, 0x09, 0x0D, 0x0A:
                    break
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    valueStart = absolute
                    depth = 1
                    inString = false
                    escaped = false
                    lastSignificant = byte
                case 0xEF where absolute == 0 && index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
                    index += 2  // a UTF-8 byte-order mark at the very start
                default:
                    garbageStart = absolute
                }
                index += 1
                continue
            }

            if inString {
                if !escaped, let pointer = bytes.baseAddress {
                    // Plain string bytes change no state: skip them by words.
                    let skipped = ByteScan.skipFramerString(pointer, from: index, to: bytes.count)
                    if skipped > index {
                        index = skipped
                        if !skippingOversized, base + index - start > maxValueBytes {
                            startSkipping(start: start, frames: &frames)
                        }
                        continue
                    }
                }
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte == 0x0A {
                    // A raw newline is never inside a valid JSON string.
                    if let truncated = newlineInsideValue(start: start, at: absolute, frames: &frames) {
                        frames.append(truncated)
                    }
                }
                index += 1
                if valueStart != nil, !skippingOversized, absolute + 1 - start > maxValueBytes {
                    startSkipping(start: start, frames: &frames)
                }
                continue
            }

            switch byte {
            case UInt8(ascii: "\""):
                inString = true
                lastSignificant = byte
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                lastSignificant = byte
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                lastSignificant = byte
                if depth == 0 {
                    if skippingOversized {
                        skippingOversized = false
                    } else {
                        frames.append(.value(start..<(absolute + 1)))
                        if layout == .undecided { layout = .lines }
                    }
                    valueStart = nil
                }
            case 0x0A:
                if let truncated = newlineInsideValue(start: start, at: absolute, frames: &frames) {
                    frames.append(truncated)
                }
            case 0x20, 0x09, 0x0D:
                break
            default:
                lastSignificant = byte
            }
            index += 1
            if valueStart != nil, !skippingOversized, absolute + 1 - start > maxValueBytes {
                startSkipping(start: start, frames: &frames)
            }
        }
        position = end

        if final {
            if let start = garbageStart {
                frames.append(.garbage(start..<end, reason: "not a JSON object"))
                garbageStart = nil
            }
            if let start = valueStart {
                if !skippingOversized {
                    frames.append(.garbage(start..<end, reason: "truncated JSON value at end of input"))
                }
                valueStart = nil
                skippingOversized = false
                depth = 0
                inString = false
            }
        }
        return frames
    }

    /// A newline while a value is open: in a line-oriented file the value is
    /// truncated; in a document it is ordinary whitespace.
    private mutating func newlineInsideValue(start: Int, at absolute: Int, frames: inout [Frame]) -> Frame? {
        if layout == .undecided {
            switch lastSignificant {
            case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: ":"):
                if !inString { layout = .document; return nil }
                layout = .lines
            default:
                layout = .lines
            }
        }
        guard layout == .lines else { return nil }
        let wasSkipping = skippingOversized
        valueStart = nil
        skippingOversized = false
        depth = 0
        inString = false
        escaped = false
        return wasSkipping ? nil : .garbage(start..<absolute, reason: "truncated JSON value (line ends inside it)")
    }

    private mutating func startSkipping(start: Int, frames: inout [Frame]) {
        skippingOversized = true
        frames.append(.garbage(start..<(start + maxValueBytes), reason: "record larger than \(maxValueBytes) bytes"))
    }
}
