import Foundation
import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// Where a collect writes before its inventory replaces `--out`: a hidden
/// directory beside it (same file system, so the final step is a rename).
/// A collect that fails or is interrupted leaves `--out` as it was — never
/// half an inventory, never an earlier run's files mixed with this one's —
/// and leaves the staging directory for `--resume`, which reuses the cells
/// it lists as finished in its progress file.
struct InventoryStaging {
    let out: String
    let path: String
    /// One line per finished cell (`<account>/<region> <ISO-8601>`) and per
    /// finished account (`<account> -`), appended as they finish.
    var progressPath: String { path + "/.trailgrid-progress" }
    /// What the run was asked for; a resume of other arguments starts over.
    var requestPath: String { path + "/.trailgrid-request" }
    /// One line per failed call, beside the files it left missing.
    static let errorsFileName = Inventory.collectErrorsFileName

    init(out: String) {
        var trimmed = out
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.out = trimmed
        let url = URL(fileURLWithPath: trimmed)
        path = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".collecting"
    }

    /// What a resumed run may reuse: finished cells with their capture times, finished accounts.
    struct Finished: Sendable {
        var cells: [CellKey: Int64] = [:]
        var accounts: Set<String> = []
    }

    /// Refuses an `--out` that holds something other than an inventory
    /// (replacing it would delete the user's files), then prepares the
    /// staging directory: emptied, or kept for `--resume` when the previous
    /// run was asked the same `request`.
    func prepare(resume: Bool, request: String) throws(FileError) -> Finished {
        try Self.checkReplaceable(out)
        let files = FileManager.default
        if resume, (try? String(contentsOfFile: requestPath, encoding: .utf8)) == request {
            return readFinished()
        }
        if files.fileExists(atPath: path) {
            do { try files.removeItem(atPath: path) } catch { throw FileError(path: path, message: "cannot remove: \(error.localizedDescription)") }
        }
        do {
            try files.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: path, message: "cannot create: \(error.localizedDescription)")
        }
        try AtomicFile.write(request, to: requestPath, durable: false)
        return Finished()
    }

    /// `--out` may be missing, empty, or an inventory an earlier collect
    /// wrote; anything else is refused before a single call.
    static func checkReplaceable(_ out: String) throws(FileError) {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: out, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw FileError(path: out, message: "exists and is not a directory") }
        let entries = (try? files.contentsOfDirectory(atPath: out)) ?? []
        let known: Set<String> = ["accounts.json", InventoryManifest.fileName, errorsFileName]
        let strangers = entries.filter { !known.contains($0) && !Self.isAccountID($0) }
        if !strangers.isEmpty {
            throw FileError(path: out, message: "holds \(strangers.sorted().prefix(3).joined(separator: ", ")), which is not an inventory; "
                            + "collect replaces the whole directory, so name an empty or new one")
        }
    }

    static func isAccountID(_ name: String) -> Bool {
        name.utf8.count == 12 && name.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    func readFinished() -> Finished {
        var finished = Finished()
        let text = (try? String(contentsOfFile: progressPath, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2 else { continue }
            let key = parts[0].split(separator: "/")
            if key.count == 2, let time = Timestamp.parseMilliseconds(String(parts[1])) {
                finished.cells[CellKey(account: String(key[0]), region: String(key[1]))] = time
            } else if key.count == 1 {
                finished.accounts.insert(String(key[0]))
            }
        }
        return finished
    }

    /// Appends one line to the progress file (O_APPEND: whole lines from concurrent finishers).
    func note(_ line: String) {
        let fd = open(progressPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
    }

    /// What every collect leaves beside its files: the manifest (when each
    /// cell was fetched) and, when calls failed, one line for each.
    func writeResults(manifest: InventoryManifest, failures: [String]) throws(FileError) {
        try AtomicFile.write(JSONWriter.serialize(manifest.json, indent: 2) + "\n", to: path + "/" + InventoryManifest.fileName, durable: false)
        if !failures.isEmpty {
            try AtomicFile.write(failures.joined(separator: "\n") + "\n", to: path + "/" + Self.errorsFileName, durable: false)
        }
    }

    /// Makes the staging directory the inventory at `out`: its bookkeeping
    /// files removed, everything flushed to disk, then renamed into place
    /// (the earlier inventory, if any, moved aside first and deleted after).
    func publish() throws(FileError) {
        let files = FileManager.default
        try? files.removeItem(atPath: progressPath)
        try? files.removeItem(atPath: requestPath)
        // The files were written without fsync one by one; one sync flushes them all before they become visible.
        sync()
        let aside = path + ".previous"
        try? files.removeItem(atPath: aside)
        if files.fileExists(atPath: out) {
            guard rename(out, aside) == 0 else { throw FileError(path: out, message: "cannot move aside: \(String(cString: strerror(errno)))") }
        }
        guard rename(path, out) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside, out)
            throw FileError(path: out, message: "cannot rename \(path) into place: \(reason)")
        }
        try? files.removeItem(atPath: aside)
    }
}
