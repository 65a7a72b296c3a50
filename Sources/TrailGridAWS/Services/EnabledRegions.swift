import Foundation

/// The regions an account has enabled: Account ListRegions (REST-JSON), or
/// EC2 DescribeRegions (query) where the Account API is not allowed.
public struct EnabledRegion: Sendable, Equatable {
    public var name: String
    /// ENABLED, ENABLED_BY_DEFAULT, opt-in-not-required, opted-in…, as the API says.
    public var status: String
}

extension AWSContext {
    struct ListRegionsInput: Encodable {
        var NextToken: String?
        var RegionOptStatusContains: [String]
    }

    struct ListRegionsOutput: Decodable, Sendable {
        struct Region: Decodable, Sendable {
            var RegionName: String
            var RegionOptStatus: String?
        }
        var Regions: [Region]?
        var NextToken: String?
    }

    /// Account ListRegions: POST /listRegions, enabled regions only, all pages.
    public func listEnabledRegions() async throws -> [EnabledRegion] {
        try await Paginator.all(
            fetch: { (token: String?) async throws -> ListRegionsOutput in
                let body = try ProtocolCodec.encodeJSON(ListRegionsInput(NextToken: token, RegionOptStatusContains: ["ENABLED", "ENABLED_BY_DEFAULT"]))
                let response = try await rest(.account, "ListRegions", ProtocolCodec.rest(method: "POST", path: "/listRegions", json: body))
                return try ProtocolCodec.decodeJSON(ListRegionsOutput.self, from: response.body, operation: "ListRegions")
            },
            items: { page in (page.Regions ?? []).map { EnabledRegion(name: $0.RegionName, status: $0.RegionOptStatus ?? "") } },
            next: { $0.NextToken })
    }

    /// EC2 DescribeRegions: the regions enabled for the account (not
    /// AllRegions, so opted-out regions are left out).
    public func describeRegions() async throws -> [EnabledRegion] {
        let tree = try await query(.ec2, "DescribeRegions")
        return (tree.first("regionInfo")?.children("item") ?? []).compactMap { item in
            item.child("regionName").map { EnabledRegion(name: $0.text, status: item.child("optInStatus")?.text ?? "") }
        }
    }
}
