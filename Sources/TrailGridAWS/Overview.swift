/// TrailGridAWS: trailgrid's own AWS client (DESIGN §10), in a module apart
/// from TrailGridCore so that the core stays free of the network.
///
/// ## The layers, bottom up
/// - `SigV4Signer` signs an `AWSHTTPRequest` (raw path, raw query items,
///   headers, body) exactly as botocore does; S3's rules (single-encoded
///   path, `X-Amz-Content-SHA256`, `UNSIGNED-PAYLOAD`) are options, not a
///   subclass. `SigV4BotocoreTests` compares every protocol's signature with
///   botocore's own signer.
/// - `ProtocolCodec` builds JSON 1.1, query, REST-JSON and REST-XML
///   requests and decodes each protocol's error document into an
///   `AWSServiceError` (the code and the whole message; an HTML page from a
///   proxy becomes `HTTP502` with its text).
/// - `HTTPTransport` sends one request; `AsyncHTTPClientTransport` is the
///   real one (pooled keep-alive connections, no redirects).
/// - `AWSClient` routes (`Endpoint.resolve`: regional, global services in
///   the partition's home region, regional STS, `--endpoint-url`), signs each
///   attempt afresh, applies the standard retry mode (`RetryPolicy`,
///   `RetryQuota`) and bounds concurrency overall and per account and region
///   (`ConcurrencyLimiter`). One client serves a whole run; call
///   `shutdown()` at the end.
/// - `AWSContext` is (client, credentials, region, account); the operations
///   in Services/ are its methods, and every list call follows its pages
///   (`Paginator`).
/// - Credentials: `DefaultCredentialChain` (botocore's order), the
///   providers it picks from, and `CachedCredentialProvider`, which keeps a
///   session until five minutes before it expires and refreshes it once for
///   all concurrent callers. No type prints a secret: `AWSCredentials` and a
///   signed request's headers redact themselves.
///
/// ## How `collect` would use it (the next step of issue 16)
/// ```swift
/// let client = AWSClient(configuration: .init(endpointOverride: endpointURL, jobs: jobs))
/// defer { Task { try? await client.shutdown() } }   // or await it at the end
/// let caller = DefaultCredentialChain(settings: .init(explicitProfile: profile), client: client)
/// let home = AWSContext(client: client, credentials: caller, region: "us-east-1")
/// // 1. Before any call: every --regions name is in AWSRegions.known.
/// // 2. Who we are, and the organization.
/// let me = try await home.getCallerIdentity()
/// let management = try await home.describeOrganization().managementAccountID
/// let accounts = try await home.listAccounts()
/// // 3. Per account: the caller's own credentials in the management account,
/// //    an assumed role elsewhere — one cached session per account, shared by
/// //    all its regions and refreshed before it expires.
/// let credentials: any CredentialProvider = account.id == me.account ? caller
///     : CachedCredentialProvider(AssumeRoleCredentialProvider(
///         client: client, source: caller, roleARN: "arn:aws:iam::\(account.id):role/\(roleName)",
///         sessionName: "trailgrid-collect"))
/// let inAccount = AWSContext(client: client, credentials: credentials, region: "us-east-1", account: account.id)
/// // 4. Enabled regions: Account ListRegions, else EC2 DescribeRegions
/// //    (AccessDenied from the first is not a failure of the account).
/// let regions = try await inAccount.listEnabledRegions()   // catch → inAccount.describeRegions()
/// // 5. Per cell (account × region), in a task group of at most `jobs` cells:
/// let cell = inAccount.with(region: region)
/// let trails = try await cell.describeTrails()
/// //    getTrailStatus / getEventSelectors for the trails whose home is this region,
/// //    listRules, then listTargetsByRule per rule.
/// ```
/// Each failed call is recorded as its `AWSServiceError` description
/// (`events ListRules: AccessDeniedException (HTTP 400): …`) and the rest
/// goes on; `client.metrics.snapshot` gives calls, retries, throttles and
/// failures for the progress line. The limiter's per-key bound uses the
/// context's `account` with the signing region, which is how AWS throttles.
///
/// ## What differs from the aws CLI's output
/// JSON 1.1 answers carry timestamps as epoch seconds, where the CLI prints
/// ISO 8601; the CLI also merges pages into one document. A native collect
/// that stores the same inventory files must merge pages (the typed
/// operations already do) and write times as the inventory reader expects.
public enum TrailGridAWSOverview {}
