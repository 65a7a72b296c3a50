import Foundation

/// `credential_process`: runs the command and reads the JSON it prints
/// (`Version` 1, `AccessKeyId`, `SecretAccessKey`, optional `SessionToken`
/// and `Expiration`). The command runs through `/bin/sh -c`, so quoting
/// works as it does in a shell. A failing command is an error that names it,
/// its exit status and what it wrote to stderr — never its stdout, which
/// may hold a secret.
public struct ProcessCredentialProvider: CredentialProvider {
    public let command: String
    public let profile: String

    public init(command: String, profile: String) {
        self.command = command
        self.profile = profile
    }

    struct Output: Decodable {
        var Version: Int?
        var AccessKeyId: String?
        var SecretAccessKey: String?
        var SessionToken: String?
        var Expiration: String?
    }

    public func credentials() async throws -> AWSCredentials {
        let command = self.command
        let (status, stdout, stderr) = try await withCheckedThrowingContinuation { continuation in
            // Process and its wait block a thread; keep them off the cooperative pool.
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.run(command) })
            }
        }
        let label = "credential_process of profile \(profile) (\(command))"
        guard status == 0 else {
            let message = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw AWSClientError.credentials("\(label) exited with status \(status)\(message.isEmpty ? "" : ": \(message.prefix(2000))")")
        }
        guard let output = try? JSONDecoder().decode(Output.self, from: stdout) else {
            throw AWSClientError.credentials("\(label) did not print a JSON object")
        }
        guard output.Version == 1 else {
            throw AWSClientError.credentials("\(label) printed Version \(output.Version.map(String.init) ?? "none"); only Version 1 is supported")
        }
        guard let key = output.AccessKeyId, !key.isEmpty, let secret = output.SecretAccessKey, !secret.isEmpty else {
            throw AWSClientError.credentials("\(label) printed no AccessKeyId or SecretAccessKey")
        }
        var expiration: Date?
        if let text = output.Expiration {
            guard let date = Timestamps.parseISO8601(text) else {
                throw AWSClientError.credentials("\(label) printed an Expiration that is not an ISO 8601 time")
            }
            expiration = date
        }
        return AWSCredentials(accessKeyID: key, secretAccessKey: secret, sessionToken: output.SessionToken, expiration: expiration)
    }

    static func run(_ command: String) throws -> (Int32, Data, Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSClientError.credentials("credential_process (\(command)) could not start: \(error)")
        }
        let errorBytes = ErrorDrain(stderr.fileHandleForReading)
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, output, errorBytes.finish())
    }

    /// Reads stderr on its own thread while stdout is read, so that neither
    /// pipe fills and blocks the child.
    final class ErrorDrain: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()

        init(_ handle: FileHandle) {
            Thread.detachNewThread { [self] in
                data = handle.readDataToEndOfFile()
                done.signal()
            }
        }

        func finish() -> Data {
            done.wait()
            return data
        }
    }
}
