import Foundation
import Synchronization
import TrailGridCore

/// What the concurrent parts of a native collect share: the files they
/// write under the staging directory, each cell's capture time, and every
/// failed call with the whole of what AWS said, so that the rest of the
/// run goes on and the end says what is missing and why.
final class CollectRecorder: Sendable {
    let root: String
    let progress: CollectProgress
    private let state = Mutex(State())

    struct State {
        var failures: [String] = []
        var cellTimes: [CellKey: Int64] = [:]
    }

    init(root: String, progress: CollectProgress) {
        self.root = root
        self.progress = progress
    }

    var failures: [String] { state.withLock { $0.failures } }
    var cellTimes: [CellKey: Int64] { state.withLock { $0.cellTimes } }

    /// Writes `document` (pretty-printed, as the CLI prints) to `relativePath`.
    func write(_ document: JSONValue, to relativePath: String) {
        let path = root + "/" + relativePath
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            // Not fsynced one by one: the staging directory is flushed once before it is renamed into place.
            try AtomicFile.write(JSONWriter.serialize(document, indent: 4) + "\n", to: path, durable: false)
        } catch {
            record("\(relativePath): cannot write: \(error)")
        }
    }

    /// A cell's capture time: when its first call was made, so that an
    /// event after it may still change what its files say.
    func noteCell(_ cell: CellKey, at time: Int64) {
        state.withLock { $0.cellTimes[cell] = min($0.cellTimes[cell] ?? time, time) }
    }

    /// One failed call: `<file it would have written>: <service> <operation>: <code> (HTTP n): <message>`,
    /// on one line whatever the message holds.
    func record(_ failure: String) {
        let line = failure.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        state.withLock { $0.failures.append(line) }
        progress.failed(line)
    }
}
