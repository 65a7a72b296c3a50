import Foundation
import Testing
import TrailGridCore
@testable import TrailGridUI

/// `w`: "would this event alert?" over the demo organization's grid: every
/// cell shows whether the event made there reaches a sink, the detail says
/// where it stops, and `Esc` returns to the verdicts.
@Suite struct ProbeKeyTests {
    func cell(_ name: String, _ region: String) -> CellKey {
        CellKey(account: DashboardFixture.account(name).id, region: region)
    }

    func probed(_ text: String, glyphs: GlyphSet = .unicode) -> DashboardState {
        var state = DashboardFixture.state()
        state.glyphs = glyphs
        _ = DashboardFixture.press([.char("w")] + DashboardFixture.type(text) + [.enter], &state)
        return state
    }

    @Test func wAsksForAnEventAndEnterProbesEveryCell() throws {
        var state = DashboardFixture.state()
        _ = DashboardFixture.press([.char("w")], &state)
        #expect(state.prompt?.kind == .probe)
        #expect(DashboardFixture.screen(state).contains("would this alert? event (Name, source:Name or JSON): "))
        _ = DashboardFixture.press(DashboardFixture.type("AuthorizeSecurityGroupIngress") + [.enter], &state)
        let probe = try #require(state.probe)
        #expect(probe.event.label == "ec2.amazonaws.com:AuthorizeSecurityGroupIngress")
        #expect(probe.cells[cell("prod-payments", "eu-west-1")]?.reach == .reaches)
        // The central bus has no rule in eu-north-1, and does not admit shared-network.
        #expect(probe.cells[cell("prod-payments", DemoOrganization.busWithoutRule)]?.reach == .stops)
        #expect(probe.cells[cell(DemoOrganization.refusedMember, "eu-west-1")]?.reach == .stops)
        #expect(probe.cells[cell("ml-research", "eu-west-1")]?.stops?.hasPrefix("not recorded:") == true)
        #expect(state.message?.text.hasPrefix("ec2.amazonaws.com:AuthorizeSecurityGroupIngress: reaches ") == true)
    }

    @Test func theGridShowsReachGlyphsAndTheHeaderTheirCounts() throws {
        let state = probed("AuthorizeSecurityGroupIngress")
        let screen = DashboardFixture.screen(state)
        let lines = screen.split(separator: "\n").map(String.init)
        let payments = try #require(lines.first { $0.contains("prod-payments") })
        #expect(payments.contains("✓"))
        #expect(!payments.contains("●"))
        let network = try #require(lines.first { $0.contains(DemoOrganization.refusedMember) })
        #expect(network.contains("✗") && !network.contains("✓"))
        #expect(lines[0].contains("[w ec2.amazonaws.com:AuthorizeSecurityGroupIngress]"))
        #expect(lines[0].range(of: "✓[0-9]+ ✗[0-9]+ \\?[0-9]+", options: .regularExpression) != nil, "\(lines[0])")
        // ASCII: + x ?
        let ascii = DashboardFixture.screen(probed("AuthorizeSecurityGroupIngress", glyphs: .ascii))
        let asciiPayments = try #require(ascii.split(separator: "\n").first { $0.contains("prod-payments") })
        #expect(asciiPayments.contains("+") && !asciiPayments.contains("✓"))
    }

    @Test func theCellDetailSaysWhereItStopsNamingTheHop() throws {
        var state = probed("ec2:AuthorizeSecurityGroupIngress")
        let north = cell("prod-payments", DemoOrganization.busWithoutRule)
        let text = CellDetailView.lines(north, state).map(\.0)
        let start = try #require(text.firstIndex(of: "Would ec2.amazonaws.com:AuthorizeSecurityGroupIngress made here alert?"))
        #expect(text[start + 1].hasPrefix("  ✗ stops: security-central (\(DashboardFixture.organization.securityAccount), eu-north-1) has no enabled rule forwarding"), "\(text[start + 1])")
        #expect(text[start + 2].contains("✓ rule 'forward-cloudtrail-to-security' on the default bus"))
        // A global service's event is not judged outside us-east-1.
        _ = DashboardFixture.press([.escape, .char("w")] + DashboardFixture.type("iam:DeleteUser") + [.enter], &state)
        let elsewhere = CellDetailView.lines(cell("prod-payments", "eu-west-1"), state).map(\.0)
        #expect(elsewhere.contains("  not judged: iam.amazonaws.com events are recorded in us-east-1 only: a call made here is delivered to that region's default bus"))
        #expect(state.probe?.cells[cell("prod-payments", "us-east-1")]?.reach == .reaches)
    }

    @Test func escReturnsToTheVerdictsAndASecondEscClearsFilters() {
        var state = probed("AuthorizeSecurityGroupIngress")
        _ = DashboardFixture.press([.char("r")] + DashboardFixture.type("eu-*") + [.enter], &state)
        #expect(state.probe != nil)
        _ = DashboardFixture.press([.escape], &state)
        #expect(state.probe == nil)
        #expect(state.regionFilter != nil)
        #expect(DashboardFixture.screen(state).contains("●"))
        _ = DashboardFixture.press([.escape], &state)
        #expect(state.regionFilter == nil)
    }

    @Test func anUnknownNameOrBadJSONSaysSoAndProbesNothing() {
        var state = probed("NoSuchCall")
        #expect(state.probe == nil)
        #expect(state.message?.isError == true)
        #expect(state.message?.text.contains("give it as source:NoSuchCall") == true)
        state = probed(#"{"eventName": "x"}"#)
        #expect(state.probe == nil)
        #expect(state.message?.isError == true)
    }

    @Test func aPastedMultiLineEventIsOneAnswer() throws {
        var state = DashboardFixture.state()
        let pasted = "{\n  \"eventSource\": \"cloudtrail.amazonaws.com\",\n  \"eventName\": \"StopLogging\",\n  \"eventType\": \"AwsApiCall\"\n}"
        let keys: [Key] = pasted.map { $0 == "\n" ? .enter : .char($0) }
        _ = DashboardFixture.press([.char("w")] + keys + [.enter], &state)
        #expect(state.prompt == nil)
        #expect(state.probe?.event.label == "cloudtrail.amazonaws.com:StopLogging")
    }

    @Test func liveRuleChangesMoveTheAnswer() throws {
        var state = probed("AuthorizeSecurityGroupIngress")
        let target = cell("prod-payments", "eu-west-1")
        #expect(state.probe?.cells[target]?.reach == .reaches)
        // Someone disables the member's rule there.
        var random = SeededGenerator(seed: 3)
        let factory = DemoEventFactory()
        let account = DashboardFixture.account("prod-payments")
        let call = factory.call("DisableRule", service: "events", account: account, region: "eu-west-1",
                                principal: "arn:aws:sts::\(account.id):assumed-role/Admin/mallory", userAgent: "aws-cli/2",
                                sourceIP: "198.51.100.7", requestParameters: #"{"name":"forward-cloudtrail-to-security"}"#, using: &random)
        let record = factory.record(call, at: DashboardFixture.now)
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(record.utf8)).first else {
            Issue.record("did not decode")
            return
        }
        _ = DashboardReducer.reduce(&state, .ingested([IngestedEvent(event: decoded.event, watchMatches: [])], IngestCounters()))
        #expect(state.probe?.cells[target]?.reach == .stops)
        #expect(state.probe?.cells[target]?.stops?.contains("DISABLED") == true, "\(state.probe?.cells[target]?.stops ?? "")")
    }

    /// A `watch --refresh` re-collect that finds the rule disabled moves the answer as a live call does.
    @Test func aRefreshedInventoryMovesTheAnswer() throws {
        var state = probed("AuthorizeSecurityGroupIngress")
        let target = cell("prod-payments", "eu-west-1")
        #expect(state.probe?.cells[target]?.reach == .reaches)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-ui-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try DemoInventoryWriter.write(DashboardFixture.organization, to: directory, capturedAt: DemoInventoryWriter.capturedAt + 3_600_000)
        let rules = directory + "/\(target.account)/\(target.region)/rules.json"
        let text = try String(contentsOfFile: rules, encoding: .utf8)
        let enabled = #""State": "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS""#
        #expect(text.contains(enabled))
        try text.replacingOccurrences(of: enabled, with: #""State": "DISABLED""#).write(toFile: rules, atomically: true, encoding: .utf8)
        _ = DashboardReducer.reduce(&state, .inventoryRefreshed(try InventoryReader.read(directory: directory), note: "refreshed 12:00Z", failed: false))
        #expect(state.probe?.cells[target]?.reach == .stops)
        #expect(state.probe?.cells[target]?.stops?.contains("DISABLED") == true, "\(state.probe?.cells[target]?.stops ?? "")")
    }
}
