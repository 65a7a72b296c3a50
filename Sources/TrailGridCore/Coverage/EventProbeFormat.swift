/// The headless renderings of an event probe (`trailgrid probe`).
public enum EventProbeFormat {
    /// One JSON array, one judged cell per line: account, accountName,
    /// region, reaches (true, false, or null when not verified), stops
    /// (where and why, naming the hop; null when it reaches), and the hops.
    public static func json(_ result: EventProbeResult) -> String {
        guard !result.outcomes.isEmpty else { return "[]\n" }
        let lines = result.outcomes.map { outcome -> String in
            let hops = outcome.chain.hops.map { hop in
                JSONValue.object([
                    JSONMember("hop", .string(hop.step.label)),
                    JSONMember("state", .string(hop.state.rawValue)),
                    JSONMember("note", .string(hop.note)),
                ])
            }
            return JSONWriter.serialize(.object([
                JSONMember("account", .string(outcome.account)),
                JSONMember("accountName", outcome.accountName.map(JSONValue.string) ?? .null),
                JSONMember("region", .string(outcome.region)),
                JSONMember("event", .string(result.event)),
                JSONMember("reaches", outcome.reaches.map(JSONValue.bool) ?? .null),
                JSONMember("stops", outcome.stops.map(JSONValue.string) ?? .null),
                JSONMember("hops", .array(hops)),
            ]))
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    /// A summary line, then every cell it does not reach with where it
    /// stops, then how many cells were not judged and why (grouped).
    public static func table(_ result: EventProbeResult) -> String {
        let reached = result.outcomes.filter { $0.reach == .reaches }.count
        let unverified = result.outcomes.filter { $0.reach == .unverified }.count
        let stopped = result.outcomes.count - reached - unverified
        var out = "\(result.event): reaches a sink from \(reached) of \(result.outcomes.count) cells"
            + " (\(stopped) stop, \(unverified) not verified)\n"
        let width = result.outcomes.map { label($0).count }.max() ?? 0
        for outcome in result.outcomes where outcome.reach != .reaches {
            let mark = outcome.reach == .stops ? "✗" : "?"
            let name = label(outcome)
            out += "\(mark) \(name)\(String(repeating: " ", count: width - name.count))  \(outcome.stops ?? "")\n"
        }
        var groups: [(why: String, count: Int)] = []
        for entry in result.notJudged {
            if let index = groups.firstIndex(where: { $0.why == entry.why }) { groups[index].count += 1 } else { groups.append((entry.why, 1)) }
        }
        for group in groups {
            out += "  \(group.count) cell\(group.count == 1 ? "" : "s") not judged: \(group.why)\n"
        }
        return out
    }

    static func label(_ outcome: EventProbeCell) -> String {
        "\(outcome.account) \(outcome.accountName.map { "(\($0)) " } ?? "")\(outcome.region)"
    }
}
