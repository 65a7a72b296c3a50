import Foundation
import TestProcesses
import Testing

/// The remediation a responder deploys must turn the cells it was exported
/// for OK: in `moto_server`, members with logging trails and no rules are
/// BLIND; `export --kind remediation` to the central bus, cfn-lint, a
/// self-managed StackSet with the instances the template's own comment
/// lists, then a fresh `collect` and `check`.
@Suite(.serialized) struct RemediationRoundTripEndToEndTests {
    static let regions = ["us-east-1", "eu-west-1"]

    @Test func theExportedStackSetTurnsTheBlindCellsOK() throws {
        try #require(Harness.isOnPath("cfn-lint"), "cfn-lint is not installed (pip install cfn-lint); .ci/run installs it")
        var org = try MotoOrganization()
        defer { org.stop() }
        let security = try org.createAccount("security")
        let member = try org.createAccount("member")
        try org.logEverywhere()
        // The central bus, its own rule to the security team's stream, and no policy yet.
        try org.aws(["events", "create-event-bus", "--name", "central-events"], as: security)
        try org.aws(["events", "put-rule", "--name", "alert", "--event-bus-name", "central-events",
                     "--event-pattern", #"{"detail-type":[{"suffix":"via CloudTrail"}]}"#, "--state", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"], as: security)
        try org.aws(["events", "put-targets", "--rule", "alert", "--event-bus-name", "central-events", "--targets",
                     "Id=stream,Arn=arn:aws:kinesis:us-east-1:\(security):stream/security-events,RoleArn=arn:aws:iam::\(security):role/events-to-kinesis"],
                    as: security)

        let root = Harness.temporaryDirectory()
        let before = root.appendingPathComponent("before")
        try org.collect(regions: Self.regions, into: before)
        let accounts = [MotoOrganization.management, security, member]
        let cells = accounts.flatMap { account in Self.regions.map { (account, $0) } }
        let blind = try org.check(before)
        for (account, region) in cells {
            #expect(blind.cell(account, region)["verdict"] as? String == "BLIND", "\(account) \(region): \(blind.cell(account, region))")
        }

        let template = root.appendingPathComponent("fix.yaml")
        let export = try Harness.run(["export", "--inventory", before.path, "--kind", "remediation",
                                      "--target", "arn:aws:events:us-east-1:\(security):event-bus/central-events", "--out", template.path])
        try #require(export.status == 0, "export: \(export.stderr)")
        #expect(export.stdout.hasPrefix("wrote 6 cells (90 rules: 16 per cell in us-east-1; 14 per cell in eu-west-1)"), "\(export.stdout)")
        let lint = try Harness.runTool(["cfn-lint", template.path])
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        let text = try String(contentsOf: template, encoding: .utf8)
        #expect(text.contains("aws:PrincipalOrgID: '\(org.organization)'"), "the bus admits the organization from accounts.json")

        // Deployed as the template's comment says: one self-managed StackSet, instances in every listed account and region.
        try org.aws(["cloudformation", "create-stack-set", "--stack-set-name", "trailgrid-forwarding", "--template-body", "file://\(template.path)",
                     "--capabilities", "CAPABILITY_IAM"])
        let instances = text.split(separator: "\n").filter { $0.hasPrefix("#     --accounts ") }
        try #require(instances.count == 1, "\(instances)")
        let words = instances[0].split(separator: " ").map(String.init)
        let listedAccounts = Array(words.drop { $0 != "--accounts" }.dropFirst().prefix { $0 != "--regions" })
        let listedRegions = Array(words.drop { $0 != "--regions" }.dropFirst())
        #expect(Set(listedAccounts) == Set(accounts) && Set(listedRegions) == Set(Self.regions), "\(instances[0])")
        try org.aws(["cloudformation", "create-stack-instances", "--stack-set-name", "trailgrid-forwarding",
                     "--accounts"] + listedAccounts + ["--regions"] + listedRegions)
        // moto's CloudFormation has no AWS::Events::EventBusPolicy: the test applies
        // the template's own statement (organization condition) as put-permission does.
        try org.aws(["events", "put-permission", "--event-bus-name", "central-events", "--action", "events:PutEvents", "--principal", "*",
                     "--statement-id", "trailgrid-senders", "--condition", "Type=StringEquals,Key=aws:PrincipalOrgID,Value=\(org.organization)"],
                    as: security)

        let after = root.appendingPathComponent("after")
        try org.collect(regions: Self.regions, into: after)
        let fixed = try org.check(after)
        for (account, region) in cells {
            let cell = fixed.cell(account, region)
            #expect(cell["verdict"] as? String == "OK", "\(account) \(region): \(cell)")
            let words = Set((cell["rules"] as? [String: String] ?? [:]).values)
            #expect(words == ["forwarding"], "\(account) \(region): \(words)")
        }
    }
}
