/// Incidents as JSON: what `trailgrid incidents --format json` prints and
/// what a state store keeps, one shape for both so neither can drift.
extension Incident {
    public var json: JSONValue {
        func verdicts(_ map: [CellKey: Verdict]) -> JSONValue {
            .object(cells.compactMap { cell in map[cell].map { JSONMember(cell.description, .string($0.rawValue)) } })
        }
        return .object([
            JSONMember("id", .string(id)),
            JSONMember("time", .string(eventTime)),
            JSONMember("timeMs", time.map { .integer($0) } ?? .null),
            JSONMember("eventName", .string(eventName)),
            JSONMember("principal", .string(principal)),
            JSONMember("sourceIPAddress", sourceIPAddress.map(JSONValue.string) ?? .null),
            JSONMember("account", .string(account)),
            JSONMember("region", .string(region)),
            JSONMember("summary", .string(summary)),
            JSONMember("cells", .array(cells.map { .string($0.description) })),
            JSONMember("before", verdicts(before)),
            JSONMember("after", verdicts(after)),
            JSONMember("openedAt", .string(Timestamp.iso8601(milliseconds: openedAt))),
            JSONMember("openedAtMs", .integer(openedAt)),
            JSONMember("acknowledged", .bool(isAcknowledged)),
            JSONMember("acknowledgedBy", acknowledgedBy.map(JSONValue.string) ?? .null),
            JSONMember("acknowledgedAt", acknowledgedAt.map { .string(Timestamp.iso8601(milliseconds: $0)) } ?? .null),
            JSONMember("acknowledgedAtMs", acknowledgedAt.map { .integer($0) } ?? .null),
        ])
    }

    /// Reads what `json` wrote; nil when a required member is missing.
    public init?(json value: JSONValue) {
        func int(_ key: String) -> Int64? { value[key]?.numberValue.flatMap { Int64($0.text) } }
        func cell(_ text: String) -> CellKey? {
            let parts = text.split(separator: "/", maxSplits: 1)
            return parts.count == 2 ? CellKey(account: String(parts[0]), region: String(parts[1])) : nil
        }
        func verdicts(_ key: String) -> [CellKey: Verdict] {
            var map: [CellKey: Verdict] = [:]
            for member in value[key]?.objectValue ?? [] {
                if let key = cell(member.key), let verdict = member.value.stringValue.flatMap(Verdict.init(rawValue:)) { map[key] = verdict }
            }
            return map
        }
        guard let id = value["id"]?.stringValue, let eventName = value["eventName"]?.stringValue,
              let openedAt = int("openedAtMs") else { return nil }
        self.init(
            id: id, time: int("timeMs"), eventTime: value["time"]?.stringValue ?? "", eventName: eventName,
            principal: value["principal"]?.stringValue ?? "", sourceIPAddress: value["sourceIPAddress"]?.stringValue,
            account: value["account"]?.stringValue ?? "", region: value["region"]?.stringValue ?? "",
            summary: value["summary"]?.stringValue ?? "",
            cells: (value["cells"]?.arrayValue ?? []).compactMap { $0.stringValue.flatMap(cell) },
            before: verdicts("before"), after: verdicts("after"), openedAt: openedAt,
            acknowledgedBy: value["acknowledgedBy"]?.stringValue, acknowledgedAt: int("acknowledgedAtMs")
        )
    }
}
