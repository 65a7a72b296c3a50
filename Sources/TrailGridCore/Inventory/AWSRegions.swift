/// The regions trailgrid knows without an inventory.
///
/// When an account's `regions.json` is missing, the grid still needs its
/// columns, and must not call an opt-in region "covered" or "off" without
/// knowing: the built-in list says which regions every account has
/// (enabled by default) and which need opting in (enablement unknown).
public enum AWSRegions {
    /// The 34 commercial regions, in the order the grid shows them.
    public static let commercial: [String] = [
        "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "ca-central-1", "ca-west-1", "mx-central-1", "sa-east-1",
        "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2",
        "eu-north-1", "eu-south-1", "eu-south-2",
        "il-central-1", "me-central-1", "me-south-1", "af-south-1",
        "ap-south-1", "ap-south-2", "ap-east-1", "ap-east-2",
        "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    ]

    /// The 17 commercial regions launched after March 2019: disabled until an
    /// account opts in, so an attacker cannot use them either until then.
    public static let optIn: Set<String> = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-south-2",
        "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
        "ca-west-1", "eu-central-2", "eu-south-1", "eu-south-2",
        "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
    ]

    /// Where global-service events (IAM, Organizations, CloudFront, Route 53,
    /// STS global endpoint, root sign-in) are recorded.
    public static let globalEventRegion = "us-east-1"

    /// Event sources whose events are "global service events": a trail records
    /// them only with `IncludeGlobalServiceEvents`.
    public static let globalEventSources: Set<String> = [
        "iam.amazonaws.com", "organizations.amazonaws.com", "cloudfront.amazonaws.com",
        "route53.amazonaws.com", "sts.amazonaws.com", "signin.amazonaws.com",
    ]

    /// The ARN partition a region belongs to: an account of one partition has
    /// no regions of another (the emulator lists GovCloud and China regions
    /// for every account; real commercial accounts cannot use them).
    public static func partition(of region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        if region.hasPrefix("us-iso-") { return "aws-iso" }
        return "aws"
    }

    /// Orders regions as the grid shows them: the built-in order first, others after, by name.
    public static func sorted(_ regions: some Sequence<String>) -> [String] {
        let rank = Dictionary(uniqueKeysWithValues: commercial.enumerated().map { ($1, $0) })
        return Set(regions).sorted { lhs, rhs in
            switch (rank[lhs], rank[rhs]) {
            case let (left?, right?): return left < right
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return lhs < rhs
            }
        }
    }

    /// A short column label: `us-east-1` → `use1`, `ap-southeast-2` → `apse2`.
    public static func shortCode(_ region: String) -> String {
        let parts = region.split(separator: "-")
        guard parts.count >= 3 else { return region }
        let area = parts[0]
        let direction = parts[1...(parts.count - 2)].map { part -> String in
            switch part {
            case "east": return "e"
            case "west": return "w"
            case "north": return "n"
            case "south": return "s"
            case "central": return "c"
            case "northeast": return "ne"
            case "northwest": return "nw"
            case "southeast": return "se"
            case "southwest": return "sw"
            case "gov": return "g"
            default: return String(part.prefix(2))
            }
        }.joined()
        return area + direction + parts[parts.count - 1]
    }
}
