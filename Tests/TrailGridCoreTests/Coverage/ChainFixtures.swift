import Foundation
@testable import TrailGridCore

/// Buses, their policies and their rules in the shapes `aws events
/// list-event-buses`, `list-rules --event-bus-name` and
/// `list-targets-by-rule --event-bus-name` print (moto_server prints the same).
extension InventoryFixture {
    struct Target {
        var id: String
        var arn: String
        var role: String?

        var json: String {
            #"{"Id":"\#(id)","Arn":"\#(arn)"\#(role.map { #","RoleArn":"\#($0)""# } ?? "")}"#
        }

        static func bus(_ name: String, account: String, region: String, role: String? = "arn:aws:iam::111111111111:role/events-to-central") -> Target {
            Target(id: "bus-\(name)", arn: "arn:aws:events:\(region):\(account):event-bus/\(name)", role: role)
        }

        static func kinesis(account: String, region: String, role: Bool = true) -> Target {
            Target(id: "stream", arn: "arn:aws:kinesis:\(region):\(account):stream/security-events",
                   role: role ? "arn:aws:iam::\(account):role/events-to-kinesis" : nil)
        }
    }

    struct ChainRule {
        var name: String
        var pattern: String = TestWatches.everything
        var state = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
        /// nil: no targets file.
        var targets: [Target]?
    }

    /// Rules on `bus` of `account`/`region`: `rules.json` and `targets/` for
    /// the default bus, `buses/<bus>/…` for any other.
    func chainRules(_ account: String, _ region: String, bus: String = "default", _ list: [ChainRule]) {
        let base = bus == "default" ? "\(account)/\(region)" : "\(account)/\(region)/buses/\(bus)"
        let ruleArn = { (name: String) in
            bus == "default" ? "arn:aws:events:\(region):\(account):rule/\(name)" : "arn:aws:events:\(region):\(account):rule/\(bus)/\(name)"
        }
        let items = list.map { rule in
            #"{"Name":"\#(rule.name)","Arn":"\#(ruleArn(rule.name))","EventPattern":\#(JSONWriter.quoted(rule.pattern)),"State":"\#(rule.state)","EventBusName":"\#(bus)"}"#
        }
        write("\(base)/rules.json", #"{"Rules":[\#(items.joined(separator: ","))]}"#)
        for rule in list {
            guard let targets = rule.targets else { continue }
            write("\(base)/targets/\(rule.name).json", #"{"Targets":[\#(targets.map(\.json).joined(separator: ","))]}"#)
        }
    }

    /// list-event-buses: the default bus and `custom`, each with its policy (a JSON document) if any.
    func buses(_ account: String, _ region: String, _ custom: [(name: String, policy: String?)], defaultPolicy: String? = nil) {
        let items = ([("default", defaultPolicy)] + custom).map { name, policy -> String in
            var members = [#""Name":"\#(name)""#, #""Arn":"arn:aws:events:\#(region):\#(account):event-bus/\#(name)""#]
            if let policy { members.append(#""Policy":\#(JSONWriter.quoted(policy))"#) }
            return "{" + members.joined(separator: ",") + "}"
        }
        write("\(account)/\(region)/buses.json", #"{"EventBuses":[\#(items.joined(separator: ","))]}"#)
    }

    /// A policy of `statements` (each a JSON object's text).
    static func policy(_ statements: [String]) -> String {
        #"{"Version":"2012-10-17","Statement":[\#(statements.joined(separator: ","))]}"#
    }

    /// What `put-permission --principal '*' --condition Type=StringEquals,Key=aws:PrincipalOrgID,Value=…`
    /// leaves: AWS writes the principal `"*"`, moto `{"AWS":"arn:aws:iam::*:root"}`.
    static func organizationStatement(_ organization: String, bus: String, moto: Bool = false) -> String {
        let principal = moto ? #"{"AWS":"arn:aws:iam::*:root"}"# : #""*""#
        return #"{"Sid":"OrganizationMembers","Effect":"Allow","Principal":\#(principal),"Action":"events:PutEvents","Resource":"\#(bus)","Condition":{"StringEquals":{"aws:PrincipalOrgID":"\#(organization)"}}}"#
    }

    /// What `put-permission --principal ACCOUNT` leaves.
    static func accountStatement(_ account: String, bus: String, principal: String? = nil) -> String {
        let named = principal ?? "arn:aws:iam::\(account):root"
        return #"{"Sid":"Account\#(account)","Effect":"Allow","Principal":{"AWS":"\#(named)"},"Action":"events:PutEvents","Resource":"\#(bus)"}"#
    }
}
