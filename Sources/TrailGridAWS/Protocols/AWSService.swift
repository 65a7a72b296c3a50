/// A service as the client needs to know it: where its endpoint is, the name
/// it signs with, the protocol it speaks, and whether it has one global
/// endpoint instead of one per region. Values for the services trailgrid
/// calls are below; the names and prefixes are botocore's service models'.
public struct AWSService: Sendable, Hashable {
    public enum WireProtocol: Sendable, Hashable {
        /// POST / with `X-Amz-Target: <prefix>.<Operation>` and a JSON body.
        case json11(targetPrefix: String)
        /// Form-encoded `Action=…&Version=…`, XML answers (STS, EC2).
        case query(version: String)
        /// Method, path and query per operation, JSON bodies.
        case restJSON
        /// Method, path and query per operation, XML bodies (S3).
        case restXML
    }

    public var endpointPrefix: String
    public var signingName: String
    public var wireProtocol: WireProtocol
    /// Services with one endpoint for a partition (Organizations, Account)
    /// are called, and signed, in that partition's home region whatever
    /// region the caller works in.
    public var isGlobal: Bool

    public init(endpointPrefix: String, signingName: String? = nil, wireProtocol: WireProtocol, isGlobal: Bool = false) {
        self.endpointPrefix = endpointPrefix
        self.signingName = signingName ?? endpointPrefix
        self.wireProtocol = wireProtocol
        self.isGlobal = isGlobal
    }

    /// IAM: global, at `iam.amazonaws.com` rather than a regional name.
    public static let iam = AWSService(endpointPrefix: "iam", wireProtocol: .query(version: "2010-05-08"), isGlobal: true)
    public static let sts = AWSService(endpointPrefix: "sts", wireProtocol: .query(version: "2011-06-15"))
    public static let ec2 = AWSService(endpointPrefix: "ec2", wireProtocol: .query(version: "2016-11-15"))
    public static let organizations = AWSService(endpointPrefix: "organizations",
                                                 wireProtocol: .json11(targetPrefix: "AWSOrganizationsV20161128"), isGlobal: true)
    public static let account = AWSService(endpointPrefix: "account", wireProtocol: .restJSON, isGlobal: true)
    public static let eventBridge = AWSService(endpointPrefix: "events", wireProtocol: .json11(targetPrefix: "AWSEvents"))
    public static let cloudTrail = AWSService(endpointPrefix: "cloudtrail",
                                              wireProtocol: .json11(targetPrefix: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101"))
    public static let kinesis = AWSService(endpointPrefix: "kinesis", wireProtocol: .json11(targetPrefix: "Kinesis_20131202"))
    public static let s3 = AWSService(endpointPrefix: "s3", wireProtocol: .restXML)
}
