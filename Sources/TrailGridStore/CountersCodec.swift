import TrailGridCore

/// The ingest counters as a JSON object in the state file's `meta` table.
enum CountersCodec {
    static func encode(_ counters: IngestCounters) -> String {
        let rejected = RejectKind.allCases.compactMap { kind in counters.rejectedByKind[kind].map { JSONMember(kind.rawValue, .integer($0)) } }
        let skipped = SkipReason.allCases.compactMap { reason in counters.skippedByReason[reason].map { JSONMember(reason.rawValue, .integer($0)) } }
        return JSONWriter.serialize(.object([
            JSONMember("accepted", .integer(counters.accepted)),
            JSONMember("duplicate", .integer(counters.duplicate)),
            JSONMember("skipped", .integer(counters.skipped)),
            JSONMember("rejected", .integer(counters.rejected)),
            JSONMember("rejectedByKind", .object(rejected)),
            JSONMember("skippedByReason", .object(skipped)),
            JSONMember("bytesRead", .integer(counters.bytesRead)),
        ]))
    }

    static func decode(_ text: String) -> IngestCounters? {
        guard let value = try? JSONParser.parse(text) else { return nil }
        func int(_ member: JSONValue?) -> Int { member?.numberValue.flatMap { Int($0.text) } ?? 0 }
        var counters = IngestCounters()
        counters.accepted = int(value["accepted"])
        counters.duplicate = int(value["duplicate"])
        counters.skipped = int(value["skipped"])
        counters.rejected = int(value["rejected"])
        counters.bytesRead = int(value["bytesRead"])
        for member in value["rejectedByKind"]?.objectValue ?? [] {
            if let kind = RejectKind(rawValue: member.key) { counters.rejectedByKind[kind] = int(member.value) }
        }
        for member in value["skippedByReason"]?.objectValue ?? [] {
            if let reason = SkipReason(rawValue: member.key) { counters.skippedByReason[reason] = int(member.value) }
        }
        return counters
    }

    static func strings(_ list: [String]) -> String {
        JSONWriter.serialize(.array(list.map(JSONValue.string)))
    }

    static func strings(_ text: String) -> [String] {
        ((try? JSONParser.parse(text))?.arrayValue ?? []).compactMap(\.stringValue)
    }

    static func numbers(_ list: [Int64]) -> String {
        JSONWriter.serialize(.array(list.map { .integer($0) }))
    }

    static func numbers(_ text: String) -> [Int64] {
        ((try? JSONParser.parse(text))?.arrayValue ?? []).compactMap { $0.numberValue.flatMap { Int64($0.text) } }
    }
}
