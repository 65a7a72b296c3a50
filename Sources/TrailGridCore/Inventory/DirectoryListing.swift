#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One entry of a directory.
struct DirectoryEntry: Sendable, Equatable {
    var name: String
    var isDirectory: Bool
}

/// The visible entries of `path`, sorted by name; nil when it is not a readable directory.
func directoryEntries(_ path: String) -> [DirectoryEntry]? {
    guard let handle = opendir(path) else { return nil }
    defer { closedir(handle) }
    var entries: [DirectoryEntry] = []
    while let entry = readdir(handle) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        var info = stat()
        guard stat(path + "/" + name, &info) == 0 else { continue }
        entries.append(DirectoryEntry(name: name, isDirectory: (info.st_mode & S_IFMT) == S_IFDIR))
    }
    return entries.sorted { $0.name < $1.name }
}

func isDirectory(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
}

/// When `path` was last modified (ms since 1970): without a manifest, the
/// closest thing to when its content was fetched.
func modificationTime(_ path: String) -> Int64? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    #if canImport(Darwin)
    let time = info.st_mtimespec
    #else
    let time = info.st_mtim
    #endif
    return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
}
