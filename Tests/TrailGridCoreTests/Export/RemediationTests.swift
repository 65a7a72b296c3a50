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

    @Test(arguments: [
        "arn:aws:kinesis:eu-west-1:999999999999:stream/security-events",
        "arn:aws:lambda:eu-west-1:999999999999:function:alert",
        "arn:aws:events:us-east-1:999999999999:event-bus/central",
    ])
    func acceptsTheThreeTargetKinds(arn: String) throws {
        _ = try RemediationPlan(watches: [], deployments: deployments, targetArn: arn)
    }

    @Test(arguments: ["not-an-arn", "arn:aws:s3:::bucket", "arn:aws:sns:us-east-1:1:topic"])
    func refusesOtherTargets(arn: String) {
        #expect(throws: RemediationPlan.TargetError.self) {
            try RemediationPlan(watches: [], deployments: deployments, targetArn: arn)
        }
    }

    @Test func cloudFormationPassesCfnLint() throws {
        try #require(toolExists("cfn-lint"), "cfn-lint is not installed (pip install cfn-lint); .ci/run installs it")
        let directory = FeedFixtures.temporaryDirectory()
        let file = directory.appendingPathComponent("trailgrid-remediation.yaml")
        let text = CloudFormationTemplate.render(try plan())
        try Data(text.utf8).write(to: file)
        let result = try runTool(["cfn-lint", file.path])
        #expect(result.status == 0, "\(result.output)")
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
        #expect(files.root.components(separatedBy: "provider \"aws\" {").count - 1 == 5)
        #expect(files.module.components(separatedBy: "resource \"aws_cloudwatch_event_rule\"").count - 1 == 16)
    }
}
