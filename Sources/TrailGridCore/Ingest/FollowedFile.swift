#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file being read, and followed as `tail -F` follows it.
///
/// Plain files are read in chunks from the last consumed offset and framed
/// incrementally; an unfinished last value waits for its end. `.gz` files
/// (detected by their magic bytes) are read by whole gzip members: only
/// complete members are consumed, so a growing multi-member file is followed
/// too, and a checkpoint always lands on a member boundary.
final class FollowedFile {
    var path: String
    let identity: FileIdentity
    /// -1 once released: a one-shot read closes each file when done with it.
    private var fd: Int32
    private(set) var isGzip: Bool?
    /// First byte not yet consumed: the checkpoint offset.
    private(set) var consumed: Int
    /// Plain files: next byte to read; bytes in `buffer` start at `bufferBase`.
    private var readPosition: Int
    private var buffer = ReadBuffer()
    private var bufferBase: Int
    private var framer: RecordFramer
    /// `.gz` files: offset of the next member's output in the decompressed stream.
    private var decompressedBase = 0
    private var failedGzipAtSize: Int?
    let limits: DecodeLimits
    let chunkBytes: Int
    let maxRecordBytes: Int

    init(path: String, fd: Int32, identity: FileIdentity, offset: Int, limits: DecodeLimits, chunkBytes: Int, maxRecordBytes: Int) {
        self.path = path
        self.fd = fd
        self.identity = identity
        self.consumed = offset
        self.readPosition = offset
        self.bufferBase = offset
        self.limits = limits
        self.chunkBytes = chunkBytes
        self.maxRecordBytes = maxRecordBytes
        self.framer = RecordFramer(startingAt: offset, maxValueBytes: maxRecordBytes)
    }

    deinit { release() }

    /// Closes the descriptor of a file that will not be read again (a
    /// one-shot scan at its end), so a directory of more files than the
    /// process may open is read one file at a time. It keeps its position.
    func release() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    /// Bytes of decoded frames; `bytes` are valid only during the call.
    struct Step {
        var frames: [(frame: Frame, bytes: UnsafeRawBufferPointer)] = []
        var bytesRead = 0
    }

    /// Current size on disk, or nil when the descriptor cannot be stat'ed.
    func currentSize() -> Int? {
        guard fd >= 0 else { return nil }
        return try? fileStatus(fd: fd, path: path).get().size
    }

    /// Reads what is new and hands each complete frame to `body`.
    /// - Parameter final: the file will not grow any more (a one-shot scan,
    ///   or a followed file that was rotated away): unfinished data at the end
    ///   is reported instead of waited for.
    /// - Returns: bytes read, and whether more is waiting (call again).
    func poll(final: Bool, body: (Frame, UnsafeRawBufferPointer, _ base: Int) -> Void) -> (bytesRead: Int, more: Bool) {
        guard let size = currentSize() else { return (0, false) }
        if isGzip == nil {
            if size >= 2 || final {
                var magic: [UInt8] = [0, 0]
                let count = magic.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 2, 0) }
                isGzip = count == 2 && magic == [0x1F, 0x8B]
            } else {
                return (0, false)
            }
        }
        if isGzip == true { return pollGzip(size: size, final: final, body: body) }
        return pollPlain(size: size, final: final, body: body)
    }

    private func pollPlain(size: Int, final: Bool, body: (Frame, UnsafeRawBufferPointer, Int) -> Void) -> (bytesRead: Int, more: Bool) {
        if size < readPosition {
            // Truncated in place (`> file`, copytruncate): start again from the top.
            restart()
        }
        let want = min(chunkBytes, size - readPosition)
        var got = 0
        if want > 0 {
            let position = readPosition
            got = buffer.append(upTo: want) { start, room in pread(fd, start, room, off_t(position)) }
            readPosition += got
        }
        let atEnd = readPosition >= size
        let isFinal = final && atEnd
        if got == 0 && !isFinal { return (0, false) }
        buffer.withUnsafeBytes { raw in
            let frames = framer.frames(in: raw, base: bufferBase, final: isFinal)
            for frame in frames {
                let range: Range<Int>
                switch frame {
                case .value(let r): range = r
                case .garbage(let r, _): range = r
                }
                let lower = max(range.lowerBound, bufferBase) - bufferBase
                let upper = min(range.upperBound - bufferBase, raw.count)
                body(frame, UnsafeRawBufferPointer(rebasing: raw[lower..<max(lower, upper)]), range.lowerBound)
            }
        }
        let keepFrom = framer.retainFrom
        if keepFrom > bufferBase {
            let drop = min(keepFrom - bufferBase, buffer.count)
            if drop == buffer.count && atEnd {
                // Caught up: a followed file (rotated ones until deleted) holds no chunk-sized buffer while idle.
                buffer.release()
            } else {
                buffer.removeFirst(drop)
            }
            bufferBase = keepFrom
        }
        consumed = framer.resumableOffset
        return (got, !atEnd)
    }

    private func pollGzip(size: Int, final: Bool, body: (Frame, UnsafeRawBufferPointer, Int) -> Void) -> (bytesRead: Int, more: Bool) {
        if size < consumed { restart() }
        guard size > consumed, failedGzipAtSize != size else { return (0, false) }
        let want = size - consumed
        let origin = consumed
        guard want <= limits.maxDecompressedBytes else {
            failedGzipAtSize = size
            reportGzipFailure("compressed data larger than \(limits.maxDecompressedBytes) bytes", at: origin, size: size, body: body)
            return (0, false)
        }
        var compressed = [UInt8](repeating: 0, count: want)
        let got = compressed.withUnsafeMutableBytes { pread(fd, $0.baseAddress, want, off_t(origin)) }
        guard got == want else { return (0, false) }
        let inflated = compressed.withUnsafeBytes { raw in
            Result { () throws(GzipError) in
                try Gzip.decompress(raw, limit: limits.maxDecompressedBytes, allowIncomplete: !final)
            }
        }
        let members: Gzip.Members
        switch inflated {
        case .success(let result):
            members = result
        case .failure(let error):
            failedGzipAtSize = size
            reportGzipFailure(error.message, at: origin, size: size, body: body)
            return (got, false)
        }
        guard members.consumed > 0 else { return (got, false) }
        var memberFramer = RecordFramer(startingAt: decompressedBase, maxValueBytes: maxRecordBytes)
        members.output.withUnsafeBytes { raw in
            for frame in memberFramer.frames(in: raw, base: decompressedBase, final: true) {
                let range: Range<Int>
                switch frame {
                case .value(let r): range = r
                case .garbage(let r, _): range = r
                }
                let lower = range.lowerBound - decompressedBase
                let upper = min(range.upperBound - decompressedBase, raw.count)
                body(frame, UnsafeRawBufferPointer(rebasing: raw[lower..<upper]), range.lowerBound)
            }
        }
        decompressedBase += members.output.count
        consumed = origin + members.consumed
        return (got, false)
    }

    /// A broken gzip file is one refused record for the rest of the file;
    /// it is not retried until the file changes.
    private func reportGzipFailure(_ message: String, at offset: Int, size: Int, body: (Frame, UnsafeRawBufferPointer, Int) -> Void) {
        let kind = message.contains("limit") || message.contains("larger") ? "too large" : "bad gzip"
        [UInt8]().withUnsafeBytes { empty in
            body(.garbage(offset..<size, reason: "\(kind): \(message)"), empty, offset)
        }
        consumed = size
    }

    private func restart() {
        consumed = 0
        readPosition = 0
        buffer.release()
        bufferBase = 0
        decompressedBase = 0
        failedGzipAtSize = nil
        framer = RecordFramer(startingAt: 0, maxValueBytes: maxRecordBytes)
    }

    /// Opens `path` for reading, refusing what cannot be a feed.
    static func open(path: String) -> Result<(fd: Int32, status: FileStatus), FileError> {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.errno(path, "cannot open")) }
        switch fileStatus(fd: fd, path: path) {
        case .failure(let error):
            close(fd)
            return .failure(error)
        case .success(let status):
            guard status.kind == .regular else {
                close(fd)
                return .failure(FileError(path: path, message: "not a regular file"))
            }
            return .success((fd, status))
        }
    }
}
