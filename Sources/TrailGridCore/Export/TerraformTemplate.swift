/// Terraform for the same plan: one `aws` provider alias per account and
/// region (assuming a deployment role in each account), and one instance of
/// the forwarding module per alias. The module's text is returned separately
/// (`modules/trailgrid-forwarding/main.tf` beside the root file), since
/// Terraform modules live in their own directory.
///
/// Output is laid out as `terraform fmt` would (aligned `=` in runs of
/// one-line attributes), so `terraform fmt -check` passes on it.
public enum TerraformTemplate {
    public struct Files: Sendable, Equatable {
        /// The root configuration: variables, provider aliases, module calls.
        public var root: String
        /// `modules/trailgrid-forwarding/main.tf`.
        public var module: String
    }

    public static let modulePath = "modules/trailgrid-forwarding/main.tf"

    public static func render(_ plan: RemediationPlan) -> Files {
        Files(root: root(plan), module: module(plan))
    }

    static func root(_ plan: RemediationPlan) -> String {
        let target = plan.target
        var out = "# trailgrid remediation: EventBridge rules on the default bus that forward\n"
        out += "# CloudTrail events for real-time alerting, in every account and region below.\n\n"
        out += requiredProviders
        out += "\n"
        out += variable("target_arn", description: "The \(target.kindName) that receives the events", value: quoted(plan.targetArn))
        out += "\n"
        out += variable("target_role_arn", description: "Role EventBridge assumes to deliver; null to create one where the target needs it",
                        value: plan.context.targetRoleArn.map(quoted) ?? "null")
        out += "\n"
        out += variable("deployment_role_name", description: "Role assumed in each member account to deploy", value: quoted("OrganizationAccountAccessRole"))
        if plan.busHome != nil {
            out += "\n"
            out += variable("bus_sink_arn", description: "Where the central bus's own rules send the events; null for the bus policy only",
                            value: plan.context.busSinkArn.map(quoted) ?? "null")
            out += "\n"
            out += variable("bus_sink_role_arn", description: "Role the central bus's rules assume to deliver to bus_sink_arn",
                            value: plan.context.busSinkRoleArn.map(quoted) ?? "null")
        }
        var providers = Set<String>()
        func provider(_ deployment: RemediationPlan.Deployment) -> String {
            let alias = aliasName(deployment)
            guard providers.insert(alias).inserted else { return "" }
            var text = "\nprovider \"aws\" {\n"
            text += aligned([("alias", quoted(alias)), ("region", quoted(deployment.region))], indent: 1)
            // terraform runs with the management account's credentials:
            // there it deploys as itself, since no member role exists there.
            if deployment.account != plan.context.managementAccount {
                text += "  assume_role {\n"
                text += "    role_arn = \"arn:aws:iam::\(deployment.account):role/${var.deployment_role_name}\"\n"
                text += "  }\n"
            }
            return text + "}\n"
        }
        // The home's own default bus is not forwarded to itself (`targetIsHomeDefaultBus`).
        for deployment in plan.deployments where !(plan.targetIsHomeDefaultBus && deployment == plan.busHome) {
            let alias = aliasName(deployment)
            let needsRole = target.needsRole(from: deployment.account)
            let createsRole = needsRole && !target.actions.isEmpty
            out += provider(deployment)
            out += "\n"
            out += "module \"\(alias)\" {\n"
            out += aligned([("source", quoted("./modules/trailgrid-forwarding"))], indent: 1)
            out += "  providers = {\n"
            out += "    aws = aws.\(alias)\n"
            out += "  }\n"
            out += aligned([
                ("target_arn", "var.target_arn"),
                ("target_role_arn", needsRole ? "var.target_role_arn" : "null"),
                ("create_role", createsRole ? "var.target_role_arn == null" : "false"),
            ], indent: 1)
            out += "}\n"
        }
        if let home = plan.busHome, let bus = target.bus {
            let alias = aliasName(home)
            out += provider(home)
            out += "\n# The central bus admits the senders and sends the events on.\n"
            if let organization = plan.context.organizationID {
                out += permission(name: "trailgrid_organization", alias: alias, bus: bus.name, principal: "*", statement: "trailgrid-organization", organization: organization)
            } else {
                for account in Set(plan.deployments.map(\.account)).subtracting([home.account]).sorted() {
                    out += permission(name: "trailgrid_\(account)", alias: alias, bus: bus.name, principal: account, statement: "trailgrid-\(account)", organization: nil)
                }
            }
            out += "\n"
            out += "module \"bus_\(alias)\" {\n"
            out += aligned([
                ("source", quoted("./modules/trailgrid-forwarding")),
                ("count", "var.bus_sink_arn == null ? 0 : 1"),
            ], indent: 1)
            out += "  providers = {\n"
            out += "    aws = aws.\(alias)\n"
            out += "  }\n"
            out += aligned([
                ("event_bus_name", quoted(bus.name)),
                ("target_arn", "var.bus_sink_arn"),
                ("target_role_arn", "var.bus_sink_role_arn"),
            ], indent: 1)
            out += "}\n"
        }
        return out
    }

    static func permission(name: String, alias: String, bus: String, principal: String, statement: String, organization: String?) -> String {
        var out = "\nresource \"aws_cloudwatch_event_permission\" \"\(name)\" {\n"
        out += aligned([
            ("provider", "aws.\(alias)"),
            ("event_bus_name", quoted(bus)),
            ("principal", quoted(principal)),
            ("statement_id", quoted(statement)),
        ], indent: 1)
        if let organization {
            out += "\n  condition {\n"
            out += aligned([("key", quoted("aws:PrincipalOrgID")), ("type", quoted("StringEquals")), ("value", quoted(organization))], indent: 2)
            out += "  }\n"
        }
        return out + "}\n"
    }

    static func module(_ plan: RemediationPlan) -> String {
        var out = "# One forwarding rule per watch on an event bus, each with the target.\n\n"
        out += requiredProviders
        out += "\n"
        out += variable("target_arn", description: "Receiver of the forwarded events", value: nil)
        out += "\n"
        out += variable("target_role_arn", description: "Role EventBridge assumes to deliver, or null", value: "null")
        out += "\n"
        out += variable("event_bus_name", description: "The bus the rules are on", value: quoted("default"))
        out += "\n"
        out += "variable \"create_role\" {\n" + aligned([("description", quoted("Create a role for EventBridge to deliver with")), ("type", "bool"), ("default", "false")], indent: 1) + "}\n"
        let actions = plan.target.actions
        if !actions.isEmpty {
            out += "\n"
            out += "resource \"aws_iam_role\" \"deliver\" {\n"
            out += aligned([
                ("count", "var.create_role ? 1 : 0"),
                ("name_prefix", quoted("trailgrid-deliver-")),
                ("assume_role_policy", "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Principal = { Service = \"events.amazonaws.com\" }, Action = \"sts:AssumeRole\" }] })"),
            ], indent: 1)
            out += "}\n\n"
            out += "resource \"aws_iam_role_policy\" \"deliver\" {\n"
            out += aligned([
                ("count", "var.create_role ? 1 : 0"),
                ("role", "aws_iam_role.deliver[0].id"),
                ("policy", "jsonencode({ Version = \"2012-10-17\", Statement = [{ Effect = \"Allow\", Action = [\(actions.map(quoted).joined(separator: ", "))], Resource = var.target_arn }] })"),
            ], indent: 1)
            out += "}\n"
        }
        let roleValue = actions.isEmpty ? "var.target_role_arn" : "var.create_role ? aws_iam_role.deliver[0].arn : var.target_role_arn"
        if plan.rules.contains(where: { $0.onlyRegions != nil }) {
            out += "\n# Global services (IAM, Organizations) record their events in us-east-1 only.\n"
            out += "data \"aws_region\" \"current\" {}\n"
        }
        for rule in plan.rules {
            let name = resourceName(rule.name)
            // A rule limited to some regions exists (count 1) only there.
            let count = rule.onlyRegions.map { regions in
                "contains([\(regions.map(quoted).joined(separator: ", "))], data.aws_region.current.name) ? 1 : 0"
            }
            let index = count == nil ? "" : "[0]"
            let countLine = count.map { [("count", $0)] } ?? []
            out += "\n"
            out += "resource \"aws_cloudwatch_event_rule\" \"\(name)\" {\n"
            if !countLine.isEmpty { out += aligned(countLine, indent: 1) + "\n" }
            out += aligned([
                ("name", quoted(rule.name)),
                ("description", quoted(rule.description)),
                ("event_bus_name", "var.event_bus_name"),
                ("state", quoted(rule.state)),
                ("event_pattern", quoted(rule.pattern)),
            ], indent: 1)
            out += "}\n"
            out += "\n"
            out += "resource \"aws_cloudwatch_event_target\" \"\(name)\" {\n"
            if !countLine.isEmpty { out += aligned(countLine, indent: 1) + "\n" }
            out += aligned([
                ("rule", "aws_cloudwatch_event_rule.\(name)\(index).name"),
                ("event_bus_name", "var.event_bus_name"),
                ("target_id", quoted("trailgrid-target")),
                ("arn", "var.target_arn"),
                ("role_arn", roleValue),
            ], indent: 1)
            out += "}\n"
        }
        return out
    }

    static func variable(_ name: String, description: String, value: String?) -> String {
        var attributes = [("description", quoted(description)), ("type", "string")]
        if let value { attributes.append(("default", value)) }
        return "variable \"\(name)\" {\n" + aligned(attributes, indent: 1) + "}\n"
    }

    /// `key = value` lines with the `=` aligned, as `terraform fmt` does.
    static func aligned(_ attributes: [(String, String)], indent: Int) -> String {
        let width = attributes.map(\.0.count).max() ?? 0
        let pad = String(repeating: "  ", count: indent)
        return attributes.map { key, value in
            pad + key + String(repeating: " ", count: width - key.count) + " = " + value + "\n"
        }.joined()
    }

    /// The provider version that knows `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`.
    static let requiredProviders = """
        terraform {
          required_providers {
            aws = {
              source  = "hashicorp/aws"
              version = ">= 5.50"
            }
          }
        }

        """

    /// An HCL string literal: JSON-style escapes, plus `${` and `%{`
    /// (template sequences in HCL) doubled so pattern text stays literal.
    static func quoted(_ text: String) -> String {
        var out = JSONWriter.quoted(text)
        out = out.split(separator: "${", omittingEmptySubsequences: false).joined(separator: "$${")
        out = out.split(separator: "%{", omittingEmptySubsequences: false).joined(separator: "%%{")
        return out
    }

    static func aliasName(_ deployment: RemediationPlan.Deployment) -> String {
        "a\(deployment.account)_" + deployment.region.replacingOccurrences(of: "-", with: "_")
    }

    static func resourceName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
