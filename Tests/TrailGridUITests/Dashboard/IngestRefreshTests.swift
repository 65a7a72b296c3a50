import Testing
import TrailGridCore
@testable import TrailGridUI

/// A batch recomputes only the cells whose feed inputs it moved; every
/// other cell keeps its report. Whatever the batches, the reports must be
/// those a full recomputation gives at the same time.
@Suite struct IngestRefreshTests {
    /// `name`'s call in `account`/`region` at `time`, on `channel`, decoded as the ingester decodes it.
    static func event(_ name: String, service: String = "ec2", account: String, region: String, at time: Int64,
                      channel: Channel, id: String) -> IngestedEvent? {
        let factory = DemoEventFactory()
        var random = SeededGenerator(seed: UInt64(id.utf8.count))
        var owner = DashboardFixture.account("prod-web")
        owner.id = account
        var call = factory.call(name, service: service, account: owner, region: region, principal: "arn:aws:iam::\(account):user/alice", userAgent: "aws-cli",
                                sourceIP: "203.0.113.9", requestParameters: "null", using: &random)
        call.eventID = id
        let record = factory.record(call, at: time)
        let text = channel == .realtime ? factory.envelope(call, record: record, at: time, using: &random) : record
        guard case .accepted(let decoded)? = FeedDecoder().decode(Array(text.utf8)).first else { return nil }
        return IngestedEvent(event: decoded.event, watchMatches: DashboardFixture.matcher.matches(decoded))
    }

    @Test func reportsAfterEveryBatchEqualAFullRecomputation() throws {
        var state = DashboardFixture.state()
        let now = DashboardFixture.now
        let accounts = [DashboardFixture.account("prod-web").id, DashboardFixture.account("staging").id,
                        DashboardFixture.account("legacy-crm").id, "123456789012"]
        let regions = ["us-east-1", "eu-west-1", "ap-southeast-3", "eu-south-2"]
        let calls = [("AuthorizeSecurityGroupIngress", "ec2"), ("DescribeInstances", "ec2"), ("CreateUser", "iam"), ("PutBucketPolicy", "s3")]
        var random = SeededGenerator(seed: 11)
        var sequence = 0
        for batch in 0..<40 {
            var events: [IngestedEvent] = []
            for _ in 0..<Int.random(in: 1...30, using: &random) {
                sequence += 1
                let call = calls[Int.random(in: 0..<calls.count, using: &random)]
                // Trail copies up to an hour old: some stay unanswered past the heartbeat window (SILENT).
                let time = now - Int64.random(in: 0...3_600_000, using: &random)
                let channel: Channel = Bool.random(using: &random) ? .trail : .realtime
                events.append(try #require(Self.event(
                    call.0, service: call.1, account: accounts[Int.random(in: 0..<accounts.count, using: &random)],
                    region: regions[Int.random(in: 0..<regions.count, using: &random)], at: time, channel: channel,
                    id: "refresh-\(sequence)")))
            }
            _ = DashboardReducer.reduce(&state, .ingested(events, IngestCounters()))
            var fresh = state
            fresh.refreshReports()
            let stale = fresh.reports.filter { state.reports[$0.key] != $0.value }.map(\.key)
            #expect(stale.isEmpty, "batch \(batch): \(stale.count) cells kept an out-of-date report, e.g. \(stale.first.map { "\($0)" } ?? "")")
            #expect(state.reports.count == fresh.reports.count)
        }
        // The batches reached the grid: a new account row, and cells that are not OK any more.
        #expect(state.allAccounts.contains("123456789012"))
        #expect(state.reports.values.contains { $0.verdict == .silent || $0.verdict == .blind })
    }
}
