import Foundation
import Testing
@testable import TrailGridAWS

/// Requests built for each protocol, and errors read back from each.
@Suite struct ProtocolTests {
    static func response(_ status: Int, _ body: String, headers: [AWSHTTPRequest.Header] = []) -> AWSHTTPResponse {
        AWSHTTPResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    @Test func json11RequestNamesTheOperation() {
        let request = ProtocolCodec.json11(targetPrefix: "AWSEvents", operation: "ListRules", body: [])
        #expect(request.method == "POST" && request.path == "/")
        #expect(request.header("X-Amz-Target") == "AWSEvents.ListRules")
        #expect(request.header("content-type") == "application/x-amz-json-1.1")
        #expect(request.body == Array("{}".utf8))
    }

    @Test func json11ErrorsFromTypeOrHeader() {
        let shaped = ProtocolCodec.error(from: Self.response(400, #"{"__type":"com.amazon.coral.availability#ThrottlingException","message":"Rate exceeded"}"#),
                                         service: .eventBridge, operation: "ListRules")
        #expect(shaped.code == "ThrottlingException" && shaped.message == "Rate exceeded" && shaped.status == 400)
        let capital = ProtocolCodec.error(from: Self.response(400, #"{"__type":"AccessDeniedException","Message":"You don't have permissions"}"#),
                                          service: .organizations, operation: "ListAccounts")
        #expect(capital.code == "AccessDeniedException" && capital.message == "You don't have permissions")
        let header = ProtocolCodec.error(from: Self.response(400, #"{"message":"no"}"#, headers: [.init("x-amzn-ErrorType", "ValidationException:http://internal.amazon.com/coral/")]),
                                         service: .account, operation: "ListRegions")
        #expect(header.code == "ValidationException" && header.message == "no")
        #expect("\(header)" == "account ListRegions: ValidationException (HTTP 400): no")
        let xmlFromAJSONService = ProtocolCodec.error(
            from: Self.response(403, "<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code><Message>bad signature</Message></Error></Errors></ErrorResponse>"),
            service: .eventBridge, operation: "ListRules")
        #expect(xmlFromAJSONService.code == "SignatureDoesNotMatch" && xmlFromAJSONService.message == "bad signature")
    }

    @Test func queryErrorsInStsAndEc2Shapes() {
        let sts = ProtocolCodec.error(from: Self.response(403, """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::1:user/x is not authorized &amp; more</Message></Error>
              <RequestId>abc-123</RequestId>
            </ErrorResponse>
            """), service: .sts, operation: "AssumeRole")
        #expect(sts.code == "AccessDenied" && sts.message == "User: arn:aws:iam::1:user/x is not authorized & more" && sts.requestID == "abc-123")
        let ec2 = ProtocolCodec.error(from: Self.response(503, """
            <?xml version="1.0" encoding="UTF-8"?>
            <Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors><RequestID>r-9</RequestID></Response>
            """), service: .ec2, operation: "DescribeRegions")
        #expect(ec2.code == "RequestLimitExceeded" && ec2.message == "Request limit exceeded." && ec2.requestID == "r-9")
        #expect(RetryPolicy.reason(for: ec2) == .throttling)
    }

    @Test func s3ErrorsAndBodiesThatAreNoProtocolAtAll() {
        let s3 = ProtocolCodec.error(from: Self.response(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><RequestId>x</RequestId></Error>"),
                                     service: .s3, operation: "ListObjectsV2")
        #expect(s3.code == "NoSuchBucket" && s3.requestID == "x")
        let html = ProtocolCodec.error(from: Self.response(502, "<html><body><h1>502 Bad Gateway</h1>\n<p>The proxy   failed.</p></body></html>"),
                                       service: .eventBridge, operation: "ListRules")
        #expect(html.code == "HTTP502" && html.message == "502 Bad Gateway The proxy failed.")
        let empty = ProtocolCodec.error(from: Self.response(403, ""), service: .s3, operation: "HeadObject")
        #expect(empty.code == "HTTP403" && empty.message == "")
    }

    @Test func queryBodyIsFormEncoded() {
        let request = ProtocolCodec.query(version: "2011-06-15", operation: "AssumeRole",
                                          parameters: [.init("RoleArn", "arn:aws:iam::1:role/a b"), .init("ExternalId", "x+y=z&")])
        #expect(String(decoding: request.body, as: UTF8.self)
                == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b&ExternalId=x%2By%3Dz%26")
    }

    @Test func xmlTreeReadsAssumeRoleAndDescribeRegions() throws {
        let assumed = try XMLTree.parse(Array("""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>s3cr3t</SecretAccessKey>
                  <SessionToken>tok</SessionToken><Expiration>2026-12-02T18:42:08Z</Expiration>
                </Credentials>
              </AssumeRoleResult>
            </AssumeRoleResponse>
            """.utf8))
        let credentials = try AWSContext.credentials(in: assumed, operation: "AssumeRole")
        #expect(credentials.accessKeyID == "ASIAEXAMPLE" && credentials.sessionToken == "tok")
        #expect(credentials.expiration == Date(timeIntervalSince1970: 1_796_236_928))
        let regions = try XMLTree.parse(Array("""
            <DescribeRegionsResponse><requestId>1</requestId><regionInfo>
              <item><regionName>eu-west-1</regionName><optInStatus>opt-in-not-required</optInStatus></item>
              <item><regionName>af-south-1</regionName><optInStatus>opted-in</optInStatus></item>
            </regionInfo></DescribeRegionsResponse>
            """.utf8))
        #expect(regions["regionInfo"]?.children("item").compactMap { $0.child("regionName")?.text } == ["eu-west-1", "af-south-1"])
        #expect(throws: AWSClientError.self) { try XMLTree.parse(Array("<unclosed>".utf8)) }
    }

    @Test func fractionalTimestamps() {
        #expect(Timestamps.parseISO8601("2026-12-02T18:42:08.123Z")?.timeIntervalSince1970 ?? 0 > 1_796_236_928)
        #expect(Timestamps.parseISO8601("not a date") == nil)
    }

    @Test func endpoints() throws {
        #expect(try Endpoint.resolve(.eventBridge, region: "eu-west-1").host == "events.eu-west-1.amazonaws.com")
        #expect(try Endpoint.resolve(.sts, region: "ap-south-1").host == "sts.ap-south-1.amazonaws.com")
        let organizations = try Endpoint.resolve(.organizations, region: "eu-west-1")
        #expect(organizations.host == "organizations.us-east-1.amazonaws.com" && organizations.signingRegion == "us-east-1")
        #expect(try Endpoint.resolve(.account, region: "eu-central-1").host == "account.us-east-1.amazonaws.com")
        let iam = try Endpoint.resolve(.iam, region: "eu-central-1")
        #expect(iam.host == "iam.amazonaws.com" && iam.signingRegion == "us-east-1")
        #expect(try Endpoint.resolve(.organizations, region: "cn-north-1").host == "organizations.cn-northwest-1.amazonaws.com.cn")
        #expect(try Endpoint.resolve(.cloudTrail, region: "cn-north-1").host == "cloudtrail.cn-north-1.amazonaws.com.cn")
        let local = try Endpoint.resolve(.eventBridge, region: "eu-west-1", override: "http://127.0.0.1:5000/")
        #expect(local == Endpoint(scheme: "http", host: "127.0.0.1", port: 5000, basePath: "", signingRegion: "eu-west-1"))
        #expect(throws: AWSClientError.self) { try Endpoint.resolve(.sts, region: "evil.com/x") }
        #expect(throws: AWSClientError.self) { try Endpoint.resolve(.sts, region: "us-east-1", override: "ftp://host") }
        #expect(AWSRegions.known.allSatisfy(AWSRegions.isWellFormed))
        #expect(!AWSRegions.isWellFormed("us-east") && !AWSRegions.isWellFormed("US-EAST-1") && !AWSRegions.isWellFormed("us--1"))
    }
}
