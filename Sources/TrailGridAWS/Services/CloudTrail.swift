/// CloudTrail (JSON 1.1): the trails and their state that coverage reads.
/// The outputs keep what the inventory needs; `AWSContext.json11Body` gives
/// the whole document when all of it is to be stored.
public struct Trail: Codable, Sendable, Equatable {
    public var name: String
    public var trailARN: String?
    public var homeRegion: String?
    public var isMultiRegionTrail: Bool?
    public var isOrganizationTrail: Bool?
    public var s3BucketName: String?

    enum CodingKeys: String, CodingKey {
        case name = "Name", trailARN = "TrailARN", homeRegion = "HomeRegion", isMultiRegionTrail = "IsMultiRegionTrail",
             isOrganizationTrail = "IsOrganizationTrail", s3BucketName = "S3BucketName"
    }
}

public struct TrailStatus: Codable, Sendable, Equatable {
    public var isLogging: Bool?
    /// Epoch seconds, as JSON 1.1 carries timestamps.
    public var startLoggingTime: Double?
    public var stopLoggingTime: Double?

    enum CodingKeys: String, CodingKey {
        case isLogging = "IsLogging", startLoggingTime = "StartLoggingTime", stopLoggingTime = "StopLoggingTime"
    }
}

extension AWSContext {
    struct DescribeTrailsInput: Encodable { var includeShadowTrails: Bool }
    struct DescribeTrailsOutput: Decodable { var trailList: [Trail]? }
    struct NameInput: Encodable { var Name: String }
    struct TrailNameInput: Encodable { var TrailName: String }

    /// DescribeTrails (not paginated); shadow trails are the copies of a
    /// multi-region or organization trail seen from another region.
    public func describeTrails(includeShadowTrails: Bool = true) async throws -> [Trail] {
        try await json11(.cloudTrail, "DescribeTrails", DescribeTrailsInput(includeShadowTrails: includeShadowTrails),
                         as: DescribeTrailsOutput.self).trailList ?? []
    }

    public func getTrailStatus(name: String) async throws -> TrailStatus {
        try await json11(.cloudTrail, "GetTrailStatus", NameInput(Name: name), as: TrailStatus.self)
    }

    /// GetEventSelectors as the service's JSON document (basic or advanced
    /// selectors, whichever the trail has).
    public func getEventSelectors(trailName: String) async throws -> [UInt8] {
        try await json11Body(.cloudTrail, "GetEventSelectors", TrailNameInput(TrailName: trailName))
    }
}
