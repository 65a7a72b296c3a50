/// Region names: a check that a name is well formed (it becomes part of a
/// host name, so nothing else may pass), the partitions' DNS suffixes and
/// home regions, and the regions known today for validating `--regions`
/// before any call.
public enum AWSRegions {
    public static let known: [String] = [
        "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
        "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
        "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2",
        "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1",
        "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
        "cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1",
    ]

    /// Lower-case letters, digits and single hyphens, ending in a number:
    /// the shape of every AWS region name.
    public static func isWellFormed(_ region: String) -> Bool {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isNumber) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    public struct Partition: Sendable, Equatable {
        public var name: String
        public var dnsSuffix: String
        /// Where a partition's global services (Organizations, Account) live.
        public var homeRegion: String
    }

    public static func partition(of region: String) -> Partition {
        if region.hasPrefix("cn-") { return Partition(name: "aws-cn", dnsSuffix: "amazonaws.com.cn", homeRegion: "cn-northwest-1") }
        if region.hasPrefix("us-gov-") { return Partition(name: "aws-us-gov", dnsSuffix: "amazonaws.com", homeRegion: "us-gov-west-1") }
        return Partition(name: "aws", dnsSuffix: "amazonaws.com", homeRegion: "us-east-1")
    }
}
