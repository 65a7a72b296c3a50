import CZlib

/// Why a gzip stream was refused.
public struct GzipError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// gzip (RFC 1952) through the system zlib: `.gz` log files and the
/// CloudWatch Logs payloads inside Kinesis records.
public enum Gzip {
    /// Output of `decompress`: complete members only.
    public struct Members: Sendable {
        /// Decompressed bytes of every complete member, concatenated.
        public var output: [UInt8]
        /// Compressed bytes consumed by those members; the rest is an
        /// unfinished member still being written, to be read again later.
        public var consumed: Int
    }

    public static func hasMagic(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    public static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { hasMagic($0) }
    }

    /// Inflates every member (a file may hold several, concatenated).
    ///
    /// - Parameter limit: the most decompressed bytes accepted; beyond it the
    ///   input is refused as a decompression bomb instead of exhausting memory.
    /// - Parameter allowIncomplete: when true, a member cut short at the end
    ///   (a file still growing) is left unconsumed instead of refused.
    public static func decompress(
        _ input: UnsafeRawBufferPointer, limit: Int, allowIncomplete: Bool = false
    ) throws(GzipError) -> Members {
        guard let inputBase = input.baseAddress?.assumingMemoryBound(to: UInt8.self), !input.isEmpty else {
            return Members(output: [], consumed: 0)
        }
        var stream = z_stream()
        // 15 + 16: a gzip wrapper, with the largest window.
        guard tg_inflate_init2(&stream, 15 + 16) == Z_OK else {
            throw GzipError(message: "zlib could not start")
        }
        defer { inflateEnd(&stream) }

        var output: [UInt8] = []
        var completeOutput = 0
        var consumed = 0
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        stream.next_in = UnsafeMutablePointer(mutating: inputBase)
        stream.avail_in = UInt32(input.count)

        while true {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = UInt32(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = chunk.count - Int(stream.avail_out)
            if output.count + produced > limit {
                throw GzipError(message: "decompressed size exceeds the \(limit)-byte limit")
            }
            output.append(contentsOf: chunk[0..<produced])
            switch status {
            case Z_STREAM_END:
                consumed = input.count - Int(stream.avail_in)
                completeOutput = output.count
                let rest = UnsafeRawBufferPointer(rebasing: input[consumed...])
                if rest.allSatisfy({ $0 == 0 }) {
                    // Trailing zero padding (tape and some writers) ends the stream.
                    return Members(output: output, consumed: input.count)
                }
                guard hasMagic(rest) || (allowIncomplete && rest.count < 2 && rest.first == 0x1F) else {
                    throw GzipError(message: "trailing data after gzip member at byte \(consumed)")
                }
                if rest.count < 2 { return Members(output: output, consumed: consumed) }
                inflateReset(&stream)
            case Z_OK:
                if stream.avail_in == 0 && stream.avail_out != 0 {
                    // Input exhausted mid-member.
                    if allowIncomplete {
                        output.removeSubrange(completeOutput...)
                        return Members(output: output, consumed: consumed)
                    }
                    throw GzipError(message: "truncated gzip stream")
                }
            case Z_BUF_ERROR:
                if allowIncomplete {
                    output.removeSubrange(completeOutput...)
                    return Members(output: output, consumed: consumed)
                }
                throw GzipError(message: "truncated gzip stream")
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw GzipError(message: "corrupt gzip: \(reason)")
            }
        }
    }

    public static func decompress(_ input: [UInt8], limit: Int) throws(GzipError) -> [UInt8] {
        let result = input.withUnsafeBytes { raw in
            Result { () throws(GzipError) in try decompress(raw, limit: limit).output }
        }
        return try result.get()
    }

    /// One gzip member of `input`, for fixtures, the demo's simulated
    /// CloudWatch Logs payloads and tests.
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        guard tg_deflate_init2(&stream, level, 15 + 16) == Z_OK else { return [] }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        var input = input
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = UInt32(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = UInt32(outBuffer.count)
                _ = deflate(&stream, Z_FINISH)
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        output.removeSubrange(written...)
        return output
    }
}
