import TrailGridAWS
import TrailGridCore

/// The calls a native collect makes, each answered as the document the aws
/// CLI would have printed for it: every page followed and merged into one
/// list, the pagination token dropped. The inventory reader reads both
/// paths' files alike; JSON 1.1 times stay epoch seconds (the reader takes
/// either form).
///
/// Page sizes are each API's maximum, so that an account with many rules
/// costs one call more per hundred rules, not per rule page of ten.
struct CollectCalls: Sendable {
    let context: AWSContext

    /// ListRules' and ListTargetsByRule's and ListEventBuses' maximum `Limit`.
    static let eventBridgePage = 100
    /// ListAccounts' maximum `MaxResults`.
    static let organizationsPage = 20
    /// Account ListRegions' maximum `MaxResults`.
    static let accountRegionsPage = 50

    func describeTrails() async throws -> JSONValue {
        try await single(.cloudTrail, "DescribeTrails", ["includeShadowTrails": .bool(true)])
    }

    func trailStatus(_ name: String) async throws -> JSONValue {
        try await single(.cloudTrail, "GetTrailStatus", ["Name": .string(name)])
    }

    func eventSelectors(_ name: String) async throws -> JSONValue {
        try await single(.cloudTrail, "GetEventSelectors", ["TrailName": .string(name)])
    }

    /// A bus's rules; the default bus's when `bus` is nil.
    func listRules(bus: String?) async throws -> JSONValue {
        var input: [String: InputField] = ["Limit": .int(Self.eventBridgePage)]
        if let bus { input["EventBusName"] = .string(bus) }
        return try await pages(.eventBridge, "ListRules", input, list: "Rules")
    }

    func listTargets(rule: String, bus: String?) async throws -> JSONValue {
        var input: [String: InputField] = ["Rule": .string(rule), "Limit": .int(Self.eventBridgePage)]
        if let bus { input["EventBusName"] = .string(bus) }
        return try await pages(.eventBridge, "ListTargetsByRule", input, list: "Targets")
    }

    /// Every bus with its Policy string: what a forwarded event is admitted by.
    func listEventBuses() async throws -> JSONValue {
        try await pages(.eventBridge, "ListEventBuses", ["Limit": .int(Self.eventBridgePage)], list: "EventBuses")
    }

    func listAccounts() async throws -> JSONValue {
        try await pages(.organizations, "ListAccounts", ["MaxResults": .int(Self.organizationsPage)], list: "Accounts")
    }

    /// Account ListRegions with no status filter, so that regions.json says
    /// which regions are disabled as well as which are enabled, as
    /// `ec2 describe-regions --all-regions` does.
    func listRegions() async throws -> JSONValue {
        var merged: [JSONValue] = []
        var first: [JSONMember] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            var input: [String: InputField] = ["MaxResults": .int(Self.accountRegionsPage)]
            if let token { input["NextToken"] = .string(token) }
            let body = try ProtocolCodec.encodeJSON(input)
            let response = try await context.rest(.account, "ListRegions", ProtocolCodec.rest(method: "POST", path: "/listRegions", json: body))
            let page = try Self.parse(response.body, "ListRegions")
            if first.isEmpty { first = page.objectValue ?? [] }
            merged += page["Regions"]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue
            if let next = token, !seen.insert(next).inserted { throw AWSClientError.decoding("ListRegions: the same NextToken came back twice") }
        } while token?.isEmpty == false
        return Self.replacing("Regions", with: merged, in: first, dropping: "NextToken")
    }

    /// EC2 DescribeRegions --all-regions, as the CLI prints it: the fallback
    /// where the Account API is not allowed (or not emulated).
    func describeRegions() async throws -> JSONValue {
        let tree = try await context.query(.ec2, "DescribeRegions", [.init("AllRegions", "true")])
        let items = (tree.first("regionInfo")?.children("item") ?? []).compactMap { item -> JSONValue? in
            guard let name = item.child("regionName")?.text else { return nil }
            var members = [JSONMember("Endpoint", .string(item.child("regionEndpoint")?.text ?? "")), JSONMember("RegionName", .string(name))]
            if let status = item.child("optInStatus")?.text { members.append(JSONMember("OptInStatus", .string(status))) }
            return .object(members)
        }
        return .object([JSONMember("Regions", .array(items))])
    }

    private func single(_ service: AWSService, _ operation: String, _ input: [String: InputField]) async throws -> JSONValue {
        try Self.parse(try await context.json11Body(service, operation, input), operation)
    }

    /// Follows `NextToken` to the end and returns the first page with
    /// `list` holding every page's items.
    private func pages(_ service: AWSService, _ operation: String, _ input: [String: InputField], list: String) async throws -> JSONValue {
        var first: [JSONMember] = []
        var items: [JSONValue] = []
        var token: String?
        var seen: Set<String> = []
        repeat {
            var request = input
            if let token { request["NextToken"] = .string(token) }
            let page = try Self.parse(try await context.json11Body(service, operation, request), operation)
            if first.isEmpty { first = page.objectValue ?? [] }
            items += page[list]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue
            if let next = token, !next.isEmpty, !seen.insert(next).inserted {
                throw AWSClientError.decoding("\(operation): the same NextToken came back twice")
            }
        } while token?.isEmpty == false
        return Self.replacing(list, with: items, in: first, dropping: "NextToken")
    }

    static func parse(_ body: [UInt8], _ operation: String) throws -> JSONValue {
        do {
            let value = try JSONParser.parse(body.isEmpty ? Array("{}".utf8) : body)
            guard value.objectValue != nil else { throw AWSClientError.decoding("\(operation): the answer is not a JSON object") }
            return value
        } catch let error as AWSClientError {
            throw error
        } catch {
            throw AWSClientError.decoding("\(operation): the answer is not JSON: \(error)")
        }
    }

    static func replacing(_ list: String, with items: [JSONValue], in members: [JSONMember], dropping token: String) -> JSONValue {
        var out = members.filter { $0.key != token && $0.key != list }
        out.insert(JSONMember(list, .array(items)), at: 0)
        return .object(out)
    }
}

/// One member of a JSON request: the inputs are flat, and a dictionary of
/// these encodes as the object the operation takes.
enum InputField: Encodable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        }
    }
}
