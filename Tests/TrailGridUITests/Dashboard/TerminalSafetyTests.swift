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

    /// Where an event's account and region come from, each hostile in turn:
    /// the envelope (with the record's copies), a bare record's
    /// `recipientAccountId` and `awsRegion`, or a record with only
    /// `userIdentity.accountId`.
    enum AccountSource: CaseIterable { case envelope, recipientAccountId, identityAccountId }

    /// An AuthorizeSecurityGroupIngress (which a watch matches, so it reaches
    /// the feed) whose account id and region are `account` and `region`.
    static func hostileCell(account: String, region: String, from source: AccountSource, id: String) -> IngestedEvent? {
        let factory = DemoEventFactory()
        var random = SeededGenerator(seed: 5)
        var owner = DashboardFixture.account("prod-web")
        owner.id = "ACCOUNTID"
        var call = factory.call("AuthorizeSecurityGroupIngress", service: "ec2", account: owner, region: "REGIONCODE",
                                principal: "arn:aws:sts::ACCOUNTID:assumed-role/Admin/alice", userAgent: "aws-cli",
                                sourceIP: "203.0.113.9", requestParameters: "null", using: &random)
        call.eventID = id
        var record = factory.record(call, at: DashboardFixture.now)
        var text = source == .envelope ? factory.envelope(call, record: record, at: DashboardFixture.now, using: &random) : record
        if source == .identityAccountId {
            record = record.replacingOccurrences(of: #","recipientAccountId":"ACCOUNTID""#, with: "")
            text = record
        }
        text = text.replacingOccurrences(of: #""ACCOUNTID""#, with: JSONWriter.quoted(account))
            .replacingOccurrences(of: "ACCOUNTID", with: "123456789012")  // inside the ARN
            .replacingOccurrences(of: #""REGIONCODE""#, with: JSONWriter.quoted(region))
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(text.utf8)).first else { return nil }
        return IngestedEvent(event: decoded.event, watchMatches: DashboardFixture.matcher.matches(decoded))
    }

    /// Hostile account ids and regions, and what each must look like once
    /// sanitized: markers the test looks for on screen, so it knows each
    /// hostile value was drawn, whole, and hid nothing drawn after it. Some
    /// end in an unterminated sequence, which swallows the rest of its own
    /// value, and must swallow nothing else.
    static let hostileAccounts: [(raw: String, shown: String)] = [
        ("66\u{1B}[2J\u{1B}]0;owned\u{07}6677\u{9B}31m\u{202E}88", "66667788"),
        ("91\u{1B}P1;2|x\u{1B}\\92\u{8}\u{2066}93\u{85}\u{1B}]0;", "9192␈93\u{FFFD}"),
        ("\u{1B}]8;;http://evil\u{1B}\\44\u{1B}]8;;\u{1B}\\4455", "444455"),
    ]
    /// Short codes split the name on `-`: `code` is the sanitized name's.
    static let hostileRegions: [(raw: String, shown: String, code: String)] = [
        ("eu\u{1B}[31m-evil\u{8}-9", "eu-evil␈-9", "euev9"),
        ("zz\u{1B}]0;t\u{07}-\u{202E}west-\u{9B}2J7", "zz-west-7", "zzw7"),
        ("qq-\u{1B}Pdcs\u{1B}\\north-1\u{1B}Ptail", "qq-north-1", "qqn1"),
    ]

    @Test func hostileAccountIdsAndRegionsNeverReachTheCanvas() throws {
        var state = DashboardFixture.state()
        var events: [IngestedEvent] = []
        for (index, source) in AccountSource.allCases.enumerated() {
            let account = Self.hostileAccounts[index].raw
            let region = Self.hostileRegions[index].raw
            let event = try #require(Self.hostileCell(account: account, region: region, from: source, id: "cell-\(index)"),
                                     "\(source) did not decode")
            #expect(event.event.account == account && event.event.awsRegion == region,
                    "\(source): the decoder keeps the text; only display sanitizes")
            #expect(!event.watchMatches.isEmpty, "\(source): the event must reach the feed")
            events.append(event)
        }
        _ = DashboardReducer.reduce(&state, .ingested(events, IngestCounters()))
        for (account, region) in zip(Self.hostileAccounts, Self.hostileRegions) {
            #expect(state.allAccounts.contains(account.raw) && state.allRegions.contains(region.raw))
        }

        // The grid: scrolled to the last rows and columns, where the new accounts and regions are.
        _ = DashboardFixture.press([.char("G")] + Array(repeating: .char("l"), count: state.allRegions.count), &state)
        var canvas = DashboardView.render(state)
        Self.expectClean(canvas, "grid")
        var screen = canvas.lines.joined(separator: "\n")
        for account in Self.hostileAccounts { #expect(screen.contains(account.shown), "grid row label for \(account.shown)\n\(screen)") }
        for region in Self.hostileRegions {
            #expect(screen.contains(String(region.code.prefix(GridView.cellWidth - 1))), "grid column label for \(region.code)\n\(screen)")
        }
        Self.expectClean(DashboardView.render(state), "header")

        // Transposed: regions down (full names), accounts across.
        _ = DashboardFixture.press([.char("x"), .char("G")] + Array(repeating: .char("l"), count: state.allAccounts.count), &state)
        canvas = DashboardView.render(state)
        Self.expectClean(canvas, "transposed grid")
        screen = canvas.lines.joined(separator: "\n")
        for account in Self.hostileAccounts {
            #expect(screen.contains(String(account.shown.prefix(GridView.cellWidth - 1))), "transposed column label for \(account.shown)\n\(screen)")
        }
        for region in Self.hostileRegions { #expect(screen.contains(region.shown), "transposed row label \(region.shown)\n\(screen)") }
        _ = DashboardFixture.press([.enter], &state)
        Self.expectClean(DashboardView.render(state), "cell detail under the cursor")
        _ = DashboardFixture.press([.escape, .char("x")], &state)

        // Every cell of a hostile account or region, opened.
        for account in state.allAccounts {
            for region in state.allRegions {
                let cell = CellKey(account: account, region: region)
                guard Self.hostileAccounts.contains(where: { $0.raw == account }) || Self.hostileRegions.contains(where: { $0.raw == region })
                else { continue }
                state.overlay = .cell(cell)
                state.overlayScroll = 0
                Self.expectClean(DashboardView.render(state), "cell detail of \(cell)")
            }
        }
        state.overlay = nil
        for (account, region) in zip(Self.hostileAccounts, Self.hostileRegions) {
            state.overlay = .cell(CellKey(account: account.raw, region: region.raw))
            screen = DashboardFixture.screen(state)
            #expect(screen.contains("cell \(account.shown) \(region.shown)  (Esc closes"), "cell detail title\n\(screen)")
            #expect(screen.contains("\(account.shown)  \(region.shown)"), "cell detail names the cell\n\(screen)")
        }
        state.overlay = nil

        // The feed, and each event's detail.
        _ = DashboardFixture.press([.tab], &state)
        canvas = DashboardView.render(state)
        Self.expectClean(canvas, "feed")
        screen = canvas.lines.joined(separator: "\n")
        // Each row: the region's short code, then the account, in their columns.
        for (account, region) in zip(Self.hostileAccounts, Self.hostileRegions) {
            let row = region.code.padding(6) + " " + account.shown
            #expect(screen.contains(row), "feed row \(row)\n\(screen)")
        }
        for _ in events {
            _ = DashboardFixture.press([.enter], &state)
            canvas = DashboardView.render(state)
            Self.expectClean(canvas, "event detail")
            screen = canvas.lines.joined(separator: "\n")
            let named = zip(Self.hostileAccounts, Self.hostileRegions).contains { account, region in
                screen.contains("AuthorizeSecurityGroupIngress in \(region.shown) of \(account.shown) (\(account.shown))")
            }
            #expect(named, "event detail names the region and account\n\(screen)")
            _ = DashboardFixture.press([.escape, .char("j")], &state)
        }
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
