/// Makes realistic CloudTrail records for the demo organization: the calls
/// people, pipelines and attackers make, with real shapes (identities,
/// addresses from documentation ranges, user agents, error codes).
public struct DemoEventFactory: Sendable {
    public struct Call: Sendable {
        public var account: DemoOrganization.Account
        public var region: String
        public var service: String
        public var eventName: String
        public var readOnly: Bool
        public var principalARN: String
        public var principalType: String
        public var sourceIP: String
        public var userAgent: String
        public var errorCode: String?
        public var eventID: String
        public var requestParameters: String
    }

    struct Template {
        var service: String
        var eventName: String
        var readOnly: Bool
        var weight: Int
        var global: Bool = false
    }

    static let templates: [Template] = [
        Template(service: "ec2", eventName: "DescribeInstances", readOnly: true, weight: 30),
        Template(service: "ec2", eventName: "DescribeSecurityGroups", readOnly: true, weight: 10),
        Template(service: "ec2", eventName: "RunInstances", readOnly: false, weight: 6),
        Template(service: "ec2", eventName: "AuthorizeSecurityGroupIngress", readOnly: false, weight: 4),
        Template(service: "ec2", eventName: "CreateSecurityGroup", readOnly: false, weight: 2),
        Template(service: "ec2", eventName: "CreateRoute", readOnly: false, weight: 2),
        Template(service: "ec2", eventName: "CreateNetworkAclEntry", readOnly: false, weight: 1),
        Template(service: "s3", eventName: "ListBuckets", readOnly: true, weight: 12),
        Template(service: "s3", eventName: "PutBucketPolicy", readOnly: false, weight: 2),
        Template(service: "kms", eventName: "Decrypt", readOnly: true, weight: 10),
        Template(service: "kms", eventName: "ScheduleKeyDeletion", readOnly: false, weight: 1),
        Template(service: "lambda", eventName: "UpdateFunctionCode20150331v2", readOnly: false, weight: 3),
        Template(service: "sts", eventName: "AssumeRole", readOnly: true, weight: 12),
        Template(service: "iam", eventName: "ListRoles", readOnly: true, weight: 5, global: true),
        Template(service: "iam", eventName: "AttachRolePolicy", readOnly: false, weight: 2, global: true),
        Template(service: "iam", eventName: "CreateAccessKey", readOnly: false, weight: 1, global: true),
        Template(service: "config", eventName: "StopConfigurationRecorder", readOnly: false, weight: 1),
        Template(service: "signin", eventName: "ConsoleLogin", readOnly: false, weight: 3),
    ]

    static let people = ["alice", "bob", "carol", "dmitri", "erin"]
    static let agents = [
        "aws-cli/2.17.0 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/ec2.describe-instances",
        "Boto3/1.34.49 md/Botocore#1.34.49 ua/2.0 os/linux#6.1.0 md/arch#x86_64 lang/python#3.11.8",
        "APN/1.0 HashiCorp/1.0 Terraform/1.9.5 (+https://www.terraform.io) terraform-provider-aws/5.64.0",
        "console.amazonaws.com",
        "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64 api/ec2#1.171.0",
    ]

    public init() {}

    /// A random call somewhere in the organization (enabled regions only;
    /// global services in us-east-1, where their events are recorded).
    public func randomCall(in organization: DemoOrganization, using random: inout SeededGenerator) -> Call {
        let account = organization.accounts[Int.random(in: 0..<organization.accounts.count, using: &random)]
        let total = Self.templates.reduce(0) { $0 + $1.weight }
        var pick = Int.random(in: 0..<total, using: &random)
        var template = Self.templates[0]
        for candidate in Self.templates {
            if pick < candidate.weight { template = candidate; break }
            pick -= candidate.weight
        }
        let enabled = organization.regions.filter { organization.isEnabled($0, in: account) }
        // Most activity happens in a few busy regions, some anywhere.
        let busy = ["us-east-1", "eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-2"]
        var region = Int.random(in: 0..<4, using: &random) == 0
            ? enabled[Int.random(in: 0..<enabled.count, using: &random)]
            : busy[Int.random(in: 0..<busy.count, using: &random)]
        if template.global { region = "us-east-1" }
        let person = Self.people[Int.random(in: 0..<Self.people.count, using: &random)]
        let (arn, type): (String, String) = switch Int.random(in: 0..<200, using: &random) {
        case 0: ("arn:aws:iam::\(account.id):root", "Root")
        case 1...60: ("arn:aws:iam::\(account.id):user/ci-deployer", "IAMUser")
        default: ("arn:aws:sts::\(account.id):assumed-role/AWSReservedSSO_Admin_1a2b3c/\(person)", "AssumedRole")
        }
        let denied = Int.random(in: 0..<25, using: &random) == 0
        return Call(
            account: account, region: region, service: template.service, eventName: template.eventName,
            readOnly: template.readOnly, principalARN: arn, principalType: type,
            sourceIP: "\(["203.0.113", "198.51.100", "192.0.2"][Int.random(in: 0..<3, using: &random)]).\(Int.random(in: 1...254, using: &random))",
            userAgent: Self.agents[Int.random(in: 0..<Self.agents.count, using: &random)],
            errorCode: denied ? (template.service == "ec2" ? "Client.UnauthorizedOperation" : "AccessDenied") : nil,
            eventID: uuid(&random),
            requestParameters: requestParameters(for: template.eventName, account: account, region: region)
        )
    }

    /// A call the demo stages on purpose (an attacker stopping a trail, say).
    public func call(
        _ eventName: String, service: String, account: DemoOrganization.Account, region: String, readOnly: Bool = false,
        principal: String, userAgent: String, sourceIP: String, requestParameters: String, using random: inout SeededGenerator
    ) -> Call {
        Call(account: account, region: region, service: service, eventName: eventName, readOnly: readOnly,
             principalARN: principal, principalType: principal.contains(":root") ? "Root" : "AssumedRole",
             sourceIP: sourceIP, userAgent: userAgent, errorCode: nil, eventID: uuid(&random),
             requestParameters: requestParameters)
    }

    func requestParameters(for eventName: String, account: DemoOrganization.Account, region: String) -> String {
        switch eventName {
        case "AuthorizeSecurityGroupIngress":
            return #"{"groupId":"sg-0a1b2c3d4e5f67890","ipPermissions":{"items":[{"ipProtocol":"tcp","fromPort":22,"toPort":22,"ipRanges":{"items":[{"cidrIp":"0.0.0.0/0"}]}}]}}"#
        case "PutBucketPolicy":
            return #"{"bucketName":"\#(account.name)-artifacts","bucketPolicy":{"Version":"2012-10-17"}}"#
        case "AttachRolePolicy":
            return #"{"roleName":"deploy","policyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}"#
        default:
            return "null"
        }
    }

    /// The CloudTrail record of `call` at `milliseconds` since 1970.
    public func record(_ call: Call, at milliseconds: Int64) -> String {
        let time = Timestamp.iso8601(milliseconds: milliseconds)
        let identity: String
        if call.principalType == "Root" {
            identity = #"{"type":"Root","principalId":"\#(call.account.id)","arn":"\#(call.principalARN)","accountId":"\#(call.account.id)"}"#
        } else if call.principalType == "IAMUser" {
            identity = #"{"type":"IAMUser","principalId":"AIDAEXAMPLE\#(call.account.id.suffix(6))","arn":"\#(call.principalARN)","accountId":"\#(call.account.id)","userName":"ci-deployer"}"#
        } else {
            identity = #"{"type":"AssumedRole","principalId":"AROAEXAMPLE:\#(call.principalARN.split(separator: "/").last ?? "")","arn":"\#(call.principalARN)","accountId":"\#(call.account.id)","sessionContext":{"attributes":{"creationDate":"\#(time)","mfaAuthenticated":"true"}}}"#
        }
        let isSignIn = call.eventName == "ConsoleLogin"
        var fields = [
            #""eventVersion":"1.10""#,
            #""userIdentity":\#(identity)"#,
            #""eventTime":"\#(time)""#,
            #""eventSource":"\#(call.service).amazonaws.com""#,
            #""eventName":"\#(call.eventName)""#,
            #""awsRegion":"\#(call.region)""#,
            #""sourceIPAddress":"\#(call.sourceIP)""#,
            #""userAgent":\#(JSONWriter.quoted(call.userAgent))"#,
        ]
        if let errorCode = call.errorCode {
            fields.append(#""errorCode":"\#(errorCode)","errorMessage":"User is not authorized to perform this operation""#)
        }
        if isSignIn {
            let mfa = call.eventID.hasSuffix("0") || call.eventID.hasSuffix("5") ? "No" : "Yes"
            fields.append(#""requestParameters":null,"responseElements":{"ConsoleLogin":"Success"},"additionalEventData":{"MFAUsed":"\#(mfa)","LoginTo":"https://console.aws.amazon.com/"}"#)
        } else {
            fields.append(#""requestParameters":\#(call.requestParameters),"responseElements":null"#)
        }
        fields.append(#""requestID":"\#(call.eventID.prefix(8))-req""#)
        fields.append(#""eventID":"\#(call.eventID)""#)
        fields.append(#""readOnly":\#(call.readOnly)"#)
        fields.append(#""eventType":"\#(isSignIn ? "AwsConsoleSignIn" : "AwsApiCall")""#)
        fields.append(#""managementEvent":true,"recipientAccountId":"\#(call.account.id)","eventCategory":"Management""#)
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The EventBridge envelope a rule would deliver for `record`.
    public func envelope(_ call: Call, record: String, at milliseconds: Int64, using random: inout SeededGenerator) -> String {
        let detailType = call.eventName == "ConsoleLogin" ? DetailType.consoleSignIn : DetailType.apiCall
        return #"{"version":"0","id":"\#(uuid(&random))","detail-type":"\#(detailType)","source":"aws.\#(call.service)","account":"\#(call.account.id)","time":"\#(Timestamp.iso8601(milliseconds: milliseconds))","region":"\#(call.region)","resources":[],"detail":\#(record)}"#
    }

    func uuid(_ random: inout SeededGenerator) -> String {
        let high = random.next()
        let low = random.next()
        let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
        let chars = Array(hex)
        return String(chars[0..<8]) + "-" + String(chars[8..<12]) + "-4" + String(chars[13..<16]) + "-8"
            + String(chars[17..<20]) + "-" + String(chars[20..<32])
    }
}

extension String {
    func leftPadded(_ length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
