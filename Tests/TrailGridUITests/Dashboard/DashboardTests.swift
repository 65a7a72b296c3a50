import Foundation
import Testing
import TrailGridCore
@testable import TrailGridUI

@Suite struct DashboardRenderTests {
    @Test func firstScreenShowsCountsGridAndAnEmptyFeed() {
        let state = DashboardFixture.state()
        let screen = DashboardFixture.screen(state)
        let counts = state.verdictCounts
        #expect(screen.contains("OK \(counts[.ok] ?? -1)"))
        #expect(screen.contains("DARK \(counts[.dark] ?? -1)"))
        #expect(screen.contains("STOPPED \(counts[.stopped] ?? -1)"))
        #expect(screen.contains("prod-payments \(DashboardFixture.account("prod-payments").id)"))
        #expect(screen.contains("use1  use2  usw1"))
        #expect(screen.contains("waiting for events that match a watch"))
        #expect(screen.contains("? F1 help"))
    }

    @Test func verdictCellsUseTheirGlyphs() {
        let state = DashboardFixture.state()
        let lines = DashboardView.render(state).lines
        let sandbox = lines.first { $0.contains("dev-sandbox") } ?? ""
        #expect(sandbox.contains("○"))   // DARK: no trail at all
        let research = lines.first { $0.contains("ml-research") } ?? ""
        #expect(research.contains("■"))  // STOPPED
    }

    @Test(arguments: [(79, 24), (80, 23), (40, 10), (0, 0), (1, 1)])
    func smallTerminalsGetAClearMessage(columns: Int, rows: Int) {
        let state = DashboardFixture.state(columns: columns, rows: rows)
        let canvas = DashboardView.render(state)
        #expect(canvas.width == columns && canvas.height == rows)
        if columns >= 30 && rows >= 3 {
            #expect(canvas.lines.joined().lowercased().contains("too small"))
        }
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func everyLineFitsTheScreen(columns: Int, rows: Int) {
        var state = DashboardFixture.state(columns: columns, rows: rows)
        _ = DashboardReducer.reduce(&state, .ingested([DashboardFixture.event("AuthorizeSecurityGroupIngress")], IngestCounters()))
        let canvas = DashboardView.render(state)
        #expect(canvas.lines.count == rows)
        #expect(canvas.lines.allSatisfy { DisplayWidth.of($0) == columns })
    }

    @Test func hostileEventTextNeverReachesTheCanvas() throws {
        var state = DashboardFixture.state()
        let hostile = "curl \u{1B}]0;owned\u{07}\u{1B}[2J\u{1B}P1;2|x\u{1B}\\ \u{9B}31m\u{202E}evil\u{8}\u{8}"
        let item = DashboardFixture.event("AuthorizeSecurityGroupIngress", userAgent: hostile)
        _ = DashboardReducer.reduce(&state, .ingested([item], IngestCounters()))
        _ = DashboardFixture.press([.tab, .enter], &state)  // the event detail shows the user agent in full
        let canvas = DashboardView.render(state)
        #expect(canvas.lines.joined().contains("userAgent"))
        for line in canvas.lines {
            for scalar in line.unicodeScalars {
                #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80...0x9F).contains(scalar.value), "control U+\(String(scalar.value, radix: 16))")
                #expect(!(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value))
            }
        }
        #expect(!canvas.lines.joined().contains("]0;owned\u{07}"))
    }
}

@Suite struct DashboardReducerTests {
    @Test func matchedEventsEnterTheFeedNewestFirstAndBothChannelsAreOneRow() {
        var state = DashboardFixture.state()
        let trail = DashboardFixture.event("AuthorizeSecurityGroupIngress", channel: .trail, id: "e-1")
        let realtime = DashboardFixture.event("AuthorizeSecurityGroupIngress", channel: .realtime, id: "e-1")
        let other = DashboardFixture.event("CreateRoute", id: "e-2")
        let unmatched = DashboardFixture.event("DescribeInstances", id: "e-3")
        _ = DashboardReducer.reduce(&state, .ingested([trail, other, unmatched], IngestCounters()))
        _ = DashboardReducer.reduce(&state, .ingested([realtime], IngestCounters()))
        #expect(state.feed.map(\.id) == ["e-2", "e-1"])
        #expect(state.feed[1].channels == [.trail, .realtime])
        let screen = DashboardFixture.screen(state)
        #expect(screen.contains("◆"))
        #expect(screen.contains("security-group-changes"))
        #expect(!screen.contains("DescribeInstances"))
    }

    @Test func regionFilterTakesGlobsListsAndGeographyWords() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("eu") + [.enter], &state)
        #expect(!state.visibleRegions.isEmpty)
        #expect(state.visibleRegions.allSatisfy { $0.hasPrefix("eu-") })
        _ = DashboardFixture.press([.char("r"), .ctrl("u")] + DashboardFixture.type("us-east-1,ap-*-2") + [.enter], &state)
        #expect(Set(state.visibleRegions) == ["us-east-1", "ap-south-2", "ap-northeast-2", "ap-southeast-2", "ap-east-2"])
        // The feed is filtered by region too.
        _ = DashboardReducer.reduce(&state, .ingested([
            DashboardFixture.event("CreateRoute", region: "eu-west-1", id: "eu"),
            DashboardFixture.event("CreateRoute", region: "us-east-1", id: "us"),
        ], IngestCounters()))
        #expect(state.visibleFeed.map(\.id) == ["us"])
        _ = DashboardFixture.press([.escape], &state)
        #expect(state.regionFilter == nil && state.visibleFeed.count == 2)
    }

    @Test func accountFilterAndVerdictKeys() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("a")] + DashboardFixture.type("prod") + [.enter], &state)
        #expect(state.visibleAccounts.map { state.accountName($0) } == ["prod-payments", "prod-web"])
        _ = DashboardFixture.press([.escape, .char("4")], &state)
        #expect(state.verdictFilter == .stopped)
        #expect(state.visibleAccounts.map { state.accountName($0) } == ["ml-research"])
        let grid = DashboardView.render(state).lines.dropFirst().joined()
        #expect(!grid.contains("●"))  // no OK cell drawn
        _ = DashboardFixture.press([.char("4")], &state)
        #expect(state.verdictFilter == nil)
    }

    @Test func marksSurviveFilteringAndEsc() {
        var state = DashboardFixture.state()
        let first = state.cursorCell
        _ = DashboardFixture.press([.char(" ")], &state)
        #expect(state.markedCells == Set([first].compactMap { $0 }))
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("ap") + [.enter, .escape], &state)
        #expect(state.markedCells.count == 1)
        _ = DashboardFixture.press([.char("V")], &state)
        #expect(state.markedCells.count == state.reports.count)
    }

    @Test func exportAsksForAPathProposesANameAndConfirmsOverwrite() throws {
        var state = DashboardFixture.state()
        _ = DashboardReducer.reduce(&state, .ingested([
            DashboardFixture.event("CreateRoute", id: "a"), DashboardFixture.event("CreateVpc", id: "b"), DashboardFixture.event("DeleteRoute", id: "c"),
        ], IngestCounters()))
        _ = DashboardFixture.press([.tab, .char(" "), .char(" ")], &state)  // mark the two newest events
        #expect(Set(state.markedEvents.keys) == ["c", "b"])
        _ = DashboardFixture.press([.char("e"), .char("1")], &state)
        let proposed = try #require(state.prompt)
        #expect(proposed.kind == .exportPath)
        #expect(proposed.text.hasPrefix("trailgrid-events-") && proposed.text.hasSuffix(".jsonl"))
        let effects = DashboardFixture.press([.enter], &state)
        guard case .export(let request)? = effects.first else {
            Issue.record("no export effect: \(effects)")
            return
        }
        #expect(request.events.map(\.id) == ["b", "c"])
        #expect(request.overwrite == false)
        // The runner found the file: ask, and only "y" overwrites.
        _ = DashboardReducer.reduce(&state, .exportNeedsConfirmation(request))
        #expect(state.prompt?.kind == .confirmOverwrite)
        let confirmed = DashboardFixture.press([.char("y")], &state)
        #expect(confirmed.first == .export({ var again = request; again.overwrite = true; return again }()))
        _ = DashboardReducer.reduce(&state, .exportNeedsConfirmation(request))
        #expect(DashboardFixture.press([.char("n")], &state).isEmpty)
        // Declining ends the export: the dialog is gone and `q` quits again.
        #expect(state.overlay == nil && state.prompt == nil)
        #expect(DashboardFixture.press([.char("q")], &state) == [.quit])
    }

    @Test func remediationAsksForTheTarget() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("2"), .char("V"), .char("e"), .char("5")], &state)
        #expect(state.prompt?.kind == .exportTarget)
        _ = DashboardFixture.press(DashboardFixture.type("arn:aws:events:us-east-1:1:event-bus/x") + [.enter], &state)
        #expect(state.prompt?.kind == .exportPath)
        let effects = DashboardFixture.press([.enter], &state)
        guard case .export(let request)? = effects.first else {
            Issue.record("no export")
            return
        }
        #expect(request.choice == .cloudFormation)
        #expect(request.target == "arn:aws:events:us-east-1:1:event-bus/x")
        #expect(!request.cells.isEmpty && request.cells.allSatisfy { $0.verdict == .blind })
    }

    @Test func pauseHoldsEventsAndResumeShowsThem() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("p")], &state)
        _ = DashboardReducer.reduce(&state, .ingested([DashboardFixture.event("CreateRoute", id: "held")], IngestCounters()))
        #expect(state.feed.isEmpty && state.heldWhilePaused.count == 1)
        #expect(DashboardFixture.screen(state).contains("PAUSED"))
        _ = DashboardFixture.press([.char("p")], &state)
        #expect(state.feed.map(\.id) == ["held"])
    }

    @Test func liveManagementEventsChangeTheGrid() {
        var state = DashboardFixture.state()
        let audit = DashboardFixture.account("audit")
        let cell = CellKey(account: audit.id, region: "eu-west-1")
        #expect(state.verdict(cell) == .ok || state.verdict(cell) == .blind)
        let factory = DemoEventFactory()
        var random = SeededGenerator(seed: 9)
        let call = factory.call("StopLogging", service: "cloudtrail", account: audit, region: "us-east-1",
                                principal: "arn:aws:sts::\(audit.id):assumed-role/x/y", userAgent: "aws-cli", sourceIP: "185.220.101.42",
                                requestParameters: #"{"name":"arn:aws:cloudtrail:us-east-1:\#(audit.id):trail/audit-trail"}"#, using: &random)
        let record = factory.record(call, at: DashboardFixture.now)
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(record.utf8)).first else { return }
        let matches = WatchMatcher(watches: BuiltInWatches.all).matches(decoded)
        _ = DashboardReducer.reduce(&state, .ingested([IngestedEvent(event: decoded.event, watchMatches: matches)], IngestCounters()))
        _ = DashboardReducer.reduce(&state, .tick(DashboardFixture.now + 2_000))
        #expect(state.verdict(cell) == .stopped)
        #expect(state.feed.first?.changedCoverage == true)
        #expect(DashboardFixture.screen(state).contains("!"))
    }

    @Test func helpListsEveryBindingScrollsAndEscCloses() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("?")], &state)
        let screen = DashboardFixture.screen(state)
        for binding in KeyMap.bindings { #expect(screen.contains(binding.help), "\(binding.help)") }
        _ = DashboardFixture.press([.escape], &state)
        #expect(state.overlay == nil)
    }

    /// At 80×24 help is longer than the screen: j, Down, PgDn and G scroll it
    /// to the legend and the last keys instead of closing it; q closes.
    @Test func helpAt80x24ScrollsToTheLegendAndTheWayOut() {
        var state = DashboardFixture.state(columns: 80, rows: 24)
        _ = DashboardFixture.press([.char("?")], &state)
        #expect(!DashboardFixture.screen(state).contains("Verdicts"), "the legend starts below the fold")
        _ = DashboardFixture.press([.char("j"), .down, .pageDown], &state)
        #expect(state.overlay == .help)
        _ = DashboardFixture.press([.char("G")], &state)
        let bottom = DashboardFixture.screen(state)
        #expect(bottom.contains("Verdicts"))
        #expect(bottom.contains("Esc, q or ? closes this help."))
        // k after G moves at once: the scroll is kept within the lines.
        let last = state.overlayScroll
        _ = DashboardFixture.press([.char("k")], &state)
        #expect(state.overlayScroll == last - 1)
        _ = DashboardFixture.press([.char("q")], &state)
        #expect(state.overlay == nil)
    }

    /// The hint bar ends with the way to help and the way out at every width.
    @Test(arguments: [80, 100, 160, 220])
    func theHintBarAlwaysKeepsHelpAndQuit(columns: Int) {
        let state = DashboardFixture.state(columns: columns, rows: 24)
        let hints = DashboardFixture.screen(state).split(separator: "\n").last.map(String.init) ?? ""
        #expect(hints.contains("? F1 help") && hints.contains("q quit"), "\(columns): \(hints)")
    }

    /// Every region's code is whole and unique on the header (apne1, apne2,
    /// apne3 — not apne apne apne), and `r` takes the code the header shows.
    @Test func regionCodesAreUniqueAndRAcceptsThem() {
        var state = DashboardFixture.state(columns: 220, rows: 50)
        let codes = state.allRegions.map(GridView.regionCode)
        #expect(Set(codes).count == codes.count, "\(codes)")
        #expect(codes.allSatisfy { $0.count < GridView.cellWidth })
        let screen = DashboardFixture.screen(state)
        let header = screen.split(separator: "\n").first { $0.contains("account \\ region") }.map(String.init) ?? ""
        #expect(header.contains(" apse1 apse2 "), "\(header)")
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("euw1,apse2") + [.enter], &state)
        #expect(Set(state.visibleRegions) == ["eu-west-1", "ap-southeast-2"], "\(state.visibleRegions)")
    }

    /// The feed names its columns and its order, dates events of another
    /// day, tags each row's severity, and says how many rows are above when scrolled.
    @Test func theFeedHasHeadersDatesSeverityAndSaysWhatIsAbove() throws {
        var state = DashboardFixture.state(columns: 160, rows: 48)
        let old = DashboardFixture.event("CreateRoute", region: "eu-west-1", id: "old", at: DashboardFixture.now - 200 * 86_400_000)
        // The old one arrives last: at the top, where arrival order puts it.
        _ = DashboardReducer.reduce(&state, .ingested((0..<30).map {
            DashboardFixture.event("AuthorizeSecurityGroupIngress", region: "us-east-1", id: "n-\($0)")
        } + [old], IngestCounters()))
        let screen = DashboardFixture.screen(state)
        #expect(screen.contains("live feed: 31 matched (newest arrival first)"))
        #expect(screen.contains(" time        region account"), "\(screen)")
        #expect(screen.contains("severity watches"))
        let oldDate = String(Timestamp.iso8601(milliseconds: DashboardFixture.now - 200 * 86_400_000).dropFirst(5).prefix(5))
        #expect(screen.contains(oldDate + " "), "another day's event shows its date")
        let severity = FeedView.severityTag(try #require(state.watches.first { $0.name == "security-group-changes" }).severity)
        #expect(screen.contains("\(severity) security-group-changes"), "\(screen)")
        _ = DashboardFixture.press([.tab, .pageDown, .pageDown], &state)
        #expect(state.feedTop > 0)
        #expect(DashboardFixture.screen(state).contains("▲ \(state.feedTop) newer above (g: top)"))
    }

    /// The offered text of a prompt is selected: typing replaces it.
    @Test func aPromptsOfferedTextIsReplacedByTypingAndKeptByEditing() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("eu-*") + [.enter], &state)
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("us-east-1,eu-west-1") + [.enter], &state)
        #expect(state.regionFilter?.text == "us-east-1,eu-west-1")
        _ = DashboardFixture.press([.char("r"), .backspace] + DashboardFixture.type("2") + [.enter], &state)
        #expect(state.regionFilter?.text == "us-east-1,eu-west-2")
    }

    /// Marks: V toggles what is visible, U clears every mark, counts are singular when one.
    @Test func vTogglesUClearsAndOneCellIsSingular() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char(" ")], &state)
        #expect(DashboardFixture.screen(state).contains("1 cell marked"))
        _ = DashboardFixture.press([.char("V")], &state)
        let all = state.markedCells.count
        #expect(all > 1)
        _ = DashboardFixture.press([.char("V")], &state)
        #expect(state.markedCells.isEmpty)
        _ = DashboardFixture.press([.char("V"), .char("U")], &state)
        #expect(state.markedCells.isEmpty && state.markedEvents.isEmpty)
        #expect(state.message?.text == "unmarked \(all) marks")
    }

    @Test func transposeSwapsTheAxes() {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("x")], &state)
        #expect(state.gridAxes.rows.first == "us-east-1")
        // 34 regions down do not fit: the corner says so instead of the axis names.
        #expect(DashboardFixture.screen(state).contains("regions 1–"))
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("us-east-1") + [.enter], &state)
        #expect(DashboardFixture.screen(state).contains("region\\acct"))
    }

    /// Transposed, account columns are as wide as their names where the
    /// screen has room: no two read alike.
    @Test func transposedAccountColumnsShowWholeNames() {
        var state = DashboardFixture.state(columns: 220, rows: 50)
        _ = DashboardFixture.press([.char("x")], &state)
        let header = DashboardFixture.screen(state).split(separator: "\n").first { $0.contains("regions 1–") || $0.contains("region\\acct") }.map(String.init) ?? ""
        #expect(header.contains("prod-payments"), "\(header)")
        #expect(header.contains("prod-web"), "\(header)")
    }

    @Test func quitIsAnEffect() {
        var state = DashboardFixture.state()
        #expect(DashboardFixture.press([.char("q")], &state) == [.quit])
    }
}

@Suite struct RegionFilterTests {
    @Test func globsListsAndWords() throws {
        let eu = try #require(RegionFilter("eu"))
        #expect(eu.matches("eu-west-1") && !eu.matches("us-east-1"))
        let glob = try #require(RegionFilter("ap-*-1"))
        #expect(glob.matches("ap-southeast-1") && !glob.matches("ap-southeast-2"))
        let list = try #require(RegionFilter("US-EAST-1, eu-west-*"))
        #expect(list.matches("us-east-1") && list.matches("eu-west-3") && !list.matches("us-east-2"))
        #expect(RegionFilter("  ") == nil)
    }

    @Test func globStarsAndQuestionMarks() {
        #expect(Glob.matches("us-?ast-*", "us-east-1"))
        #expect(!Glob.matches("us-?ast-?", "us-east-12"))
        #expect(Glob.matches("*", "") && !Glob.matches("?", ""))
        #expect(Glob.matches("a*b*c", "axxbyyc") && !Glob.matches("a*b*c", "axxbyy"))
        // A star backtracks: the first "-1" is not the end.
        #expect(Glob.matches("*-1", "ap-1-x-1") && !Glob.matches("*-1", "ap-1-x"))
    }
}
