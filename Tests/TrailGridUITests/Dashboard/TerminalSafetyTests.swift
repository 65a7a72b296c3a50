import Foundation
import Testing
import TrailGridCore
@testable import TrailGridUI

/// Event text is attacker-controlled (issue 8): escape sequences, C1
/// controls, bidi overrides and backspaces in any field go through the real
/// decoder into the dashboard, and no view lets one reach the Canvas (and so
/// the terminal). Wide and combining characters keep columns aligned.
@Suite struct TerminalSafetyTests {
    /// CSI, OSC (title and hyperlink), DCS, APC, C1 CSI and NEL, bidi overrides and isolates, backspaces, CR.
    static let payloads = [
        "\u{1B}[2J\u{1B}[31;1mred", "\u{1B}]0;owned\u{07}", "\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\",
        "\u{1B}P1;2|x\u{1B}\\", "\u{1B}_apc\u{1B}\\", "\u{9B}31m\u{85}\u{90}q\u{9C}", "\u{202E}evil\u{202C}\u{2066}x\u{2069}",
        "abc\u{8}\u{8}\u{8}xyz\r\n\t\u{7F}", "\u{1B}c\u{1B}(0\u{0}",
    ]
    static let hostile = payloads.joined(separator: " ")

    /// A real-shaped envelope whose attacker-controlled fields all hold `text`.
    static func hostileEvent(_ text: String, id: String) -> IngestedEvent? {
        let factory = DemoEventFactory()
        var random = SeededGenerator(seed: 7)
        let account = DashboardFixture.account("prod-web")
        var call = factory.call("AuthorizeSecurityGroupIngress", service: "ec2", account: account, region: "eu-west-1",
                                principal: "PRINCIPAL", userAgent: text, sourceIP: "SOURCEIP",
                                requestParameters: #"{"groupId":\#(JSONWriter.quoted(text))}"#, using: &random)
        call.eventID = id
        call.errorCode = "ERRORCODE"
        let quoted = JSONWriter.quoted(text)
        let record = factory.record(call, at: DashboardFixture.now)
            .replacingOccurrences(of: #""PRINCIPAL""#, with: JSONWriter.quoted("arn:aws:iam::\(account.id):user/" + text))
            .replacingOccurrences(of: #""SOURCEIP""#, with: quoted)
            .replacingOccurrences(of: #""ERRORCODE""#, with: quoted)
            .replacingOccurrences(of: #""User is not authorized to perform this operation""#, with: quoted)
        let envelope = factory.envelope(call, record: record, at: DashboardFixture.now, using: &random)
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(envelope.utf8)).first else { return nil }
        return IngestedEvent(event: decoded.event, watchMatches: DashboardFixture.matcher.matches(decoded))
    }

    static func expectClean(_ canvas: Canvas, _ view: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for cell in canvas.cells {
            for scalar in cell.symbol.unicodeScalars {
                let value = scalar.value
                let control = value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
                let bidi = (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) || value == 0x200E || value == 0x200F
                #expect(!control && !bidi, "\(view): U+\(String(value, radix: 16)) reached the canvas", sourceLocation: sourceLocation)
            }
        }
        #expect(canvas.lines.allSatisfy { DisplayWidth.of($0) == canvas.width }, "\(view): a line is not the screen's width",
                sourceLocation: sourceLocation)
    }

    @Test func everyViewStripsEscapesControlsAndBidi() throws {
        var state = DashboardFixture.state()
        let events = try Self.payloads.enumerated().map { index, text in
            try #require(Self.hostileEvent(text, id: "hostile-\(index)"), "payload \(index) did not decode")
        }
        let all = try #require(Self.hostileEvent(Self.hostile, id: "hostile-all"))
        #expect(all.event.userAgent?.contains("\u{1B}") == true, "the decoder keeps the text; only display sanitizes")
        _ = DashboardReducer.reduce(&state, .ingested(events + [all], IngestCounters()))

        Self.expectClean(DashboardView.render(state), "grid")
        _ = DashboardFixture.press([.enter], &state)
        Self.expectClean(DashboardView.render(state), "cell detail")
        _ = DashboardFixture.press([.escape, .tab], &state)
        Self.expectClean(DashboardView.render(state), "feed")
        #expect(DashboardFixture.screen(state).contains("owned") || DashboardFixture.screen(state).contains("red"))
        for _ in 0..<events.count + 1 {
            _ = DashboardFixture.press([.enter], &state)
            let detail = DashboardView.render(state)
            Self.expectClean(detail, "event detail")
            _ = DashboardFixture.press([.escape, .char("j")], &state)
        }
        _ = DashboardFixture.press([.char("?")], &state)
        Self.expectClean(DashboardView.render(state), "help")
    }

    /// The display column at which `needle` starts in `line`, if present.
    static func column(of needle: String, in line: String) -> Int? {
        line.range(of: needle).map { DisplayWidth.of(line[..<$0.lowerBound]) }
    }

    @Test func wideAndCombiningTextKeepsTheFeedAligned() throws {
        var state = DashboardFixture.state()
        let names = ["会計チーム-本番", "e\u{301}\u{301}\u{301}quipe", "👩‍👩‍👧‍👦 family", "plain-ascii", "ｆｕｌｌｗｉｄｔｈ"]
        let events = try names.enumerated().map { index, name in
            try #require(Self.hostileEvent(name, id: "wide-\(index)"))
        }
        _ = DashboardReducer.reduce(&state, .ingested(events, IngestCounters()))
        _ = DashboardFixture.press([.tab], &state)
        let canvas = DashboardView.render(state)
        Self.expectClean(canvas, "feed")
        let rows = canvas.lines.filter { $0.contains("AuthorizeSecurityGroupIngre") }
        #expect(rows.count >= names.count, "\(canvas.lines.joined(separator: "\n"))")
        // Columns before and after the wide principal and user agent start at the same place on every row.
        for needle in ["euw1", "AuthorizeSecurityGroupIngre", "security-group-changes"] {
            let columns = Set(rows.compactMap { Self.column(of: needle, in: $0) })
            #expect(columns.count == 1, "\(needle) starts at \(columns)")
        }
    }

    @Test func wideAccountNamesKeepTheGridAligned() {
        var inventory = Inventory()
        let names = ["会計チーム-本番", "e\u{301}quipe-prod", "plain", "👩‍👩‍👧 fam", "\u{1B}[2Jevil\u{202E}"]
        for (index, name) in names.enumerated() {
            inventory.addAccount(AccountInfo(id: String(100_000_000_000 + index), name: name, inOrganization: true))
        }
        let state = DashboardState(coverage: CoverageModel(inventory: inventory, watches: BuiltInWatches.all), watches: BuiltInWatches.all,
                                   organization: "wide", now: DashboardFixture.now, size: TerminalSize(columns: 160, rows: 45))
        let canvas = DashboardView.render(state)
        Self.expectClean(canvas, "grid")
        let rows = canvas.lines.filter { $0.contains("1000000000") }
        #expect(rows.count == names.count, "\(canvas.lines.joined(separator: "\n"))")
        // The label column (name, then id) is padded by display width: the first cell, and so every
        // cell after it, starts at the same column on every row.
        let cellColumns = Set(rows.compactMap { row in row.firstRange(of: #/1000000000\d\d +\S/#).map { DisplayWidth.of(row[..<$0.upperBound]) } })
        #expect(cellColumns.count == 1, "first cells at \(cellColumns)\n\(rows.joined(separator: "\n"))")
    }
}
