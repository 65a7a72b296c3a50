import Foundation

/// Runs the real `aws` command line, so `collect` uses whatever credentials,
/// profiles, SSO and proxies the user's CLI already has.
struct AWSCLI: Sendable {
    var executable: String
    var profile: String?
    var endpointURL: String?
    /// Extra environment (assumed-role credentials); when set, `--profile` is not passed.
    var environment: [String: String] = [:]

    struct Failure: Error, CustomStringConvertible {
        var command: String
        var message: String
        var description: String { "\(command): \(message)" }
    }

    /// Runs `aws <arguments> --output json` and returns the parsed output.
    func call(_ arguments: [String], region: String? = nil) -> Result<(bytes: [UInt8], json: Any), Failure> {
        var full = arguments + ["--output", "json"]
        if let region { full += ["--region", region] }
        if let profile, environment.isEmpty { full += ["--profile", profile] }
        if let endpointURL { full += ["--endpoint-url", endpointURL] }
        let name = arguments.prefix(2).joined(separator: " ") + (region.map { " (\($0))" } ?? "")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + full
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        if !environment.isEmpty { env["AWS_PROFILE"] = nil }
        env["AWS_PAGER"] = ""
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return .failure(Failure(command: name, message: "cannot run \(executable): \(error.localizedDescription)"))
        }
        // Read both pipes concurrently so a chatty stderr cannot block the child.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1_000) }
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errorData.get(), as: UTF8.self)
            let line = text.split(separator: "\n").last(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) ?? "exit \(process.terminationStatus)"
            return .failure(Failure(command: name, message: String(line)))
        }
        do {
            let json = try JSONSerialization.jsonObject(with: data.isEmpty ? Data("{}".utf8) : data)
            return .success(([UInt8](data), json))
        } catch {
            return .failure(Failure(command: name, message: "output is not JSON"))
        }
    }
}

/// A value handed from the stderr reader thread.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data ?? Data() } }
    var isSet: Bool { lock.withLock { data != nil } }
}
