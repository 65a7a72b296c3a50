import Foundation
import TestProcesses
import Testing
@testable import TrailGridCore

/// Runs a command-line tool and returns its exit status and output.
func runTool(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String) {
    let result = try ChildProcess.run(arguments, directory: directory?.path, timeout: 300)
    return (result.status, result.stdout + result.stderr)
}

func toolExists(_ name: String) -> Bool {
    (try? runTool(["sh", "-c", "command -v \(name)"]).status) == 0
}

@Suite struct RemediationTests {
    let deployments = [
        RemediationPlan.Deployment(account: "111122223333", region: "eu-west-1"),
        RemediationPlan.Deployment(account: "111122223333", region: "us-east-1"),
        RemediationPlan.Deployment(account: "444455556666", region: "eu-west-1"),
        RemediationPlan.Deployment(account: "444455556666", region: "us-east-1"),
        RemediationPlan.Deployment(account: "777788889999", region: "ap-southeast-2"),
    ]
    let bus = "arn:aws:events:us-east-1:999999999999:event-bus/central-security"

    func plan(watches: [Watch] = BuiltInWatches.all) throws -> RemediationPlan {
        try RemediationPlan(watches: watches, deployments: deployments, targetArn: bus)
    }

    @Test func oneRulePerWatchWithTheStateItsProbesNeed() throws {
        let plan = try plan()
        #expect(plan.rules.count == 16)
        let unauthorized = try #require(plan.rules.first { $0.name == "trailgrid-unauthorized-api-calls" })
        #expect(unauthorized.state == RemediationPlan.enabledWithReads)
        #expect(plan.rules.first { $0.name == "trailgrid-vpc-changes" }?.state == "ENABLED")
        // Every rule's pattern is a valid EventBridge pattern matching its watch's probes.
        for (rule, watch) in zip(plan.rules, BuiltInWatches.all) {
            let pattern = try EventPattern(json: rule.pattern)
            #expect(watch.probes.allSatisfy(pattern.matches))
        }
        #expect(plan.accountsByRegionSet.map(\.accounts) == [["111122223333", "444455556666"], ["777788889999"]])
    }

    @Test func everythingRuleWhenNoWatchIsChosen() throws {
        let plan = try plan(watches: [])
        #expect(plan.rules.count == 1)
        #expect(plan.rules[0].state == RemediationPlan.enabledWithReads)
    }

    /// Cells in one region, so a sink there is reachable from all of them.
    let euWest1 = [
        RemediationPlan.Deployment(account: "111122223333", region: "eu-west-1"),
        RemediationPlan.Deployment(account: "444455556666", region: "eu-west-1"),
    ]

    @Test(arguments: [
        // Firehose and Step Functions only from their own account; the rest also across accounts.
        ("arn:aws:kinesis:eu-west-1:111122223333:stream/security-events", ["kinesis:PutRecord", "kinesis:PutRecords"]),
        ("arn:aws:firehose:eu-west-1:111122223333:deliverystream/security", ["firehose:PutRecord", "firehose:PutRecordBatch"]),
        ("arn:aws:lambda:eu-west-1:111122223333:function:alert", ["lambda:InvokeFunction"]),
        ("arn:aws:sns:eu-west-1:111122223333:alerts", ["sns:Publish"]),
        ("arn:aws:sqs:eu-west-1:111122223333:alerts", ["sqs:SendMessage"]),
        ("arn:aws:states:eu-west-1:111122223333:stateMachine:triage", ["states:StartExecution"]),
        ("arn:aws:events:us-east-1:999999999999:event-bus/central", ["events:PutEvents"]),
    ])
    func acceptsEverySinkKindAndItsRoleGetsTheOneActionItNeeds(arn: String, actions: [String]) throws {
        let cells = arn.contains(":events:") ? deployments : arn.contains(":firehose:") || arn.contains(":states:") ? [euWest1[0]] : euWest1
        let plan = try RemediationPlan(watches: [], deployments: cells, targetArn: arn)
        #expect(plan.target.actions == actions)
        let text = CloudFormationTemplate.render(plan)
        #expect(text.contains("                Action: [\(actions.joined(separator: ", "))]"))
        #expect(text.contains("TrailgridForwardingRole:\n    Type: AWS::IAM::Role\n    Condition: CreateRole"))
    }

    @Test(arguments: ["not-an-arn", "arn:aws:s3:::bucket", "arn:aws:ec2:us-east-1:1:instance/i-1", "arn:aws:events:us-east-1:1:rule/x"])
    func refusesOtherTargets(arn: String) {
        #expect(throws: RemediationPlan.TargetError.self) {
            try RemediationPlan(watches: [], deployments: deployments, targetArn: arn)
        }
    }

    /// Only a bus crosses regions: a stream in eu-west-1 cannot receive a
    /// us-east-1 rule's events, and the refusal says which cells and why.
    @Test func aSinkInAnotherRegionIsRefusedNamingTheCells() {
        do {
            _ = try RemediationPlan(watches: [], deployments: deployments, targetArn: "arn:aws:kinesis:eu-west-1:999999999999:stream/s")
            Issue.record("a cross-region sink was accepted")
        } catch {
            #expect(error.description.contains("3 cell(s) in us-east-1, ap-southeast-2 need an event bus target"))
        }
    }

    /// SQS and SNS take events from other accounts through their resource
    /// policy: a role only where the rule's account is not the queue's.
    @Test func aResourcePolicySinkNeedsARoleOnlyFromOtherAccounts() throws {
        let queue = "arn:aws:sqs:eu-west-1:111122223333:alerts"
        let plan = try RemediationPlan(watches: [], deployments: euWest1, targetArn: queue)
        #expect(!plan.target.needsRole(from: "111122223333"))
        #expect(plan.target.needsRole(from: "444455556666"))
        let text = CloudFormationTemplate.render(plan)
        #expect(text.contains("  NeedsRole: !Not [!Equals [!Ref AWS::AccountId, '111122223333']]"))
        let lambda = try RemediationPlan(watches: [], deployments: [euWest1[0]], targetArn: "arn:aws:lambda:eu-west-1:111122223333:function:f")
        #expect(!CloudFormationTemplate.render(lambda).contains("AWS::IAM::Role"))
    }

    /// A bus target is one hop: the template also makes the bus admit the
    /// organization and gives the bus its own rules to the sink.
    @Test func aBusTargetGetsItsPolicyAndItsOwnRules() throws {
        let context = RemediationPlan.Context(busSinkArn: "arn:aws:kinesis:us-east-1:999999999999:stream/alerts",
                                              organizationID: "o-abcd1234", managementAccount: "111122223333")
        let plan = try RemediationPlan(watches: BuiltInWatches.all, deployments: deployments, targetArn: bus, context: context)
        #expect(plan.busHome == RemediationPlan.Deployment(account: "999999999999", region: "us-east-1"))
        let text = CloudFormationTemplate.render(plan)
        #expect(text.contains("            aws:PrincipalOrgID: 'o-abcd1234'"))
        #expect(text.contains("  IsBusHome: !And [!Equals [!Ref AWS::AccountId, '999999999999'], !Equals [!Ref AWS::Region, us-east-1]]"))
        #expect(text.components(separatedBy: "      EventBusName: 'central-security'").count - 1 == 1 + plan.rules.count)
        #expect(text.contains("#     --accounts 999999999999 --regions us-east-1"))

        let terraform = TerraformTemplate.render(plan)
        #expect(terraform.root.contains("resource \"aws_cloudwatch_event_permission\" \"trailgrid_organization\""))
        #expect(terraform.root.contains("module \"bus_"))
        // The management account deploys as itself; members through their role.
        #expect(terraform.root.contains("region = \"eu-west-1\"\n}"))
        #expect(!terraform.root.contains("arn:aws:iam::111122223333:role/"))
        #expect(terraform.root.contains("arn:aws:iam::444455556666:role/"))
        #expect(terraform.module.contains("required_providers"))
    }

    /// Without an organization id the bus admits each remediated account.
    @Test func withoutAnOrganizationTheBusAdmitsEachAccount() throws {
        let text = CloudFormationTemplate.render(try plan())
        #expect(text.contains("          AWS: ['arn:aws:iam::111122223333:root', 'arn:aws:iam::444455556666:root', 'arn:aws:iam::777788889999:root']"))
        #expect(!text.contains("PrincipalOrgID"))
    }

    /// The central bus being its home's default bus: no default-bus rule
    /// there, which would forward the bus to itself.
    @Test func aDefaultBusTargetIsNotForwardedToItselfAtHome() throws {
        let home = "arn:aws:events:eu-west-1:111122223333:event-bus/default"
        let plan = try RemediationPlan(watches: [], deployments: deployments, targetArn: home)
        let text = CloudFormationTemplate.render(plan)
        #expect(text.contains("    Condition: NotBusHome\n    Properties:\n      Name: trailgrid-forward-cloudtrail\n      Description: 'Forward every CloudTrail management event (reads included) for real-time alerting'\n      EventBusName: 'default'"))
        let terraform = TerraformTemplate.render(plan).root
        // Four member cells and the bus side; none for the home's default bus.
        #expect(terraform.components(separatedBy: "source = \"./modules/trailgrid-forwarding\"").count - 1 == deployments.count)
        #expect(!terraform.contains("module \"a111122223333_eu_west_1\""))
        #expect(terraform.contains("module \"a111122223333_us_east_1\""))
    }

    @Test func ruleCountsAreExactPerCell() throws {
        #expect(try plan().ruleCountText == "74 rules: 16 per cell in us-east-1; 14 per cell in eu-west-1, ap-southeast-2")
        let sameRegion = try RemediationPlan(watches: BuiltInWatches.all, deployments: euWest1, targetArn: bus)
        #expect(sameRegion.ruleCountText == "14 rules each")
    }

    @Test func cloudFormationPassesCfnLint() throws {
        try #require(toolExists("cfn-lint"), "cfn-lint is not installed (pip install cfn-lint); .ci/run installs it")
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("trailgrid-remediation.yaml")
        let text = CloudFormationTemplate.render(try plan())
        try Data(text.utf8).write(to: file)
        let result = try runTool(["cfn-lint", file.path])
        #expect(result.status == 0, "\(result.output)")
        // The other shapes: an organization's bus with a sink, a home default bus, a same-account queue.
        let variants = [
            try RemediationPlan(watches: BuiltInWatches.all, deployments: deployments, targetArn: bus, context: .init(
                busSinkArn: "arn:aws:kinesis:us-east-1:999999999999:stream/alerts",
                busSinkRoleArn: "arn:aws:iam::999999999999:role/to-kinesis", organizationID: "o-abcd1234")),
            try RemediationPlan(watches: BuiltInWatches.all, deployments: deployments, targetArn: "arn:aws:events:eu-west-1:111122223333:event-bus/default"),
            try RemediationPlan(watches: [], deployments: euWest1, targetArn: "arn:aws:sqs:eu-west-1:111122223333:alerts"),
        ]
        for (index, variant) in variants.enumerated() {
            let path = directory.appendingPathComponent("variant-\(index).yaml")
            try Data(CloudFormationTemplate.render(variant).utf8).write(to: path)
            let lint = try runTool(["cfn-lint", path.path])
            #expect(lint.status == 0, "variant \(index): \(lint.output)")
        }
        #expect(text.contains("State: ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"))
        #expect(text.contains("--accounts 111122223333 444455556666 --regions eu-west-1 us-east-1"))
    }

    @Test func terraformIsFormattedAsTerraformFmtWould() throws {
        guard toolExists("terraform") else { return }  // optional tool: the issue asks for fmt only when present
        let directory = FeedFixtures.temporaryDirectory()
        let files = TerraformTemplate.render(try plan())
        try Data(files.root.utf8).write(to: directory.appendingPathComponent("main.tf"))
        let module = directory.appendingPathComponent(TerraformTemplate.modulePath)
        try FileManager.default.createDirectory(at: module.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(files.module.utf8).write(to: module)
        let result = try runTool(["terraform", "fmt", "-check", "-recursive", "-diff", directory.path])
        #expect(result.status == 0, "\(result.output)")
        #expect(files.root.components(separatedBy: "provider \"aws\" {").count - 1 == 6)  // five cells and the bus's home
        #expect(files.module.components(separatedBy: "resource \"aws_cloudwatch_event_rule\"").count - 1 == 16)
    }
}

/// Rules cannot fix a cell whose trail does not log: the export says what
/// such a cell needs instead of leaving it out silently.
@Suite struct RemediationTrailHintTests {
    @Test func stoppedAndDarkCellsGetWhatTheyNeedInWords() throws {
        let cells = [
            CellReport(account: "111122223333", accountName: nil, region: "eu-west-1", verdict: .blind, trail: .logging, reason: ""),
            CellReport(account: "111122223333", accountName: nil, region: "us-east-1", verdict: .stopped, trail: .stopped, trails: ["org-trail"], reason: ""),
            CellReport(account: "444455556666", accountName: nil, region: "us-east-1", verdict: .dark, trail: .none, reason: ""),
        ]
        let directory = FeedFixtures.temporaryDirectory()
        let result = try Exporter.writeRemediation(
            cells, watches: BuiltInWatches.all, target: "arn:aws:events:us-east-1:999999999999:event-bus/central", includeSilent: false,
            format: .cloudformation, to: directory.appendingPathComponent("fix.yaml").path, overwrite: false)
        #expect(result.count == 1)
        #expect(result.notes.contains("1 STOPPED cell(s) need their trail logging again, not rules: aws cloudtrail start-logging --name org-trail"))
        #expect(result.notes.contains { $0.hasPrefix("1 DARK cell(s) need a trail, not rules") })
        #expect(result.notes.contains { $0.contains("--bus-sink ARN") })
    }
}
