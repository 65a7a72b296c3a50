#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat` says about a path, in the terms the ingester needs.
public struct FileStatus: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case regular, directory, other }
    public var kind: Kind
    public var identity: FileIdentity
    public var size: Int
}

public func fileExists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
}

/// Removes a file, ignoring failure: for cleaning up after a failed step.
public func unlinkFile(_ path: String) {
    _ = unlink(path)
}

/// `stat` of `path` (following symlinks), or the reason it failed.
public func fileStatus(_ path: String) -> Result<FileStatus, FileError> {
    var info = stat()
    guard stat(path, &info) == 0 else { return .failure(.errno(path, "cannot stat")) }
    return .success(FileStatus(info))
}

public func fileStatus(fd: Int32, path: String) -> Result<FileStatus, FileError> {
    var info = stat()
    guard fstat(fd, &info) == 0 else { return .failure(.errno(path, "cannot stat")) }
    return .success(FileStatus(info))
}

extension FileStatus {
    init(_ info: stat) {
        let type = info.st_mode & S_IFMT
        kind = type == S_IFREG ? .regular : (type == S_IFDIR ? .directory : .other)
        identity = FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        size = Int(info.st_size)
    }
}

/// Regular files under `directory`, recursively, sorted by path; hidden
/// entries (dot files: checkpoints, temporary files) are skipped.
public func regularFiles(under directory: String) -> [String] {
    var result: [String] = []
    var pending = [directory]
    while let current = pending.popLast() {
        guard let handle = opendir(current) else { continue }
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name.hasPrefix(".") { continue }
            let path = current.hasSuffix("/") ? current + name : current + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: result.append(path)
            case S_IFDIR: pending.append(path)
            default: continue
            }
        }
        closedir(handle)
    }
    return result.sorted()
}
