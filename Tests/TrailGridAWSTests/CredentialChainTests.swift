import Foundation
import Testing
@testable import TrailGridAWS

/// Each source of the default chain, their precedence, and their failures.
/// Every environment here sets AWS_EC2_METADATA_DISABLED unless a test
/// points the metadata endpoint at a local fake: no test ever reaches for
/// 169.254.169.254.
@Suite struct CredentialChainTests {
    /// A home directory with `.aws/credentials` and `.aws/config`.
    struct Home {
        let url = TestSupport.temporaryDirectory()
        init(credentials: String = "", config: String = "") throws {
            let aws = url.appendingPathComponent(".aws")
            try FileManager.default.createDirectory(at: aws, withIntermediateDirectories: true)
            try credentials.write(to: aws.appendingPathComponent("credentials"), atomically: true, encoding: .utf8)
            try config.write(to: aws.appendingPathComponent("config"), atomically: true, encoding: .utf8)
        }
        func file(_ name: String, _ text: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static let baseEnvironment = ["AWS_EC2_METADATA_DISABLED": "true"]

    static func resolve(_ home: Home, _ environment: [String: String] = [:], profile: String? = nil,
                        endpoint: String? = nil) async throws -> (AWSCredentials, String) {
        try await TestSupport.withClient(endpoint) { client in
            let chain = DefaultCredentialChain(
                settings: CredentialChainSettings(environment: baseEnvironment.merging(environment) { $1 }, explicitProfile: profile,
                                                  homeDirectory: home.url.path),
                client: client)
            return (try await chain.credentials(), try await chain.source())
        }
    }

    static let twoProfiles = """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = default-secret
        # a comment
        [dev]
        aws_access_key_id=AKIDDEV
        aws_secret_access_key=dev-secret
        aws_session_token = dev-token
        """

    @Test func environmentKeysComeFirst() async throws {
        let home = try Home(credentials: Self.twoProfiles)
        let (credentials, source) = try await Self.resolve(home, ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
                                                                  "AWS_SESSION_TOKEN": "env-token", "AWS_PROFILE": "dev"])
        #expect(credentials == AWSCredentials(accessKeyID: "AKIDENV", secretAccessKey: "env-secret", sessionToken: "env-token"))
        #expect(source == "environment")
    }

    @Test func anExplicitProfileSetsTheEnvironmentAside() async throws {
        let home = try Home(credentials: Self.twoProfiles)
        let (credentials, _) = try await Self.resolve(home, ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "env-secret"], profile: "dev")
        #expect(credentials == AWSCredentials(accessKeyID: "AKIDDEV", secretAccessKey: "dev-secret", sessionToken: "dev-token"))
    }

    @Test func awsProfileAndTheDefaultProfile() async throws {
        let home = try Home(credentials: Self.twoProfiles)
        #expect(try await Self.resolve(home, ["AWS_PROFILE": "dev"]).0.accessKeyID == "AKIDDEV")
        #expect(try await Self.resolve(home).0.accessKeyID == "AKIDDEFAULT")
        await #expect(throws: AWSClientError.self) { try await Self.resolve(home, ["AWS_PROFILE": "missing"]) }
        await #expect(throws: AWSClientError.self) { try await Self.resolve(home, ["AWS_ACCESS_KEY_ID": "AKIDONLY"]) }
    }

    @Test func credentialsFileBeatsConfigFileAndTheirPathsCanMove() async throws {
        let home = try Home(config: "[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = config-secret\nregion = eu-west-1\n")
        #expect(try await Self.resolve(home, profile: "dev").0.accessKeyID == "AKIDCONFIG")
        let credentials = try home.file("elsewhere-credentials", "[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = creds-secret\n")
        let config = try home.file("elsewhere-config", "[profile dev]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = other\n[sso-session x]\naws_access_key_id = AKIDNOTAPROFILE\n")
        let moved = try await Self.resolve(home, ["AWS_SHARED_CREDENTIALS_FILE": credentials, "AWS_CONFIG_FILE": config], profile: "dev")
        #expect(moved.0.accessKeyID == "AKIDCREDS")
        let configOnly = try await Self.resolve(home, ["AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": config], profile: "dev")
        #expect(configOnly.0.accessKeyID == "AKIDOTHER")
    }

    @Test func credentialProcessVersion1() async throws {
        let home = try Home(config: """
            [profile tool]
            credential_process = printf '{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "proc-secret", "SessionToken": "proc-token", "Expiration": "2099-01-01T00:00:00Z"}'
            """)
        let (credentials, source) = try await Self.resolve(home, profile: "tool")
        #expect(credentials.accessKeyID == "AKIDPROC" && credentials.sessionToken == "proc-token")
        #expect(credentials.expiration == Timestamps.parseISO8601("2099-01-01T00:00:00Z"))
        #expect(source == "profile tool: credential_process")
    }

    @Test func aFailingCredentialProcessSaysWhy() async throws {
        let home = try Home()
        // Scripts, so that the secrets they print are not in the command line the error names.
        let broken = try home.file("broken.sh", """
            echo '{"SecretAccessKey": "leaked-secret"}'
            echo "token expired, run login" >&2
            exit 3
            """)
        let oldVersion = try home.file("old.sh", #"echo '{"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "version-secret"}'"#)
        try "[profile broken]\ncredential_process = sh \(broken)\n[profile oldversion]\ncredential_process = sh '\(oldVersion)'\n"
            .write(to: home.url.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        do {
            _ = try await Self.resolve(home, profile: "broken")
            Issue.record("a failing credential_process gave credentials")
        } catch let error as AWSClientError {
            let text = "\(error)"
            #expect(text.contains("exited with status 3: token expired, run login"), "\(text)")
            #expect(text.contains("profile broken"))
            #expect(!text.contains("leaked-secret"))
        }
        do {
            _ = try await Self.resolve(home, profile: "oldversion")
            Issue.record("Version 2 was accepted")
        } catch let error as AWSClientError {
            #expect("\(error)".contains("only Version 1"))
            #expect(!"\(error)".contains("version-secret"))
        }
    }

    /// A fake STS: AssumeRole (signed) and AssumeRoleWithWebIdentity (not),
    /// rejecting the token "expired" as STS does.
    static func fakeSTS() throws -> FakeHTTPServer {
        try FakeHTTPServer { request, _ in
            let form = TestSupport.form(request.bodyText)
            switch form["Action"] {
            case "AssumeRole":
                guard let authorization = request.headers["authorization"] else { return .respond(status: 403, body: "<ErrorResponse><Error><Code>MissingAuthenticationToken</Code><Message>unsigned</Message></Error></ErrorResponse>") }
                let caller = authorization.split(separator: "=")[1].split(separator: "/")[0]
                return .respond(status: 200, body: TestSupport.stsCredentialsXML("AssumeRole", key: "ASIA-\(form["RoleSessionName"] ?? "")-BY-\(caller)"))
            case "AssumeRoleWithWebIdentity":
                if request.headers["authorization"] != nil { return .respond(status: 400, body: "signed web identity request") }
                if form["WebIdentityToken"] == "expired" {
                    return .respond(status: 400, body: """
                        <ErrorResponse><Error><Type>Sender</Type><Code>ExpiredTokenException</Code><Message>Token expired: current date/time 1764697328 must be before the expiration date/time 1764690000</Message></Error></ErrorResponse>
                        """)
                }
                return .respond(status: 200, body: TestSupport.stsCredentialsXML("AssumeRoleWithWebIdentity", key: "ASIA-WEB-\(form["RoleSessionName"] ?? "")"))
            default:
                return .respond(status: 400, body: "<ErrorResponse><Error><Code>InvalidAction</Code><Message>?</Message></Error></ErrorResponse>")
            }
        }
    }

    @Test func roleArnWithSourceProfileAndExternalID() async throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home(credentials: "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n", config: """
            [profile auditor]
            role_arn = arn:aws:iam::222222222222:role/Audit
            source_profile = base
            external_id = ext-123
            role_session_name = audit
            region = eu-west-1
            [profile chained]
            role_arn = arn:aws:iam::333333333333:role/Second
            source_profile = auditor
            role_session_name = second
            """)
        let (credentials, source) = try await Self.resolve(home, profile: "auditor", endpoint: sts.url)
        #expect(credentials.accessKeyID == "ASIA-audit-BY-AKIDBASE" && credentials.sessionToken == "token-of-ASIA-audit-BY-AKIDBASE")
        #expect(source == "profile auditor: role_arn arn:aws:iam::222222222222:role/Audit")
        let call = TestSupport.form(try #require(sts.requests.first).bodyText)
        #expect(call["ExternalId"] == "ext-123" && call["RoleArn"] == "arn:aws:iam::222222222222:role/Audit")
        #expect(try #require(sts.requests.first).headers["authorization"]?.contains("/eu-west-1/sts/aws4_request") == true)
        // Role chaining: the second role is assumed with the first role's session.
        let chained = try await Self.resolve(home, profile: "chained", endpoint: sts.url)
        #expect(chained.0.accessKeyID == "ASIA-second-BY-ASIA-audit-BY-AKIDBASE")
    }

    /// role_arn wins over keys in the same profile (botocore's order), and
    /// credential_source = Environment signs AssumeRole with the environment's keys.
    @Test func roleArnBeatsKeysAndCredentialSourceEnvironment() async throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home(credentials: "[both]\naws_access_key_id = AKIDBOTH\naws_secret_access_key = both-secret\n", config: """
            [profile both]
            role_arn = arn:aws:iam::222222222222:role/Audit
            source_profile = both
            role_session_name = self
            [profile fromenv]
            role_arn = arn:aws:iam::222222222222:role/Audit
            credential_source = Environment
            role_session_name = env
            """)
        #expect(try await Self.resolve(home, profile: "both", endpoint: sts.url).0.accessKeyID == "ASIA-self-BY-AKIDBOTH")
        let fromEnvironment = try await Self.resolve(home, ["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"],
                                                     profile: "fromenv", endpoint: sts.url)
        #expect(fromEnvironment.0.accessKeyID == "ASIA-env-BY-AKIDENV")
    }

    @Test func mfaSerialIsRefusedWithAReason() async throws {
        let home = try Home(credentials: "[base]\naws_access_key_id = A\naws_secret_access_key = s\n", config: """
            [profile mfa]
            role_arn = arn:aws:iam::222222222222:role/Admin
            source_profile = base
            mfa_serial = arn:aws:iam::111111111111:mfa/me
            """)
        do {
            _ = try await Self.resolve(home, profile: "mfa")
            Issue.record("mfa_serial was accepted")
        } catch let error as AWSClientError {
            #expect("\(error)".contains("mfa_serial") && "\(error)".contains("cannot ask for a code"), "\(error)")
        }
    }

    @Test func webIdentityFromTheEnvironment() async throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home()
        let token = try home.file("token", "eyJhbGciOi.good.token\n")
        let (credentials, source) = try await Self.resolve(
            home, ["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::1:role/Pod", "AWS_ROLE_SESSION_NAME": "pod"], endpoint: sts.url)
        #expect(credentials.accessKeyID == "ASIA-WEB-pod")
        #expect(source == "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)")
        #expect(TestSupport.form(try #require(sts.requests.first).bodyText)["WebIdentityToken"] == "eyJhbGciOi.good.token")
    }

    @Test func anExpiredWebIdentityTokenIsAnError() async throws {
        let sts = try Self.fakeSTS()
        defer { sts.stop() }
        let home = try Home()
        let token = try home.file("token", "expired")
        do {
            _ = try await Self.resolve(home, ["AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_ROLE_ARN": "arn:aws:iam::1:role/Pod"], endpoint: sts.url)
            Issue.record("an expired token gave credentials")
        } catch let error as AWSClientError {
            #expect("\(error)".contains("ExpiredTokenException: Token expired"), "\(error)")
        }
        let missing = try await TestSupport.withClient(sts.url) { client in
            await #expect(throws: AWSClientError.self) {
                try await WebIdentityCredentialProvider(client: client, tokenFile: "/nonexistent/token", roleARN: "arn:aws:iam::1:role/P").credentials()
            }
        }
        _ = missing
    }

    @Test func containerCredentialsWithAnAuthorizationToken() async throws {
        let agent = try FakeHTTPServer { request, _ in
            guard request.path == "/v2/credentials/abc", request.headers["authorization"] == "Bearer pod-token" else {
                return .respond(status: 401, body: "no")
            }
            return .respond(status: 200, body: #"{"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"c-secret","Token":"c-token","Expiration":"2099-01-01T00:00:00Z"}"#)
        }
        defer { agent.stop() }
        let home = try Home()
        let tokenFile = try home.file("pod-token", "Bearer pod-token\n")
        let (credentials, source) = try await Self.resolve(home, ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "\(agent.url)/v2/credentials/abc",
                                                                  "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile])
        #expect(credentials.accessKeyID == "ASIACONTAINER" && credentials.sessionToken == "c-token")
        #expect(source == "container credentials")
        // The relative form goes to the ECS agent's address; it is not called here.
        let relative = try ContainerCredentialProvider(transport: UnusedTransport(),
                                                       environment: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/xyz"])
        #expect(relative.url.string == "http://169.254.170.2/v2/credentials/xyz")
        #expect(throws: AWSClientError.self) {
            try ContainerCredentialProvider(transport: UnusedTransport(),
                                            environment: ["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.10/creds"])
        }
    }

    @Test func instanceMetadataVersion2() async throws {
        let imds = try FakeHTTPServer { request, _ in
            switch (request.method, request.path) {
            case ("PUT", "/latest/api/token"):
                return request.headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600" ? .respond(status: 200, body: "session-token") : .respond(status: 400)
            case (_, _) where request.headers["x-aws-ec2-metadata-token"] != "session-token":
                return .respond(status: 401)
            case ("GET", "/latest/meta-data/iam/security-credentials/"):
                return .respond(status: 200, body: "InstanceRole")
            case ("GET", "/latest/meta-data/iam/security-credentials/InstanceRole"):
                return .respond(status: 200, body: #"{"Code":"Success","AccessKeyId":"ASIAIMDS","SecretAccessKey":"i-secret","Token":"i-token","Expiration":"2099-01-01T00:00:00Z"}"#)
            default:
                return .respond(status: 404)
            }
        }
        defer { imds.stop() }
        let home = try Home()
        let (credentials, source) = try await Self.resolve(home, ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": imds.url])
        #expect(credentials.accessKeyID == "ASIAIMDS" && credentials.sessionToken == "i-token")
        #expect(source == "instance metadata (IMDSv2)")
        #expect(imds.requests.map(\.method) == ["PUT", "GET", "GET"])
    }

    @Test func nothingConfiguredIsAClearError() async throws {
        let home = try Home()
        do {
            _ = try await Self.resolve(home)
            Issue.record("credentials from nowhere")
        } catch let error as AWSClientError {
            #expect("\(error)".contains("no credentials found"), "\(error)")
        }
    }

    /// Temporary credentials are fetched once, reused, and fetched again
    /// within the refresh margin of their expiry; concurrent callers share one fetch.
    @Test func cachedSessionsRefreshBeforeExpiry() async throws {
        final class Source: CredentialProvider, @unchecked Sendable {
            let lock = NSLock()
            var count = 0
            let lifetime: TimeInterval
            let clock: Clock
            init(lifetime: TimeInterval, clock: Clock) { self.lifetime = lifetime; self.clock = clock }
            func credentials() async throws -> AWSCredentials {
                let number = lock.withLock { count += 1; return count }
                try await Task.sleep(for: .milliseconds(20))
                return AWSCredentials(accessKeyID: "ASIA\(number)", secretAccessKey: "s", sessionToken: "t",
                                      expiration: clock.now.addingTimeInterval(lifetime))
            }
        }
        final class Clock: @unchecked Sendable {
            let lock = NSLock()
            var current = Date(timeIntervalSince1970: 1_000_000)
            var now: Date { lock.withLock { current } }
            func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
        }
        let clock = Clock()
        let source = Source(lifetime: 3600, clock: clock)
        let cache = CachedCredentialProvider(source, refreshMargin: 300, now: { clock.now })
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<16 { group.addTask { try await cache.credentials().accessKeyID } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(keys == ["ASIA1"])
        clock.advance(3000)   // 10 minutes left: still good
        #expect(try await cache.credentials().accessKeyID == "ASIA1")
        clock.advance(400)    // 3 minutes 20 left: inside the margin
        #expect(try await cache.credentials().accessKeyID == "ASIA2")
        #expect(await cache.fetches == 2)
    }

    @Test func profileFileParsing() {
        let parsed = ProfileFiles.parse("""
            [profile a]
            ; comment
            Region = eu-west-1
            s3 =
              max_concurrent_requests = 20
            key=value=with=equals
            [default]
            x = 1
            [services dev]
            y = 2
            """, isConfig: true)
        #expect(parsed == ["a": ["region": "eu-west-1", "s3": "", "key": "value=with=equals"], "default": ["x": "1"]])
    }
}
