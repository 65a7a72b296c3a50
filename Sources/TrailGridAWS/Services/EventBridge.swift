/// EventBridge (JSON 1.1): the rules whose patterns decide coverage.
public struct EventBridgeRule: Codable, Sendable, Equatable {
    public var name: String
    public var arn: String?
    public var eventPattern: String?
    public var state: String?
    public var eventBusName: String?
    public var managedBy: String?

    enum CodingKeys: String, CodingKey {
        case name = "Name", arn = "Arn", eventPattern = "EventPattern", state = "State",
             eventBusName = "EventBusName", managedBy = "ManagedBy"
    }
}

extension AWSContext {
    struct ListRulesInput: Encodable {
        var EventBusName: String?
        var NextToken: String?
        var Limit: Int?
    }

    struct ListRulesOutput: Decodable, Sendable {
        var Rules: [EventBridgeRule]?
        var NextToken: String?
    }

    /// Every rule on a bus (the default bus when nil), all pages of at most
    /// `pageSize` rules (the service's own default when nil).
    public func listRules(eventBusName: String? = nil, pageSize: Int? = nil) async throws -> [EventBridgeRule] {
        try await Paginator.all(
            fetch: { try await json11(.eventBridge, "ListRules", ListRulesInput(EventBusName: eventBusName, NextToken: $0, Limit: pageSize),
                                      as: ListRulesOutput.self) },
            items: { $0.Rules ?? [] }, next: { $0.NextToken })
    }

    struct ListTargetsInput: Encodable {
        var Rule: String
        var EventBusName: String?
        var NextToken: String?
    }

    struct ListTargetsOutput: Decodable, Sendable {
        var Targets: [EventBridgeTarget]?
        var NextToken: String?
    }

    /// Every target of a rule, all pages.
    public func listTargetsByRule(_ rule: String, eventBusName: String? = nil) async throws -> [EventBridgeTarget] {
        try await Paginator.all(
            fetch: { try await json11(.eventBridge, "ListTargetsByRule", ListTargetsInput(Rule: rule, EventBusName: eventBusName, NextToken: $0),
                                      as: ListTargetsOutput.self) },
            items: { $0.Targets ?? [] }, next: { $0.NextToken })
    }
}

public struct EventBridgeTarget: Codable, Sendable, Equatable {
    public var id: String
    public var arn: String

    enum CodingKeys: String, CodingKey {
        case id = "Id", arn = "Arn"
    }
}
