/// `trailgrid bench --watches N`: N extra watches whose patterns mix every
/// kind of operator, so the benchmark sees a user's large configuration, not
/// only the built-in set (which is all exact values and one prefix/suffix).
public enum GeneratedWatches {
    public static func make(_ count: Int) throws(BenchError) -> [Watch] {
        var watches: [Watch] = []
        for index in 0..<count {
            let text = pattern(index)
            do {
                let pattern = try EventPattern(json: text)
                watches.append(Watch(name: "generated-\(index)", severity: .info, description: "bench", pattern: pattern, probes: []))
            } catch {
                throw BenchError("generated pattern \(index) is invalid (\(error)): \(text)")
            }
        }
        return watches
    }

    static let names = ["StopLogging", "PutRolePolicy", "CreateUser", "RunInstances", "GetObject", "AssumeRole",
                        "DescribeInstances", "PutBucketPolicy", "DeleteTrail", "CreateAccessKey", "ListBuckets"]
    static let sources = ["cloudtrail", "iam", "ec2", "s3", "sts", "kms", "lambda", "ssm"]

    /// The `index`-th pattern: cycles through the operator families, each
    /// instance with different operands.
    static func pattern(_ index: Int) -> String {
        let name = names[index % names.count]
        let source = sources[index % sources.count]
        let number = index / 9
        switch index % 9 {
        case 0:
            return #"{"source":["aws.\#(source)"],"detail":{"eventName":["\#(name)","\#(name)\#(number)"]}}"#
        case 1:
            return #"{"detail":{"eventName":[{"prefix":"\#(name.prefix(4 + number % 3))"}],"awsRegion":["eu-west-\#(number % 3 + 1)"]}}"#
        case 2:
            return #"{"detail-type":["AWS API Call via CloudTrail"],"detail":{"errorCode":[{"suffix":"Exception\#(number)"}]}}"#
        case 3:
            return #"{"detail":{"sourceIPAddress":[{"cidr":"10.\#(number % 256).0.0/16"}],"eventName":[{"anything-but":["\#(name)"]}]}}"#
        case 4:
            return #"{"detail":{"userIdentity":{"type":[{"anything-but":["AWSService"]}]},"eventName":["\#(name)"],"eventSource":["\#(source).amazonaws.com"]}}"#
        case 5:
            return #"{"detail":{"eventSource":[{"wildcard":"\#(source)*.amazonaws.com"}],"eventName":[{"equals-ignore-case":"\#(name.lowercased())"}]}}"#
        case 6:
            return #"{"account":["\#(111_122_223_333 + number)"],"detail":{"readOnly":[false],"errorCode":[{"exists":false}]}}"#
        case 7:
            return #"{"detail":{"additionalEventData":{"bytesTransferredOut":[{"numeric":[">",\#(1000 + number)]}]}}}"#
        default:
            return #"{"region":["us-east-\#(number % 2 + 1)"],"detail":{"userIdentity":{"arn":[{"wildcard":"arn:aws:iam::*:user/*\#(number)"}]}}}"#
        }
    }
}
