#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written or read.
public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    static func errno(_ path: String, _ action: String) -> FileError {
        FileError(path: path, message: "\(action): \(String(cString: strerror(Glibc.errno)))")
    }
}

/// Writes a whole file so that readers (and a restart after a crash or
/// power loss) see either the old content or the new, never a torn mix:
/// a temporary file in the same directory, fsync, rename over the target,
/// fsync of the directory.
public enum AtomicFile {
    /// - Parameter overwrite: when false, refuses to replace an existing file
    ///   (the check and the rename are one `link`, so a race cannot clobber it).
    /// - Parameter durable: fsync the file and its directory; only scratch
    ///   files that a crash may lose (the demo's inventory) skip it.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = true, durable: Bool = true) throws(FileError) {
        try write(bytes, to: path, overwrite: overwrite, durable: durable, failing: nil)
    }

    /// The steps after the temporary file exists, where a failure must
    /// still leave no partial file and no temporary file behind.
    enum Step: Sendable { case write, fsync, publish }

    /// `failing` makes one step fail as if the system call had (tests only:
    /// a full disk or an I/O error cannot be provoked on demand, least of all as root).
    static func write(_ bytes: [UInt8], to path: String, overwrite: Bool, durable: Bool, failing: Step?) throws(FileError) {
        let directory = parentDirectory(of: path)
        let temporary = "\(directory)/.\(baseName(of: path)).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .errno(path, "cannot create a temporary file in \(directory)") }
        var written = 0
        while written < bytes.count {
            let result = failing == .write ? -1 : bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if failing != .write && Glibc.errno == EINTR { continue }
                let error = failing == .write ? FileError(path: path, message: "write failed: injected") : FileError.errno(path, "write failed")
                close(fd)
                unlink(temporary)
                throw error
            }
            written += result
        }
        if failing == .fsync {
            close(fd)
            unlink(temporary)
            throw FileError(path: path, message: "fsync failed: injected")
        }
        if durable && fsync(fd) != 0 {
            let error = FileError.errno(path, "fsync failed")
            close(fd)
            unlink(temporary)
            throw error
        }
        close(fd)
        if failing == .publish {
            unlink(temporary)
            throw FileError(path: path, message: "rename failed: injected")
        }
        if overwrite {
            guard rename(temporary, path) == 0 else {
                let error = FileError.errno(path, "rename failed")
                unlink(temporary)
                throw error
            }
        } else {
            guard link(temporary, path) == 0 else {
                let error = Glibc.errno == EEXIST
                    ? FileError(path: path, message: "file exists (not overwritten)")
                    : FileError.errno(path, "cannot create")
                unlink(temporary)
                throw error
            }
            unlink(temporary)
        }
        let directoryFD = durable ? open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }

    public static func write(_ text: String, to path: String, overwrite: Bool = true, durable: Bool = true) throws(FileError) {
        try write(Array(text.utf8), to: path, overwrite: overwrite, durable: durable)
    }

    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let parent = String(path[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    static func baseName(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }
}

/// Reads a whole regular file (for small files: checkpoints, configs, fixtures).
public func readWholeFile(_ path: String, limit: Int = 256 << 20) throws(FileError) -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw .errno(path, "cannot open") }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw .errno(path, "cannot stat") }
    guard (info.st_mode & S_IFMT) == S_IFREG else { throw FileError(path: path, message: "not a regular file") }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 {
            if errno == EINTR { continue }
            throw .errno(path, "read failed")
        }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
        if bytes.count > limit { throw FileError(path: path, message: "larger than \(limit) bytes") }
    }
    return bytes
}
