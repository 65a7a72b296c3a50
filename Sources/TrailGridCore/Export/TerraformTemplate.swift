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
        var out = "# trailgrid remediation: EventBridge rules on the default bus that forward\n"
        out += "# CloudTrail events for real-time alerting, in every account and region below.\n\n"
        out += requiredProviders
        out += "\n"
        out += variable("target_arn", description: "Central event bus, Kinesis stream or Lambda function that receives the events", value: quoted(plan.targetArn))
        out += "\n"
        out += variable("target_role_arn", description: "Role EventBridge assumes to deliver (required for Kinesis streams and other accounts' buses)", value: "null")
        out += "\n"
        out += variable("deployment_role_name", description: "Role assumed in each account to deploy", value: quoted("OrganizationAccountAccessRole"))
        for deployment in plan.deployments {
            let alias = aliasName(deployment)
            out += "\n"
            out += "provider \"aws\" {\n"
            out += aligned([("alias", quoted(alias)), ("region", quoted(deployment.region))], indent: 1)
            out += "  assume_role {\n"
            out += "    role_arn = \"arn:aws:iam::\(deployment.account):role/${var.deployment_role_name}\"\n"
            out += "  }\n"
            out += "}\n"
            out += "\n"
            out += "module \"\(alias)\" {\n"
            out += aligned([("source", quoted("./modules/trailgrid-forwarding"))], indent: 1)
            out += "  providers = {\n"
            out += "    aws = aws.\(alias)\n"
            out += "  }\n"
            out += aligned([("target_arn", "var.target_arn"), ("target_role_arn", "var.target_role_arn")], indent: 1)
            out += "}\n"
        }
        return out
    }

    static func module(_ plan: RemediationPlan) -> String {
        var out = "# One forwarding rule per watch on the default event bus, each with the target.\n\n"
        out += variable("target_arn", description: "Receiver of the forwarded events", value: nil)
        out += "\n"
        out += variable("target_role_arn", description: "Role EventBridge assumes to deliver, or null", value: "null")
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
                ("event_bus_name", quoted("default")),
                ("state", quoted(rule.state)),
                ("event_pattern", quoted(rule.pattern)),
            ], indent: 1)
            out += "}\n"
            out += "\n"
            out += "resource \"aws_cloudwatch_event_target\" \"\(name)\" {\n"
            if !countLine.isEmpty { out += aligned(countLine, indent: 1) + "\n" }
            out += aligned([
                ("rule", "aws_cloudwatch_event_rule.\(name)\(index).name"),
                ("event_bus_name", quoted("default")),
                ("target_id", quoted("trailgrid-target")),
                ("arn", "var.target_arn"),
                ("role_arn", "var.target_role_arn"),
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
