import Testing
import TrailGridCore
@testable import TrailGridUI

/// Every key of the key map does what its help line says.
@Suite struct KeyCoverageTests {
    func pressed(_ key: Key, focus: DashboardState.Focus = .grid, from start: ((inout DashboardState) -> Void)? = nil) -> (DashboardState, DashboardState, [DashboardEffect]) {
        var state = DashboardFixture.state(columns: 120, rows: 30)
        _ = DashboardReducer.reduce(&state, .ingested((0..<40).map {
            DashboardFixture.event("CreateRoute", region: $0 % 2 == 0 ? "eu-west-1" : "us-east-1", id: "k-\($0)")
        }, IngestCounters()))
        state.focus = focus
        start?(&state)
        let before = state
        let effects = DashboardReducer.reduce(&state, .key(key))
        return (before, state, effects)
    }

    @Test func everyBindingIsCoveredHere() {
        let tested: Set<String> = ["k ↑", "j ↓", "h ←", "l →", "PgUp Ctrl-u", "PgDn Ctrl-d", "g Home", "G End", "Tab", "Enter", "r", "a", "/",
                                   "1–7", "Esc", "Space", "V", "U", "e", "0", "$", "n", "N", "p", "t", "x", "I", "? F1", "q", "w"]
        #expect(Set(KeyMap.bindings.map(\.keysLabel)) == tested)
    }

    @Test func zeroAndDollarGoToTheFirstAndLastColumn() {
        let (_, last, _) = pressed(.char("$"))
        #expect(last.gridColumn == last.gridAxes.columns.count - 1)
        let (_, first, _) = pressed(.char("0")) { state in state.gridColumn = 5 }
        #expect(first.gridColumn == 0)
    }

    /// `/` says the focus moved to the feed; n and N step through the matches, wrapping.
    @Test func searchSaysWhereTheFocusWentAndNStepsThroughMatches() {
        let (_, searched, _) = pressed(.char("/"))
        #expect(searched.prompt?.kind == .search)
        var state = searched
        _ = DashboardFixture.press(DashboardFixture.type("eu-west-1") + [.enter], &state)
        #expect(state.focus == .feed)
        #expect(state.message?.text.hasPrefix("search 'eu-west-1': ") == true, "\(state.message?.text ?? "")")
        let count = state.visibleFeed.count
        #expect(count > 1)
        _ = DashboardFixture.press([.char("n")], &state)
        #expect(state.feedCursor == 1)
        _ = DashboardFixture.press([.char("N"), .char("N")], &state)
        #expect(state.feedCursor == count - 1)
        #expect(state.message?.text == "match \(count) of \(count) for 'eu-west-1'")
    }

    @Test func anUnknownKeySaysWhereHelpIs() {
        let (_, after, _) = pressed(.char("Z"))
        #expect(after.message?.text == "unknown key Z — ? for help")
    }

    @Test func wAsksWhetherAnEventWouldAlertAndEscGoesBack() {
        let (_, asked, effects) = pressed(.char("w"))
        #expect(asked.prompt?.kind == .probe)
        #expect(effects.isEmpty)
        let (_, back, _) = pressed(.escape) { state in
            _ = DashboardFixture.press([.char("w")] + DashboardFixture.type("CreateRoute") + [.enter], &state)
            state.regionFilter = RegionFilter("eu-*")
        }
        #expect(back.probe == nil)
        #expect(back.regionFilter != nil)
    }

    @Test(arguments: [Key.char("j"), .down])
    func downMovesTheCursor(key: Key) {
        let (before, after, _) = pressed(key)
        #expect(after.gridRow == before.gridRow + 1)
        let (feedBefore, feedAfter, _) = pressed(key, focus: .feed)
        #expect(feedAfter.feedCursor == feedBefore.feedCursor + 1)
    }

    @Test(arguments: [Key.char("k"), .up])
    func upMovesTheCursor(key: Key) {
        let (_, after, _) = pressed(key) { $0.gridRow = 3 }
        #expect(after.gridRow == 2)
    }

    @Test(arguments: [Key.char("l"), .right, .char("h"), .left])
    func sidewaysMovesTheColumn(key: Key) {
        let (_, after, _) = pressed(key) { $0.gridColumn = 3 }
        let expected = [Key.char("l"), .right].contains(key) ? 4 : 2
        #expect(after.gridColumn == expected)
    }

    @Test(arguments: [Key.pageDown, .ctrl("d"), .pageUp, .ctrl("u"), .char("g"), .home, .char("G"), .end])
    func pagingAndEnds(key: Key) {
        let (_, after, _) = pressed(key, focus: .feed) { $0.feedCursor = 20 }
        switch key {
        case .pageDown, .ctrl("d"): #expect(after.feedCursor > 20)
        case .pageUp, .ctrl("u"): #expect(after.feedCursor < 20)
        case .char("g"), .home: #expect(after.feedCursor == 0)
        default: #expect(after.feedCursor == after.visibleFeed.count - 1)
        }
    }

    @Test(arguments: [Key.tab, .backTab])
    func tabSwitchesFocus(key: Key) {
        #expect(pressed(key).1.focus == .feed)
    }

    @Test func enterOpensDetail() {
        #expect(pressed(.enter).1.overlay.map { if case .cell = $0 { return true } else { return false } } == true)
        #expect(pressed(.enter, focus: .feed).1.overlay.map { if case .event = $0 { return true } else { return false } } == true)
    }

    @Test(arguments: [("r", DashboardState.Prompt.Kind.region), ("a", .account), ("/", .search)])
    func promptKeys(key: String, kind: DashboardState.Prompt.Kind) {
        #expect(pressed(.char(Character(key))).1.prompt?.kind == kind)
    }

    @Test(arguments: 1...7)
    func verdictKeys(digit: Int) {
        #expect(pressed(.char(Character(String(digit)))).1.verdictFilter == KeyMap.verdictKeys[digit - 1])
    }

    @Test func escapeClearsFiltersButNotMarks() {
        let (_, after, _) = pressed(.escape) {
            $0.regionFilter = RegionFilter("eu")
            $0.verdictFilter = .ok
            $0.markedCells = [CellKey(account: "1", region: "us-east-1")]
        }
        #expect(after.regionFilter == nil && after.verdictFilter == nil && after.markedCells.count == 1)
    }

    @Test func spaceAndVMark() {
        #expect(pressed(.char(" ")).1.markedCells.count == 1)
        #expect(pressed(.char(" "), focus: .feed).1.markedEvents.count == 1)
        #expect(pressed(.char("V"), focus: .feed).1.markedEvents.count == 40)
    }

    @Test func exportPauseThemeTransposeHelpQuit() {
        #expect(pressed(.char("e")).1.overlay == .export(ExportDialog()))
        #expect(pressed(.char("p")).1.paused)
        #expect(pressed(.char("t")).2 == [.loadTheme(after: Theme.builtInDefault.name)])
        #expect(pressed(.char("x")).1.transposed)
        #expect(pressed(.char("I")).1.overlay == .incidents)
        #expect(pressed(.char("?")).1.overlay == .help)
        #expect(pressed(.function(1)).1.overlay == .help)
        #expect(pressed(.char("q")).2 == [.quit])
    }

    @Test func unboundKeysDoNothing() {
        let (before, after, effects) = pressed(.char("Z"))
        #expect(effects.isEmpty && after.gridRow == before.gridRow && after.overlay == nil && after.prompt == nil)
    }
}
