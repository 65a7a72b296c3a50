import Foundation
import Testing
import TrailGridCore
@testable import TrailGridUI

/// Compares a canvas, as text, with `Snapshots/<name>.txt`. With
/// `RECORD_SNAPSHOTS=1` it writes the file instead and fails, so a recording
/// run can never pass by accident (swift-argument-parser's practice).
func assertSnapshot(_ canvas: Canvas, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Snapshots")
    let file = directory.appendingPathComponent(name + ".txt")
    let text = canvas.lines.joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
        try? Data(text.utf8).write(to: file)
        Issue.record("recorded snapshot \(name); run again without RECORD_SNAPSHOTS", sourceLocation: sourceLocation)
        return
    }
    guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
        Issue.record("no snapshot \(name).txt (record with RECORD_SNAPSHOTS=1)", sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }
        Issue.record("snapshot \(name) differs at line \((first?.offset ?? 0) + 1):\nexpected: \(first?.element.0 ?? "")\nactual:   \(first?.element.1 ?? "")", sourceLocation: sourceLocation)
    }
}

@Suite struct DashboardSnapshotTests {
    /// The demo organization with a few events in the feed, at a fixed time.
    func populated(columns: Int, rows: Int) -> DashboardState {
        var state = DashboardFixture.state(columns: columns, rows: rows)
        _ = DashboardReducer.reduce(&state, .ingested([
            DashboardFixture.event("AuthorizeSecurityGroupIngress", account: "prod-web", region: "eu-west-1", channel: .trail, id: "11111111-aaaa-4bbb-8ccc-000000000001"),
            DashboardFixture.event("AuthorizeSecurityGroupIngress", account: "prod-web", region: "eu-west-1", channel: .realtime, id: "11111111-aaaa-4bbb-8ccc-000000000001"),
            DashboardFixture.event("CreateRoute", account: "log-archive", region: "eu-west-2", channel: .trail, id: "11111111-aaaa-4bbb-8ccc-000000000002"),
            DashboardFixture.event("PutBucketPolicy", service: "s3", account: "staging", region: "us-east-1", id: "11111111-aaaa-4bbb-8ccc-000000000003"),
        ], IngestCounters()))
        return state
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func gridAndFeed(columns: Int, rows: Int) {
        assertSnapshot(DashboardView.render(populated(columns: columns, rows: rows)), named: "dashboard-\(columns)x\(rows)")
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func cellDetail(columns: Int, rows: Int) {
        var state = populated(columns: columns, rows: rows)
        _ = DashboardFixture.press([.char("a")] + DashboardFixture.type("prod-web") + [.enter, .char("r")] + DashboardFixture.type("eu-west-1") + [.enter, .enter], &state)
        assertSnapshot(DashboardView.render(state), named: "cell-detail-\(columns)x\(rows)")
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func eventDetail(columns: Int, rows: Int) {
        var state = populated(columns: columns, rows: rows)
        _ = DashboardFixture.press([.tab, .enter], &state)
        assertSnapshot(DashboardView.render(state), named: "event-detail-\(columns)x\(rows)")
    }

    @Test(arguments: [(80, 24), (160, 48)])
    func help(columns: Int, rows: Int) {
        var state = populated(columns: columns, rows: rows)
        _ = DashboardFixture.press([.char("?")], &state)
        assertSnapshot(DashboardView.render(state), named: "help-\(columns)x\(rows)")
    }

    /// `w` with an event name: every cell shows ✓, ✗ or ? instead of its
    /// verdict, and the detail of prod-payments in eu-north-1 (where the
    /// central bus has no rule) says where the event stops.
    @Test(arguments: [(80, 24), (160, 48)])
    func probe(columns: Int, rows: Int) {
        var state = populated(columns: columns, rows: rows)
        _ = DashboardFixture.press([.char("w")] + DashboardFixture.type("AuthorizeSecurityGroupIngress") + [.enter], &state)
        state.message = nil
        assertSnapshot(DashboardView.render(state), named: "probe-\(columns)x\(rows)")
        _ = DashboardFixture.press([.char("a")] + DashboardFixture.type("prod-payments") + [.enter, .char("r")] + DashboardFixture.type("eu-north-1") + [.enter, .enter], &state)
        state.message = nil
        assertSnapshot(DashboardView.render(state), named: "probe-detail-\(columns)x\(rows)")
    }

    @Test func smallTerminal() {
        assertSnapshot(DashboardView.render(populated(columns: 60, rows: 20)), named: "too-small-60x20")
    }
}
