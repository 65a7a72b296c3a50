/// Organizations (JSON 1.1, global): the member accounts a collect visits.
public struct OrganizationAccount: Codable, Sendable, Equatable {
    public var id: String
    public var arn: String?
    public var name: String?
    public var email: String?
    public var status: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", arn = "Arn", name = "Name", email = "Email", status = "Status"
    }
}

public struct Organization: Codable, Sendable, Equatable {
    public var id: String
    public var managementAccountID: String?

    enum CodingKeys: String, CodingKey {
        case id = "Id", managementAccountID = "MasterAccountId"
    }
}

extension AWSContext {
    struct TokenInput: Encodable {
        var NextToken: String?
    }

    struct ListAccountsOutput: Decodable, Sendable {
        var Accounts: [OrganizationAccount]?
        var NextToken: String?
    }

    /// Every account of the organization, all pages.
    public func listAccounts() async throws -> [OrganizationAccount] {
        try await Paginator.all(
            fetch: { try await json11(.organizations, "ListAccounts", TokenInput(NextToken: $0), as: ListAccountsOutput.self) },
            items: { $0.Accounts ?? [] }, next: { $0.NextToken })
    }

    public func describeOrganization() async throws -> Organization {
        struct Output: Decodable { var Organization: TrailGridAWS.Organization }
        return try await json11(.organizations, "DescribeOrganization", EmptyInput(), as: Output.self).Organization
    }
}
