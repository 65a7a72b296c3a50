/// `manifest.json` at an inventory's root (DESIGN §3): when the inventory
/// was captured, per cell where that differs. An event is judged against
/// these times, so a manifest must say when each file was fetched, not
/// when it was copied: a file's modification time says the latter.
public struct InventoryManifest: Sendable, Equatable {
    public static let fileName = "manifest.json"

    /// When collection started (ms since 1970): the time of every fact not
    /// filed under a cell of `cells`.
    public var capturedAt: Int64
    /// When each cell's files were fetched.
    public var cells: [CellKey: Int64]
    /// What wrote it ("trailgrid collect").
    public var tool: String?

    public init(capturedAt: Int64, cells: [CellKey: Int64] = [:], tool: String? = nil) {
        self.capturedAt = capturedAt
        self.cells = cells
        self.tool = tool
    }

    /// The capture time of a fact of `cell` (nil: an account's or the organization's).
    public func time(of cell: CellKey?) -> Int64 {
        cell.flatMap { cells[$0] } ?? capturedAt
    }

    /// Why a manifest cannot be used. A half-understood manifest is not
    /// used at all: mixing its times with the files' would date facts by
    /// two clocks.
    public struct Problem: Error, Sendable, Equatable {
        public var reason: String
    }

    public init(parsing document: JSONValue) throws(Problem) {
        guard case .object = document else { throw Problem(reason: "not a JSON object") }
        guard let text = document["capturedAt"]?.stringValue else {
            throw Problem(reason: "no \"capturedAt\" string (ISO-8601)")
        }
        guard let captured = Timestamp.parseMilliseconds(text) else {
            throw Problem(reason: "\"capturedAt\": \"\(text)\" is not an ISO-8601 time")
        }
        var cells: [CellKey: Int64] = [:]
        if let member = document["cells"], !member.isNull {
            guard let list = member.objectValue else { throw Problem(reason: "\"cells\" is not an object") }
            for item in list {
                let parts = item.key.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                    throw Problem(reason: "cell \"\(item.key)\" is not <account>/<region>")
                }
                guard let text = item.value.stringValue, let time = Timestamp.parseMilliseconds(text) else {
                    throw Problem(reason: "cell \"\(item.key)\": not an ISO-8601 time")
                }
                cells[CellKey(account: String(parts[0]), region: String(parts[1]))] = time
            }
        }
        self.init(capturedAt: captured, cells: cells, tool: document["tool"]?.stringValue)
    }

    /// The file's JSON, cells in grid order so two equal manifests are equal files.
    public var json: JSONValue {
        var members = [JSONMember("capturedAt", .string(Timestamp.iso8601(milliseconds: capturedAt)))]
        if !cells.isEmpty {
            members.append(JSONMember("cells", .object(cells.keys.sorted().map { cell in
                JSONMember(cell.description, .string(Timestamp.iso8601(milliseconds: cells[cell] ?? capturedAt)))
            })))
        }
        if let tool { members.append(JSONMember("tool", .string(tool))) }
        return .object(members)
    }
}
