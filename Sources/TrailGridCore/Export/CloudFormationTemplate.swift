/// A CloudFormation template (YAML) fit for a StackSet: deployed as one
/// stack instance per listed account and region, it creates the forwarding
/// rules there. The account/region pairs ride along in `Metadata` and in a
/// comment with the `create-stack-instances` commands.
public enum CloudFormationTemplate {
    public static func render(_ plan: RemediationPlan) -> String {
        let target = plan.target
        var lines: [String] = []
        lines.append("# trailgrid remediation: EventBridge rules on the default bus that forward")
        lines.append("# CloudTrail events to \(sanitized(plan.targetArn)).")
        lines.append("# Deploy as a StackSet to these stack instances:")
        for group in plan.accountsByRegionSet {
            lines.append("#   aws cloudformation create-stack-instances --stack-set-name trailgrid-forwarding \\")
            lines.append("#     --accounts \(group.accounts.joined(separator: " ")) --regions \(group.regions.joined(separator: " "))")
        }
        if let home = plan.busHome, !plan.deployments.contains(home) {
            lines.append("# and, for the bus side (its policy and its own rules), to the bus's home:")
            lines.append("#   aws cloudformation create-stack-instances --stack-set-name trailgrid-forwarding \\")
            lines.append("#     --accounts \(home.account) --regions \(home.region)")
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
        if let home = plan.busHome {
            lines.append("    busHome:")
            lines.append("      account: '\(home.account)'")
            lines.append("      region: \(home.region)")
        }
        lines.append("Parameters:")
        lines.append("  TargetArn:")
        lines.append("    Type: String")
        lines.append("    Default: \(yamlString(plan.targetArn))")
        lines.append("    Description: The \(target.kindName) that receives the events")
        lines.append("  TargetRoleArn:")
        lines.append("    Type: String")
        lines.append("    Default: \(yamlString(plan.context.targetRoleArn ?? ""))")
        lines.append("    Description: Role EventBridge assumes to deliver; empty to create one where the target needs it")
        if plan.busHome != nil {
            lines.append("  BusSinkArn:")
            lines.append("    Type: String")
            lines.append("    Default: \(yamlString(plan.context.busSinkArn ?? ""))")
            lines.append("    Description: Where the central bus's own rules send the events; empty for the bus policy only")
            lines.append("  BusSinkRoleArn:")
            lines.append("    Type: String")
            lines.append("    Default: \(yamlString(plan.context.busSinkRoleArn ?? ""))")
            lines.append("    Description: Role the central bus's rules assume to deliver to BusSinkArn (Kinesis, Firehose, Step Functions)")
        }
        lines.append("Conditions:")
        // Whether this stack's account needs a role to reach the target:
        // always for a bus or a role-only sink, else only from another account.
        let roleValue: String
        // No role at all when no stack needs one (a same-account Lambda, SNS, SQS or log group).
        let anyNeedsRole = plan.deployments.contains { target.needsRole(from: $0.account) }
        if target.actions.isEmpty || !anyNeedsRole {
            lines.append("  HasTargetRole: !Not [!Equals [!Ref TargetRoleArn, '']]")
            roleValue = "!If [HasTargetRole, !Ref TargetRoleArn, !Ref AWS::NoValue]"
        } else if target.alwaysNeedsRole {
            lines.append("  CreateRole: !Equals [!Ref TargetRoleArn, '']")
            roleValue = "!If [CreateRole, !GetAtt TrailgridForwardingRole.Arn, !Ref TargetRoleArn]"
        } else {
            lines.append("  HasTargetRole: !Not [!Equals [!Ref TargetRoleArn, '']]")
            lines.append("  NeedsRole: !Not [!Equals [!Ref AWS::AccountId, '\(target.account)']]")
            lines.append("  CreateRole: !And [!Condition NeedsRole, !Not [!Condition HasTargetRole]]")
            lines.append("  UseGivenRole: !And [!Condition NeedsRole, !Condition HasTargetRole]")
            roleValue = "!If [CreateRole, !GetAtt TrailgridForwardingRole.Arn, !If [UseGivenRole, !Ref TargetRoleArn, !Ref AWS::NoValue]]"
        }
        if let home = plan.busHome {
            lines.append("  IsBusHome: !And [!Equals [!Ref AWS::AccountId, '\(home.account)'], !Equals [!Ref AWS::Region, \(home.region)]]")
            lines.append("  HasBusSink: !And [!Condition IsBusHome, !Not [!Equals [!Ref BusSinkArn, '']]]")
            lines.append("  HasBusSinkRole: !Not [!Equals [!Ref BusSinkRoleArn, '']]")
            if plan.targetIsHomeDefaultBus { lines.append("  NotBusHome: !Not [!Condition IsBusHome]") }
        }
        let regionSets = Array(Set(plan.rules.compactMap(\.onlyRegions))).sorted { $0.joined() < $1.joined() }
        for regions in regionSets {
            let tests = regions.map { "!Equals [!Ref AWS::Region, \($0)]" }
            let condition = tests.count == 1 ? tests[0] : "!Or [\(tests.joined(separator: ", "))]"
            lines.append("  \(conditionName(regions)): \(condition)")
            if plan.busHome != nil {
                lines.append("  \(conditionName(regions))AndBusSink: !And [!Condition \(conditionName(regions)), !Condition HasBusSink]")
            }
            if plan.targetIsHomeDefaultBus {
                lines.append("  \(conditionName(regions))AndNotBusHome: !And [!Condition \(conditionName(regions)), !Condition NotBusHome]")
            }
        }
        lines.append("Resources:")
        if !target.actions.isEmpty && anyNeedsRole { lines += roleResource(target) }
        for rule in plan.rules {
            lines += ruleResource(
                id: logicalID(rule.name), rule: rule, bus: "default", target: "!Ref TargetArn",
                role: roleValue,
                condition: combined(rule.onlyRegions.map(conditionName), plan.targetIsHomeDefaultBus ? "NotBusHome" : nil, suffix: "AndNotBusHome"))
        }
        if let bus = target.bus {
            lines += busPolicy(plan, bus: bus)
            for rule in plan.rules {
                lines += ruleResource(
                    id: logicalID(rule.name) + "OnBus", rule: rule, bus: bus.name, target: "!Ref BusSinkArn",
                    role: "!If [HasBusSinkRole, !Ref BusSinkRoleArn, !Ref AWS::NoValue]",
                    condition: combined(rule.onlyRegions.map(conditionName), "HasBusSink", suffix: "AndBusSink"))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The role EventBridge assumes to deliver, allowed the target's one action.
    static func roleResource(_ target: RemediationPlan.Target) -> [String] {
        [
            "  TrailgridForwardingRole:",
            "    Type: AWS::IAM::Role",
            "    Condition: CreateRole",
            "    Properties:",
            "      Description: Lets EventBridge deliver trailgrid's forwarded events to the \(target.kindName)",
            "      AssumeRolePolicyDocument:",
            "        Version: '2012-10-17'",
            "        Statement:",
            "          - Effect: Allow",
            "            Principal:",
            "              Service: events.amazonaws.com",
            "            Action: sts:AssumeRole",
            "      Policies:",
            "        - PolicyName: trailgrid-deliver",
            "          PolicyDocument:",
            "            Version: '2012-10-17'",
            "            Statement:",
            "              - Effect: Allow",
            "                Action: [\(target.actions.joined(separator: ", "))]",
            "                Resource: !Ref TargetArn",
        ]
    }

    /// A rule limited to some regions is created only there, and a member's
    /// rule only outside the bus's home: the conditions combine by name.
    static func combined(_ regions: String?, _ other: String?, suffix: String) -> String? {
        switch (regions, other) {
        case let (regions?, _?): return regions + suffix
        case let (regions?, nil): return regions
        case let (nil, other?): return other
        case (nil, nil): return nil
        }
    }

    static func ruleResource(id: String, rule: RemediationPlan.Rule, bus: String, target: String, role: String, condition: String?) -> [String] {
        var lines = ["  \(id):", "    Type: AWS::Events::Rule"]
        if let condition { lines.append("    Condition: \(condition)") }
        lines.append("    Properties:")
        lines.append("      Name: \(rule.name)")
        lines.append("      Description: \(yamlString(rule.description))")
        lines.append("      EventBusName: \(yamlString(bus))")
        lines.append("      State: \(rule.state)")
        lines.append("      EventPattern: \(rule.pattern)")
        lines.append("      Targets:")
        lines.append("        - Id: trailgrid-target")
        lines.append("          Arn: \(target)")
        lines.append("          RoleArn: \(role)")
        return lines
    }

    /// The statement that lets the organization (or, without a known
    /// organization id, each remediated account) put events on the bus.
    static func busPolicy(_ plan: RemediationPlan, bus: BusKey) -> [String] {
        var lines = [
            "  TrailgridBusPolicy:",
            "    Type: AWS::Events::EventBusPolicy",
            "    Condition: IsBusHome",
            "    Properties:",
            "      EventBusName: \(yamlString(bus.name))",
            "      StatementId: trailgrid-senders",
            "      Statement:",
            "        Effect: Allow",
            "        Action: events:PutEvents",
            "        Resource: \(yamlString(plan.targetArn))",
        ]
        if let organization = plan.context.organizationID {
            lines.append("        Principal: '*'")
            lines.append("        Condition:")
            lines.append("          StringEquals:")
            lines.append("            aws:PrincipalOrgID: \(yamlString(organization))")
        } else {
            let accounts = Set(plan.deployments.map(\.account)).subtracting([bus.cell.account]).sorted()
            lines.append("        Principal:")
            lines.append("          AWS: [\(accounts.map { "'arn:aws:iam::\($0):root'" }.joined(separator: ", "))]")
        }
        return lines
    }

    /// Comment text from an ARN the user typed: one line, printable.
    static func sanitized(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
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
