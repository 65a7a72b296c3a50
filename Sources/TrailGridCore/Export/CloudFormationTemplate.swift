/// A CloudFormation template (YAML) fit for a StackSet: deployed as one
/// stack instance per listed account and region, it creates the forwarding
/// rules there. The account/region pairs ride along in `Metadata` and in a
/// comment with the `create-stack-instances` commands.
public enum CloudFormationTemplate {
    public static func render(_ plan: RemediationPlan) -> String {
        var lines: [String] = []
        lines.append("# trailgrid remediation: EventBridge rules on the default bus that forward")
        lines.append("# CloudTrail events to \(plan.targetArn).")
        lines.append("# Deploy as a StackSet to these stack instances:")
        for group in plan.accountsByRegionSet {
            lines.append("#   aws cloudformation create-stack-instances --stack-set-name trailgrid-forwarding \\")
            lines.append("#     --accounts \(group.accounts.joined(separator: " ")) --regions \(group.regions.joined(separator: " "))")
        }
        lines.append("AWSTemplateFormatVersion: '2010-09-09'")
        lines.append("Description: trailgrid - forward CloudTrail events from this account and region for real-time alerting")
        lines.append("Metadata:")
        lines.append("  trailgrid:")
        lines.append("    deployments:")
        for deployment in plan.deployments {
            lines.append("      - account: '\(deployment.account)'")
            lines.append("        region: \(deployment.region)")
        }
        lines.append("Parameters:")
        lines.append("  TargetArn:")
        lines.append("    Type: String")
        lines.append("    Default: \(yamlString(plan.targetArn))")
        lines.append("    Description: Central event bus, Kinesis stream or Lambda function that receives the events")
        lines.append("  TargetRoleArn:")
        lines.append("    Type: String")
        lines.append("    Default: ''")
        lines.append("    Description: Role EventBridge assumes to deliver (required for Kinesis streams and event buses in other accounts)")
        lines.append("Conditions:")
        lines.append("  HasTargetRole: !Not [!Equals [!Ref TargetRoleArn, '']]")
        let regionSets = Array(Set(plan.rules.compactMap(\.onlyRegions))).sorted { $0.joined() < $1.joined() }
        for regions in regionSets {
            let tests = regions.map { "!Equals [!Ref AWS::Region, \($0)]" }
            let condition = tests.count == 1 ? tests[0] : "!Or [\(tests.joined(separator: ", "))]"
            lines.append("  \(conditionName(regions)): \(condition)")
        }
        lines.append("Resources:")
        for rule in plan.rules {
            lines.append("  \(logicalID(rule.name)):")
            lines.append("    Type: AWS::Events::Rule")
            if let regions = rule.onlyRegions {
                lines.append("    Condition: \(conditionName(regions))")
            }
            lines.append("    Properties:")
            lines.append("      Name: \(rule.name)")
            lines.append("      Description: \(yamlString(rule.description))")
            lines.append("      EventBusName: default")
            lines.append("      State: \(rule.state)")
            lines.append("      EventPattern: \(rule.pattern)")
            lines.append("      Targets:")
            lines.append("        - Id: trailgrid-target")
            lines.append("          Arn: !Ref TargetArn")
            lines.append("          RoleArn: !If [HasTargetRole, !Ref TargetRoleArn, !Ref AWS::NoValue]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `InRegionUsEast1`: a global service's rule is created only where its events land.
    static func conditionName(_ regions: [String]) -> String {
        "InRegion" + logicalID(regions.joined(separator: "-"))
    }

    /// `trailgrid-security-group-changes` → `TrailgridSecurityGroupChanges`
    /// (logical IDs are alphanumeric).
    static func logicalID(_ name: String) -> String {
        name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }

    /// A single-quoted YAML scalar (quotes doubled), safe for any text.
    static func yamlString(_ text: String) -> String {
        let clean = text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }
        return "'" + String(String.UnicodeScalarView(clean)).split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
    }
}
