import Foundation

/// Keeps a source's credentials until shortly before they expire, and
/// fetches them once for all callers when they do: a collect of 2,000
/// accounts × 17 regions must not call AssumeRole for every request, nor let
/// 32 concurrent calls all refresh the same session at once.
public actor CachedCredentialProvider: CredentialProvider {
    private let source: any CredentialProvider
    /// Refreshed when they expire within this; 5 minutes, as the SDKs' advisory window.
    private let refreshMargin: TimeInterval
    private let now: @Sendable () -> Date
    private var current: AWSCredentials?
    private var refreshing: Task<AWSCredentials, any Error>?
    public private(set) var fetches = 0

    public init(_ source: any CredentialProvider, refreshMargin: TimeInterval = 300, now: @escaping @Sendable () -> Date = { Date() }) {
        self.source = source
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        if let current, !current.expires(within: refreshMargin, of: now()) { return current }
        if let refreshing { return try await refreshing.value }
        let source = self.source
        let task = Task { try await source.credentials() }
        refreshing = task
        fetches += 1
        defer { refreshing = nil }
        let fresh = try await task.value
        current = fresh
        return fresh
    }
}
