#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One trailgrid per state file: an exclusive `flock` on a `-lock` file
/// beside it, holding the owner's pid for the message a second one prints.
///
/// A lock file of its own rather than the database: SQLite's own locks are
/// POSIX record locks, which closing any descriptor of the database file
/// would drop. The kernel releases a flock when its holder dies, so a
/// `kill -9` leaves nothing to clean up.
final class StateFileLock: Sendable {
    let path: String
    private let descriptor: Int32

    init(databasePath: String) throws(StateStoreError) {
        path = databasePath + "-lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .unwritable(path: path, detail: String(cString: strerror(errno)))
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(fd)
            close(fd)
            throw .locked(path: databasePath, holder: holder)
        }
        let text = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        descriptor = fd
    }

    deinit {
        close(descriptor)
    }

    private static func holder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        let digits = count > 0 ? buffer[..<count].filter { $0 >= 0x30 && $0 <= 0x39 } : []
        let text = String(decoding: digits, as: UTF8.self)
        return text.isEmpty ? "pid unknown" : "pid \(text)"
    }
}
