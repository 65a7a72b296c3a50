#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered whole writes to a file descriptor: output is written once per
/// batch, so a checkpoint taken after the write matches what is on disk.
enum StandardStreams {
    static func write(_ text: String, to fd: Int32 = 1) {
        var bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if result < 0 {
                if errno == EINTR { continue }
                return
            }
            written += result
        }
    }

    static func error(_ line: String) {
        write(line + "\n", to: 2)
    }

    /// Size of stdout when it is a regular file (redirected), else nil.
    static func outputFileSize() -> Int? {
        var info = stat()
        guard fstat(1, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(info.st_size)
    }

    /// Cuts stdout (a regular file) back to `size` and continues writing
    /// there, whether the shell opened it with `>>` or at offset 0.
    static func continueOutput(at size: Int) {
        _ = ftruncate(1, off_t(size))
        _ = lseek(1, off_t(size), SEEK_SET)
    }
}
