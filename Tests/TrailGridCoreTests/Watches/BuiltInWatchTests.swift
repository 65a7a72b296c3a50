import Testing
@testable import TrailGridCore

@Suite struct BuiltInWatchTests {
    let watches = Dictionary(uniqueKeysWithValues: BuiltInWatches.all.map { ($0.name, $0) })

    @Test func theCISControlsAndTamperingAreAllThere() {
        #expect(BuiltInWatches.all.count == 16)
        for name in ["unauthorized-api-calls", "console-signin-without-mfa", "root-account-usage", "iam-policy-changes",
                     "cloudtrail-changes", "console-auth-failures", "kms-key-disable-or-deletion", "s3-bucket-policy-changes",
                     "config-changes", "security-group-changes", "nacl-changes", "network-gateway-changes",
                     "route-table-changes", "vpc-changes", "organizations-changes", "coverage-tampering"] {
            #expect(watches[name] != nil, "missing \(name)")
        }
    }

    @Test(arguments: BuiltInWatches.all.map(\.name))
    func everyProbeMatchesItsOwnWatch(name: String) throws {
        let watch = try #require(watches[name])
        #expect(!watch.probes.isEmpty)
        for probe in watch.probes {
            #expect(watch.pattern.matches(probe), "\(name): \(JSONWriter.serialize(probe))")
            // Placed in any account and region, a probe still matches.
            #expect(watch.pattern.matches(Watch.place(probe, account: "999988887777", region: "eu-west-3")))
        }
    }

    /// Events that look close but must not alert.
    static let nearMisses: [(watch: String, event: String)] = [
        ("security-group-changes", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"DescribeSecurityGroups","readOnly":true}}"#),
        ("security-group-changes", #"{"source":"aws.ec2","detail-type":"AWS Service Event via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"AuthorizeSecurityGroupIngress"}}"#),
        ("iam-policy-changes", #"{"source":"aws.iam","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"iam.amazonaws.com","eventName":"ListPolicies"}}"#),
        ("iam-policy-changes", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"PutRolePolicy"}}"#),
        ("cloudtrail-changes", #"{"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"cloudtrail.amazonaws.com","eventName":"DescribeTrails"}}"#),
        ("console-signin-without-mfa", #"{"source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail","detail":{"eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"Yes"},"responseElements":{"ConsoleLogin":"Success"}}}"#),
        ("console-signin-without-mfa", #"{"source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail","detail":{"eventName":"ConsoleLogin","additionalEventData":{"MFAUsed":"No"},"responseElements":{"ConsoleLogin":"Failure"}}}"#),
        ("console-auth-failures", #"{"source":"aws.signin","detail-type":"AWS Console Sign In via CloudTrail","detail":{"eventName":"ConsoleLogin","responseElements":{"ConsoleLogin":"Success"}}}"#),
        ("root-account-usage", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"userIdentity":{"type":"Root","invokedBy":"support.amazonaws.com"}}}"#),
        ("root-account-usage", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"userIdentity":{"type":"IAMUser"}}}"#),
        ("unauthorized-api-calls", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"errorCode":"InvalidParameterValue"}}"#),
        ("unauthorized-api-calls", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"RunInstances"}}"#),
        ("kms-key-disable-or-deletion", #"{"source":"aws.kms","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"kms.amazonaws.com","eventName":"EnableKey"}}"#),
        ("s3-bucket-policy-changes", #"{"source":"aws.s3","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"s3.amazonaws.com","eventName":"GetBucketPolicy"}}"#),
        ("config-changes", #"{"source":"aws.config","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"config.amazonaws.com","eventName":"StartConfigurationRecorder"}}"#),
        ("nacl-changes", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"DescribeNetworkAcls"}}"#),
        ("network-gateway-changes", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"CreateNatGateway"}}"#),
        ("route-table-changes", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"DescribeRouteTables"}}"#),
        ("vpc-changes", #"{"source":"aws.ec2","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"ec2.amazonaws.com","eventName":"DescribeVpcs"}}"#),
        ("organizations-changes", #"{"source":"aws.organizations","detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"organizations.amazonaws.com","eventName":"ListAccounts"}}"#),
        ("coverage-tampering", #"{"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"StartLogging"}}"#),
        ("coverage-tampering", #"{"source":"aws.events","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"PutRule"}}"#),
        ("coverage-tampering", #"{"source":"aws.cloudtrail","detail-type":"AWS API Call via CloudTrail","detail":{"eventName":"DeleteRule"}}"#),
    ]

    @Test(arguments: 0..<nearMisses.count)
    func nearMissesDoNotMatch(index: Int) throws {
        let (name, event) = Self.nearMisses[index]
        let watch = try #require(watches[name])
        #expect(!watch.pattern.matches(try JSONParser.parse(event)), "\(name) matched \(event)")
    }

    @Test func everyWatchHasANearMissTest() {
        #expect(Set(Self.nearMisses.map(\.watch)) == Set(watches.keys))
    }

    @Test func scopesAndReadOnlyNeeds() throws {
        #expect(try #require(watches["iam-policy-changes"]).regions == .only(["us-east-1"]))
        #expect(try #require(watches["organizations-changes"]).regions == .only(["us-east-1"]))
        #expect(try #require(watches["security-group-changes"]).regions == .every)
        // AccessDenied on a List call is read-only: only an ENABLED_WITH_ALL… rule sees it.
        #expect(try #require(watches["unauthorized-api-calls"]).needsReadOnlyEvents)
        #expect(try #require(watches["security-group-changes"]).needsReadOnlyEvents == false)
    }

    @Test func realRecordsFromTheFieldMatchTheRightWatches() throws {
        let matcher = WatchMatcher(watches: BuiltInWatches.all)
        let decoder = FeedDecoder()
        let stopLogging = #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/mallory","accountId":"111122223333"},"eventTime":"2024-01-01T00:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2","requestParameters":{"name":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/org"},"responseElements":null,"eventID":"f00","readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}"#
        guard case .accepted(let decoded)? = decoder.decode(Array(stopLogging.utf8)).first else {
            Issue.record("not decoded")
            return
        }
        #expect(Set(matcher.names(matcher.matches(decoded))) == ["cloudtrail-changes", "coverage-tampering"])
    }
}
