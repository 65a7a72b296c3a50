import Foundation
import Testing
@testable import TrailGridAWS

/// Signs requests of every protocol trailgrid uses with `SigV4Signer` and
/// with botocore's own `SigV4Auth` / `S3SigV4Auth` (the signer the aws CLI
/// uses), for the same inputs and the same fixed time, and compares the
/// Authorization headers. botocore builds its URL from the raw path and query
/// with its own serializer helpers (`percent_encode`, `percent_encode_sequence`),
/// so the encoding is checked too, not only the hashing.
@Suite struct SigV4BotocoreTests {
    struct Case: Codable {
        var label: String
        var signer: String = "v4"         // "v4" or "s3"
        var unsigned = false
        var service: String
        var region = "us-east-1"
        var method: String
        var scheme = "https"
        var host: String
        var port: Int?
        var path = "/"
        var query: [[String]] = []
        var headers: [[String]] = []
        var body = ""                      // base64
        var accessKey = "AKIDEXAMPLE"
        var secretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
        var token: String?
        var time: Double = 1_764_697_328   // 2025-12-02T17:42:08Z

        init(_ label: String, service: String, method: String, host: String) {
            self.label = label
            self.service = service
            self.method = method
            self.host = host
        }

        func with(_ change: (inout Case) -> Void) -> Case {
            var copy = self
            change(&copy)
            return copy
        }

        var request: AWSHTTPRequest {
            AWSHTTPRequest(method: method, scheme: scheme, host: host, port: port, path: path,
                           query: query.map { .init($0[0], $0[1]) }, headers: headers.map { .init($0[0], $0[1]) },
                           body: Array(Data(base64Encoded: body)!))
        }

        var sigV4: SigV4Signer {
            signer == "s3"
                ? .s3(region: region, payload: unsigned ? .unsigned : .signed)
                : SigV4Signer(service: service, region: region, payload: unsigned ? .unsigned : .signed)
        }

        var credentials: AWSCredentials { AWSCredentials(accessKeyID: accessKey, secretAccessKey: secretKey, sessionToken: token) }
    }

    struct Signed: Codable {
        var label: String
        var authorization: String
        var canonicalRequest: String
        var headers: [String: String]
    }

    static func json(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
    static let json11 = ["Content-Type", "application/x-amz-json-1.1"]
    static let form = ["Content-Type", "application/x-www-form-urlencoded; charset=utf-8"]
    static let token = "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ+abc/def=="

    /// Every protocol and the corner cases of each.
    static let cases: [Case] = [
        // JSON 1.1: POST / with X-Amz-Target.
        Case("events ListRules (JSON 1.1, session token)", service: "events", method: "POST", host: "events.eu-west-1.amazonaws.com").with {
            $0.region = "eu-west-1"
            $0.headers = [json11, ["X-Amz-Target", "AWSEvents.ListRules"]]
            $0.body = json(#"{"EventBusName":"default","NextToken":"a+b/c=="}"#)
            $0.token = token
        },
        Case("organizations ListAccounts (JSON 1.1, global)", service: "organizations", method: "POST", host: "organizations.us-east-1.amazonaws.com").with {
            $0.headers = [json11, ["X-Amz-Target", "AWSOrganizationsV20161128.ListAccounts"]]
            $0.body = json("{}")
        },
        Case("cloudtrail DescribeTrails (JSON 1.1, empty body)", service: "cloudtrail", method: "POST", host: "cloudtrail.ap-southeast-2.amazonaws.com").with {
            $0.region = "ap-southeast-2"
            $0.headers = [json11, ["X-Amz-Target", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.DescribeTrails"]]
        },
        Case("kinesis GetRecords (JSON 1.1, binary body, leap day)", service: "kinesis", method: "POST", host: "kinesis.us-west-2.amazonaws.com").with {
            $0.region = "us-west-2"
            $0.headers = [json11, ["X-Amz-Target", "Kinesis_20131202.GetRecords"]]
            $0.body = Data((0...255).map { UInt8($0) }).base64EncodedString()
            $0.time = 1_709_251_199   // 2024-02-29T23:59:59Z
        },
        // Query: GET with parameters in the URL, POST with a form body.
        Case("sts GetCallerIdentity (query GET)", service: "sts", method: "GET", host: "sts.us-east-1.amazonaws.com").with {
            $0.query = [["Version", "2011-06-15"], ["Action", "GetCallerIdentity"]]
        },
        Case("sts AssumeRole (query POST, token)", service: "sts", method: "POST", host: "sts.eu-central-1.amazonaws.com").with {
            $0.region = "eu-central-1"
            $0.headers = [form]
            $0.body = json("Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Ftrailgrid&RoleSessionName=tg%2Bx%3Dy&ExternalId=ext%20id")
            $0.token = token
        },
        Case("ec2 DescribeRegions (query GET, reserved characters, repeated names)", service: "ec2", method: "GET", host: "ec2.us-east-1.amazonaws.com").with {
            $0.query = [
                ["Action", "DescribeRegions"], ["Version", "2016-11-15"], ["AllRegions", "true"],
                ["Filter.1.Name", "opt-in-status"], ["Filter.1.Value.1", "opt in+out=maybe&/~*'!()"],
                ["Filter.1.Value.2", "ünïcödé 日本"], ["z", "b"], ["z", "a"], ["Empty", ""], ["a~b", "1"], ["a.b", "2"], ["a_b", "3"], ["a-b", "4"], ["A", "5"],
            ]
        },
        Case("ec2 DescribeRegions (query POST)", service: "ec2", method: "POST", host: "ec2.sa-east-1.amazonaws.com").with {
            $0.region = "sa-east-1"
            $0.headers = [form]
            $0.body = json("Action=DescribeRegions&Version=2016-11-15")
        },
        // REST-JSON: Account ListRegions is POST /listRegions with a JSON body.
        Case("account ListRegions (REST-JSON POST)", service: "account", method: "POST", host: "account.us-east-1.amazonaws.com").with {
            $0.path = "/listRegions"
            $0.headers = [["Content-Type", "application/json"]]
            $0.body = json(#"{"MaxResults":50,"NextToken":"x/y+z=","RegionOptStatusContains":["ENABLED","ENABLED_BY_DEFAULT"]}"#)
        },
        Case("REST-JSON GET: query and a path with spaces, unicode, dot and empty segments", service: "account", method: "GET", host: "account.us-east-1.amazonaws.com").with {
            $0.path = "/things/a b/ünï+code/./x/../y//z/"
            $0.query = [["maxResults", "5"], ["nextToken", "a+b/c=="]]
            $0.headers = [["Accept", "application/json"], ["X-Custom", "  spaced   out\tvalue  "], ["User-Agent", "trailgrid/1"]]
        },
        Case("non-S3 unsigned payload", service: "events", method: "POST", host: "events.us-east-1.amazonaws.com").with {
            $0.unsigned = true
            $0.headers = [json11, ["X-Amz-Target", "AWSEvents.ListRules"]]
            $0.body = json("{}")
        },
        // A local emulator: http, an explicit port, which the Host header keeps.
        Case("sts GetCallerIdentity against a local endpoint", service: "sts", method: "POST", host: "127.0.0.1").with {
            $0.scheme = "http"
            $0.port = 5123
            $0.headers = [form]
            $0.body = json("Action=GetCallerIdentity&Version=2011-06-15")
            $0.token = "testing"
        },
        // REST-XML: S3, single-encoded path, X-Amz-Content-SHA256 always.
        Case("s3 ListObjectsV2 (REST-XML, signed empty payload)", service: "s3", method: "GET", host: "s3.eu-west-1.amazonaws.com").with {
            $0.signer = "s3"
            $0.region = "eu-west-1"
            $0.path = "/trail-bucket"
            $0.query = [["list-type", "2"], ["prefix", "AWSLogs/111122223333/CloudTrail/"], ["continuation-token", "1a+b/c=="], ["max-keys", "1000"]]
        },
        Case("s3 GetObject: key with spaces, unicode and dot segments", service: "s3", method: "GET", host: "trail-bucket.s3.us-east-1.amazonaws.com").with {
            $0.signer = "s3"
            $0.path = "/AWSLogs/my folder/ünïcode 日本/./a+b=c&d/../x//y.json.gz"
            $0.token = token
        },
        Case("s3 PutObject: binary body, UNSIGNED-PAYLOAD", service: "s3", method: "PUT", host: "s3.us-east-1.amazonaws.com").with {
            $0.signer = "s3"
            $0.unsigned = true
            $0.path = "/trail-bucket/a b/ü.bin"
            $0.headers = [["Content-Type", "application/octet-stream"], ["Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="]]
            $0.body = Data((0...255).reversed().map { UInt8($0) }).base64EncodedString()
        },
        Case("s3 PutObject: binary body, signed", service: "s3", method: "PUT", host: "s3.us-east-1.amazonaws.com").with {
            $0.signer = "s3"
            $0.path = "/trail-bucket/key"
            $0.body = Data([0, 0xFF, 0x0A, 0x0D, 0x80]).base64EncodedString()
        },
        Case("s3 ListObjectsV2 against a local endpoint (path style, port)", service: "s3", method: "GET", host: "localhost").with {
            $0.signer = "s3"
            $0.scheme = "http"
            $0.port = 5123
            $0.path = "/bucket with space/"
            $0.query = [["list-type", "2"], ["delimiter", "/"], ["encoding-type", "url"]]
        },
    ]

    /// botocore, fed the cases as JSON on stdin, prints what it signed.
    static let script = #"""
import base64, datetime, json, sys, types
import botocore.auth
from botocore.auth import SigV4Auth, S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode, percent_encode_sequence

out = []
for c in json.load(sys.stdin):
    fixed = datetime.datetime.fromtimestamp(c['time'], datetime.timezone.utc).replace(tzinfo=None)
    botocore.auth.get_current_datetime = lambda fixed=fixed, **kw: fixed
    netloc = c['host'] + (':%d' % c['port'] if c.get('port') else '')
    url = '%s://%s%s' % (c['scheme'], netloc, percent_encode(c['path'], safe='/~'))
    if c['query']:
        url += '?' + percent_encode_sequence([tuple(p) for p in c['query']])
    request = AWSRequest(method=c['method'], url=url, data=base64.b64decode(c['body']),
                         headers={k: v for k, v in c['headers']})
    credentials = Credentials(c['accessKey'], c['secretKey'], c.get('token'))
    if c['signer'] == 's3':
        signer = S3SigV4Auth(credentials, c['service'], c['region'])
        if c['unsigned']:
            request.context['client_config'] = types.SimpleNamespace(s3={'payload_signing_enabled': False})
    else:
        signer = SigV4Auth(credentials, c['service'], c['region'])
        if c['unsigned']:
            request.context['payload_signing_enabled'] = False
    signer.add_auth(request)
    out.append({'label': c['label'], 'authorization': request.headers['Authorization'],
                'canonicalRequest': signer.canonical_request(request),
                'headers': {k: v for k, v in request.headers.items()}})
json.dump(out, sys.stdout)
"""#

    @Test(.enabled(if: Tools.hasBotocore, "python3 with botocore is not installed (pip3 install awscli): the botocore comparison cannot run"))
    func authorizationMatchesBotocore() throws {
        let input = try JSONEncoder().encode(Self.cases)
        let result = try Tools.run(Tools.which("python3")!, ["-c", Self.script], input: input)
        try #require(result.status == 0, "botocore failed: \(result.stderr)")
        let expected = try JSONDecoder().decode([Signed].self, from: result.stdout)
        try #require(expected.count == Self.cases.count)
        for (testCase, botocore) in zip(Self.cases, expected) {
            let signer = testCase.sigV4
            let signed = signer.sign(testCase.request, with: testCase.credentials, at: Date(timeIntervalSince1970: testCase.time))
            #expect(signed.header("Authorization") == botocore.authorization, """
                \(testCase.label)
                trailgrid canonical request:
                \(signer.canonicalRequest(of: signed))
                botocore canonical request:
                \(botocore.canonicalRequest)
                """)
            // The headers botocore added (date, token, content hash) are the ones we send.
            for name in ["X-Amz-Date", "X-Amz-Security-Token", "X-Amz-Content-SHA256"] {
                #expect(signed.header(name) == botocore.headers.first { $0.key.lowercased() == name.lowercased() }?.value,
                        "\(testCase.label): \(name)")
            }
        }
    }

    /// The AWS documentation's own example (IAM ListUsers, the SigV4 test
    /// suite's credentials and time), independent of botocore.
    @Test func awsDocumentationExample() {
        let request = AWSHTTPRequest(method: "GET", host: "iam.amazonaws.com", path: "/",
                                     query: [.init("Action", "ListUsers"), .init("Version", "2010-05-08")],
                                     headers: [.init("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")])
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
        let signed = SigV4Signer(service: "iam", region: "us-east-1")
            .sign(request, with: credentials, at: Date(timeIntervalSince1970: 1_440_938_160))   // 20150830T123600Z
        #expect(signed.header("Authorization") == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7")
    }

    @Test func amzDateFormatting() {
        #expect(AmzDate(Date(timeIntervalSince1970: 0)).timestamp == "19700101T000000Z")
        #expect(AmzDate(Date(timeIntervalSince1970: 1_709_251_199)).timestamp == "20240229T235959Z")
        #expect(AmzDate(Date(timeIntervalSince1970: 4_102_444_800)).timestamp == "21000101T000000Z")
        #expect(AmzDate(Date(timeIntervalSince1970: 1_764_697_328.9)).day == "20251202")
    }

    @Test func credentialsNeverPrintTheirSecret() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "supersecret", sessionToken: "tokentoken")
        for text in [credentials.description, credentials.debugDescription, String(reflecting: credentials), "\(credentials)", { var s = ""; dump(credentials, to: &s); return s }()] {
            #expect(!text.contains("supersecret") && !text.contains("tokentoken"), "\(text)")
            #expect(text.contains("AKIDEXAMPLE"))
        }
    }

    @Test func signedRequestsNeverPrintTheirSecrets() {
        let credentials = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "supersecret", sessionToken: "tokentoken")
        let signed = SigV4Signer(service: "sts", region: "us-east-1")
            .sign(AWSHTTPRequest(method: "GET", host: "sts.us-east-1.amazonaws.com"), with: credentials, at: Date(timeIntervalSince1970: 0))
        let signature = String(signed.header("Authorization")!.split(separator: "=").last!)
        for text in ["\(signed)", String(reflecting: signed), { var s = ""; dump(signed, to: &s); return s }()] {
            #expect(!text.contains("tokentoken") && !text.contains(signature), "\(text)")
            #expect(text.contains("X-Amz-Date: 19700101T000000Z"))
        }
    }
}
