import Foundation
import TestProcesses
import Testing
@testable import TrailGridAWS

/// moto_server with authentication on (`INITIAL_NO_AUTH_ACTION_COUNT`)
/// recomputes each request's signature with botocore from what arrived on
/// the wire and refuses a mismatch. So this checks what async-http-client
/// actually sent (Host, path encoding, headers), not only what the signer
/// computed. The first three calls, unauthenticated, make an IAM user with
/// a key and an inline policy allowing everything; every call after is checked.
@Suite(.serialized) struct MotoSignatureTests {
    @Test(.enabled(if: Tools.which("moto_server") != nil, "moto_server is not installed (pip3 install 'moto[server]'): the wire signature test cannot run"))
    func motoAcceptsOurSignaturesAndRefusesAWrongOne() async throws {
        let moto = try MotoServer(environment: ["INITIAL_NO_AUTH_ACTION_COUNT": "3"])
        defer { moto.stop() }
        try await TestSupport.withClient(moto.endpoint) { client in
            let bootstrap = AWSContext(client: client, credentials: MotoSmokeTests.credentials, region: "us-east-1")
            _ = try await bootstrap.query(.iam, "CreateUser", [.init("UserName", "trailgrid")])
            let key = try await bootstrap.query(.iam, "CreateAccessKey", [.init("UserName", "trailgrid")])
            _ = try await bootstrap.query(.iam, "PutUserPolicy", [
                .init("UserName", "trailgrid"), .init("PolicyName", "all"),
                .init("PolicyDocument", #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#),
            ])
            let keys = AWSCredentials(accessKeyID: try #require(key.first("AccessKeyId")?.text),
                                      secretAccessKey: try #require(key.first("SecretAccessKey")?.text))
            let signed = AWSContext(client: client, credentials: StaticCredentialProvider(keys), region: "eu-west-1", account: "123456789012")

            // Query, JSON 1.1 and REST-XML, with a key that needs encoding.
            #expect(try await signed.getCallerIdentity().arn.hasSuffix(":user/trailgrid"))
            struct PutRule: Encodable { var Name = "signed"; var EventPattern = #"{"source":["aws.cloudtrail"]}"# }
            struct Empty: Decodable {}
            _ = try await signed.json11(.eventBridge, "PutRule", PutRule(), as: Empty.self)
            #expect(try await signed.listRules().map(\.name) == ["signed"])
            var bucket = ProtocolCodec.rest(method: "PUT", path: "/signed-bucket")
            bucket.body = Array("""
                <CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>
                """.utf8)
            _ = try await signed.rest(.s3, "CreateBucket", bucket)
            // moto's own verifier decodes an S3 key before it re-signs it, so a
            // key with `+`, `=` or non-ASCII letters fails there for boto3 too;
            // those are covered by the botocore comparison. A space is not. (Its
            // verifier also fails boto3 on a "/" in a query value, so the
            // prefix below has none.)
            var put = ProtocolCodec.rest(method: "PUT", path: "/signed-bucket/AWSLogs/my folder/x.json")
            put.body = Array("{}".utf8)
            _ = try await signed.rest(.s3, "PutObject", put)
            #expect(try await signed.listObjects(bucket: "signed-bucket", prefix: "AWSLogs").map(\.key) == ["AWSLogs/my folder/x.json"])

            // The same key with a wrong secret is refused: the check is real.
            var wrong = keys
            wrong.secretAccessKey += "x"
            let forged = AWSContext(client: client, credentials: StaticCredentialProvider(wrong), region: "eu-west-1")
            let refusal = await #expect(throws: AWSServiceError.self) { _ = try await forged.listRules() }
            #expect(refusal?.code.contains("Signature") == true, "\(String(describing: refusal))")
        }
    }
}
