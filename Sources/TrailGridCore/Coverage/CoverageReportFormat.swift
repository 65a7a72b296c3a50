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

    /// A grid readable in `width` columns: one glyph per cell under vertical
    /// region codes, a legend and counts, then each distinct problem once
    /// (verdict, how many cells, where, why): an organization of 34,000 cells
    /// reads in a screen or two, and json or csv keeps one row per cell.
    public static func table(_ reports: [CellReport], attention: Set<Verdict>, width: Int = 80) -> String {
        var regions: [String] = []
        var seenRegions = Set<String>()
        var accounts: [(id: String, name: String?)] = []
        var seenAccounts = Set<String>()
        var byCell: [CellKey: CellReport] = [:]
        var regionsPerAccount: [String: Int] = [:]
        for report in reports {
            if seenRegions.insert(report.region).inserted { regions.append(report.region) }
            if seenAccounts.insert(report.account).inserted {
                accounts.append((report.account, report.accountName))
            }
            let key = CellKey(account: report.account, region: report.region)
            if byCell.updateValue(report, forKey: key) == nil { regionsPerAccount[report.account, default: 0] += 1 }
        }
        regions = AWSRegions.sorted(regions)
        // Names as long as they are, while the grid still fits the width.
        let longestID = accounts.map(\.id.count).max() ?? 12
        let longestName = accounts.compactMap { $0.name?.count }.max() ?? 0
        let nameWidth = min(longestName, max(10, width - longestID - 2 - regions.count))
        let labelWidth = longestID + (nameWidth > 0 ? 1 + nameWidth : 0) + 1
        var out = ""
        let codes = regions.map { Array(AWSRegions.shortCode($0)) }
        let height = codes.map(\.count).max() ?? 0
        for line in 0..<height {
            out += String(repeating: " ", count: labelWidth)
            out += String(codes.map { line < $0.count ? $0[line] : " " })
            out += "\n"
        }
        for account in accounts {
            var label = account.id + " " + cut(account.name ?? "", to: nameWidth)
            label += String(repeating: " ", count: max(0, labelWidth - label.count))
            out += label + String(regions.map { byCell[CellKey(account: account.id, region: $0)]?.verdict.glyph ?? " " }) + "\n"
        }
        out += "\n" + Verdict.allCases.map { "\($0.glyph) \($0.rawValue)" }.joined(separator: "  ") + "\n"
        var counts: [Verdict: Int] = [:]
        for report in reports { counts[report.verdict, default: 0] += 1 }
        out += Verdict.allCases.filter { counts[$0] != nil }.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  ")
        out += "  (\(accounts.count) accounts, \(regions.count) regions)\n"
        let groups = ProblemGroup.grouping(reports, attention: attention)
        if !groups.isEmpty {
            let flagged = groups.reduce(0) { $0 + $1.cells.count }
            out += "\n\(flagged) cell\(flagged == 1 ? "" : "s") need\(flagged == 1 ? "s" : "") attention, "
                + "\(groups.count) distinct problem\(groups.count == 1 ? "" : "s") (--format csv lists every cell):\n"
            var names: [String: String] = [:]
            for account in accounts { if let name = account.name { names[account.id] = name } }
            for group in groups {
                let cells = "\(group.cells.count) cell\(group.cells.count == 1 ? "" : "s")"
                out += "\n" + wrap("\(group.verdict.rawValue) in \(cells): \(group.whereText(regionsPerAccount: regionsPerAccount, names: names))",
                                  width: width, indent: "    ")
                out += wrap(group.reason, width: width - 4, indent: "").split(separator: "\n").map { "    \($0)\n" }.joined()
            }
        }
        return out
    }

    /// `text` in at most `width` characters, an ellipsis saying it was cut.
    static func cut(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(0, width - 1))) + "…"
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
