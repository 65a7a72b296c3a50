import Foundation

/// Where a call goes and the region it is signed for.
public struct Endpoint: Sendable, Equatable {
    public var scheme: String
    public var host: String
    public var port: Int?
    /// A path the override URL carries, put before the operation's path.
    public var basePath: String
    public var signingRegion: String

    /// `service.region.amazonaws.com` (or the partition's suffix); a global
    /// service at its partition's home region; STS at its regional endpoint
    /// (the SDKs' default since 2022, and what keeps an outage of
    /// us-east-1 from stopping a collect elsewhere). An override
    /// (`--endpoint-url`, a local emulator) replaces the host for every
    /// service but keeps the signing region.
    public static func resolve(_ service: AWSService, region: String, override: String? = nil) throws -> Endpoint {
        guard AWSRegions.isWellFormed(region) else {
            throw AWSClientError.invalidConfiguration("\"\(region)\" is not an AWS region name")
        }
        let partition = AWSRegions.partition(of: region)
        let signingRegion = service.isGlobal ? partition.homeRegion : region
        if let override {
            guard let components = URLComponents(string: override), let scheme = components.scheme?.lowercased(),
                  scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty else {
                throw AWSClientError.invalidConfiguration("endpoint URL \"\(override)\" is not an http(s) URL with a host")
            }
            var basePath = components.path
            while basePath.hasSuffix("/") { basePath.removeLast() }
            return Endpoint(scheme: scheme, host: host, port: components.port, basePath: basePath, signingRegion: signingRegion)
        }
        let host = globalHosts[partition.name]?[service.endpointPrefix]
            ?? "\(service.endpointPrefix).\(signingRegion).\(partition.dnsSuffix)"
        return Endpoint(scheme: "https", host: host, port: nil, basePath: "", signingRegion: signingRegion)
    }

    /// Global services whose host does not follow `prefix.region.suffix`.
    static let globalHosts: [String: [String: String]] = [
        "aws": ["iam": "iam.amazonaws.com"],
        "aws-us-gov": ["iam": "iam.us-gov.amazonaws.com"],
    ]

    /// The request sent here: scheme, host and port set, base path added.
    func apply(to request: AWSHTTPRequest) -> AWSHTTPRequest {
        var request = request
        request.scheme = scheme
        request.host = host
        request.port = port
        if !basePath.isEmpty { request.path = basePath + (request.path.hasPrefix("/") ? request.path : "/" + request.path) }
        return request
    }
}
