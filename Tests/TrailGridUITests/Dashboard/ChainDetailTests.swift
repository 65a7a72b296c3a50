import Testing
import TrailGridCore
@testable import TrailGridUI

/// The cell detail shows each watch's delivery chain hop by hop, with where
/// it breaks: a member forwarding to a central bus that admits it but has no
/// rule in the member's region.
@Suite struct ChainDetailTests {
    static let member = "111111111111"
    static let security = "111122223333"
    static let cell = CellKey(account: member, region: "eu-west-1")
    static let central = BusKey(account: security, region: "eu-west-1", name: "central-events")

    static func state(glyphs: GlyphSet = .unicode, centralRules: [String: EventRule] = [:]) throws -> DashboardState {
        var inventory = Inventory()
        inventory.accountsListed = true
        for (id, name) in [(security, "security"), (member, "member")] {
            inventory.addAccount(AccountInfo(id: id, name: name, arn: "arn:aws:organizations::\(security):account/o-abc123/\(id)",
                                             state: "ACTIVE", inOrganization: true))
        }
        inventory.upsertTrail(TrailInfo(arn: "arn:aws:cloudtrail:us-east-1:\(member):trail/main", name: "main", homeRegion: "us-east-1",
                                        ownerAccount: member, isMultiRegion: true, isLogging: true))
        inventory.trailListed.insert(CellKey(account: member, region: "us-east-1"))
        inventory.rules[cell] = ["to-central": EventRule(
            name: "to-central", state: .enabledWithAllManagementEvents, pattern: #"{"detail-type":["AWS API Call via CloudTrail"]}"#,
            targets: [RuleTarget(id: "bus", arn: central.arn, roleArn: "arn:aws:iam::\(member):role/to-central")])]
        let policy = try BusPolicy(parsing: #"{"Statement":[{"Sid":"Org","Effect":"Allow","Principal":"*","Action":"events:PutEvents","Resource":"\#(central.arn)","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}"#)
        inventory.buses[central.cell] = ["central-events": EventBus(name: "central-events", arn: central.arn, policy: .document(policy))]
        inventory.busRules[central] = centralRules
        let watch = try #require(BuiltInWatches.all.first { $0.name == "security-group-changes" })
        return DashboardState(coverage: CoverageModel(inventory: inventory, watches: [watch]), watches: [watch], organization: "test",
                              now: 1_764_000_000_000, size: TerminalSize(columns: 160, rows: 48), glyphs: glyphs)
    }

    @Test func aBrokenChainShowsEachHopAndWhereItStops() throws {
        let state = try Self.state()
        #expect(state.reports[Self.cell]?.verdict == .blind)
        let text = CellDetailView.lines(Self.cell, state).map(\.0)
        let start = try #require(text.firstIndex(of: "Watches and their delivery chains"))
        #expect(Array(text[(start + 1)...(start + 7)]) == [
            "  bus-no-rule   security-group-changes",
            "      ✓ rule 'to-central' on the default bus (111111111111, eu-west-1)",
            "          ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, matches",
            "      ✓ bus central-events (111122223333, eu-west-1)",
            "          admitted by statement 'Org'",
            "      ✗ rules on central-events (111122223333, eu-west-1)",
            "          central-events (111122223333, eu-west-1) has no enabled rule forwarding 'security-group-changes'",
        ])
        let roles = CellDetailView.lines(Self.cell, state).map(\.1)
        #expect(roles[start + 1] == .verdictBlind && roles[start + 2] == .verdictOK && roles[start + 6] == .verdictBlind)
    }

    @Test func aWholeChainEndsAtItsSinkAndASCIIGlyphsStayDistinct() throws {
        let alert = EventRule(name: "alert", state: .enabledWithAllManagementEvents, pattern: #"{"source":["aws.ec2"]}"#,
                              targets: [RuleTarget(id: "q", arn: "arn:aws:sqs:eu-west-1:\(Self.security):alerts")])
        let state = try Self.state(glyphs: .ascii, centralRules: ["alert": alert])
        #expect(state.reports[Self.cell]?.verdict == .ok)
        let text = CellDetailView.lines(Self.cell, state).map(\.0)
        #expect(text.contains("      + rule 'alert' on central-events (111122223333, eu-west-1)"))
        #expect(text.contains("      + SQS queue arn:aws:sqs:eu-west-1:111122223333:alerts"))
        #expect(text.contains("          delivered"))
    }
}
