/// The headless renderings of a grid of cell reports (`trailgrid check`).
public enum CoverageReportFormat {
    /// One JSON array, one cell object per line: account, accountName,
    /// region, verdict, trail, rules (watch → word, in watch order),
    /// unrecorded, trails, reason.
    public static func json(_ reports: [CellReport], watchOrder: [String]) -> String {
        guard !reports.isEmpty else { return "[]\n" }
        let lines = reports.map { report -> String in
            var members: [JSONMember] = [
                JSONMember("account", .string(report.account)),
                JSONMember("accountName", report.accountName.map(JSONValue.string) ?? .null),
                JSONMember("region", .string(report.region)),
                JSONMember("verdict", .string(report.verdict.rawValue)),
                JSONMember("trail", .string(report.trail.rawValue)),
            ]
            let rules = watchOrder.compactMap { name in report.rules[name].map { JSONMember(name, .string($0.rawValue)) } }
            members.append(JSONMember("rules", .object(rules)))
            members.append(JSONMember("unrecorded", .array(report.unrecorded.map(JSONValue.string))))
            members.append(JSONMember("trails", .array(report.trails.map(JSONValue.string))))
            members.append(JSONMember("reason", .string(report.reason)))
            return JSONWriter.serialize(.object(members))
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]\n"
    }

    public static let csvHeader = ["account", "accountName", "region", "verdict", "trail", "rules", "reason"]

    /// CSV with the JSON's columns; `rules` is `watch=word` pairs joined by `; `.
    public static func csv(_ reports: [CellReport], watchOrder: [String]) -> String {
        var out = CSVWriter.row(csvHeader)
        for report in reports {
            let rules = watchOrder.compactMap { name in report.rules[name].map { "\(name)=\($0.rawValue)" } }.joined(separator: "; ")
            out += CSVWriter.row([report.account, report.accountName ?? "", report.region, report.verdict.rawValue,
                                  report.trail.rawValue, rules, report.reason])
        }
        return out
    }

    /// A grid readable in 80 columns: one glyph per cell under vertical region
    /// codes, a legend and counts, then each cell that needs attention with its reason.
    public static func table(_ reports: [CellReport], attention: Set<Verdict>, width: Int = 80) -> String {
        var regions: [String] = []
        var seenRegions = Set<String>()
        var accounts: [(id: String, name: String?)] = []
        var seenAccounts = Set<String>()
        var byCell: [CellKey: CellReport] = [:]
        for report in reports {
            if seenRegions.insert(report.region).inserted { regions.append(report.region) }
            if seenAccounts.insert(report.account).inserted {
                accounts.append((report.account, report.accountName))
            }
            byCell[CellKey(account: report.account, region: report.region)] = report
        }
        regions = AWSRegions.sorted(regions)
        let labelWidth = 24
        var out = ""
        let codes = regions.map { Array(AWSRegions.shortCode($0)) }
        let height = codes.map(\.count).max() ?? 0
        for line in 0..<height {
            out += String(repeating: " ", count: labelWidth)
            out += String(codes.map { line < $0.count ? $0[line] : " " })
            out += "\n"
        }
        for account in accounts {
            let name = account.name.map { String($0.prefix(labelWidth - 14)) } ?? ""
            var label = account.id + " " + name
            label += String(repeating: " ", count: max(0, labelWidth - label.count))
            out += label + String(regions.map { byCell[CellKey(account: account.id, region: $0)]?.verdict.glyph ?? " " }) + "\n"
        }
        out += "\n" + Verdict.allCases.map { "\($0.glyph) \($0.rawValue)" }.joined(separator: "  ") + "\n"
        var counts: [Verdict: Int] = [:]
        for report in reports { counts[report.verdict, default: 0] += 1 }
        out += Verdict.allCases.filter { counts[$0] != nil }.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  ")
        out += "  (\(accounts.count) accounts, \(regions.count) regions)\n"
        let flagged = reports.filter { attention.contains($0.verdict) }.sorted { ($0.verdict, $0.account, $0.region) < ($1.verdict, $1.account, $1.region) }
        if !flagged.isEmpty {
            out += "\nCells needing attention:\n"
            for report in flagged {
                out += wrap("\(report.account) \(report.region) \(report.verdict.rawValue): \(report.reason)", width: width, indent: "    ")
            }
        }
        return out
    }

    /// Wraps at spaces; continuation lines are indented.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let prefix = lines.isEmpty ? "" : indent
            if !current.isEmpty && prefix.count + current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        lines.append(current)
        return lines.enumerated().map { ($0.offset == 0 ? "" : indent) + $0.element }.joined(separator: "\n") + "\n"
    }
}
