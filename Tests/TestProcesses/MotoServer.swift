import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A `moto_server` on 127.0.0.1 and a free port, for the tests that talk to
/// AWS; stopped by `stop()` (tests call it in a `defer`, so also on failure).
///
/// It leads a process group of its own and is stopped as a group, with
/// SIGKILL when SIGTERM is not enough: `moto_server` outlived SIGTERM here,
/// and a server left behind kept 190 MB after the tests.
public final class MotoServer: @unchecked Sendable {
    public let port: Int
    public var endpoint: String { "http://127.0.0.1:\(port)" }
    private let child: ChildProcess

    /// `environment` is added to this process's (moto reads settings such as
    /// `INITIAL_NO_AUTH_ACTION_COUNT` from it).
    public init(environment extra: [String: String] = [:]) throws {
        port = try Self.freePort()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("trailgrid-moto-\(port)-\(UUID().uuidString.prefix(8)).log").path
        let environment = ProcessInfo.processInfo.environment.merging(extra) { $1 }
        child = try ChildProcess(["moto_server", "-H", "127.0.0.1", "-p", String(port)], environment: environment,
                                 stdout: .file(log), stderr: .file(log), ownGroup: true)
        let deadline = Date().addingTimeInterval(30)
        while !Self.accepts(port: port) {
            guard Date() < deadline, child.isRunning else {
                child.stop(grace: 5)
                let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                throw ChildProcess.Failure(description: "moto_server did not start on port \(port): \(text.suffix(500))")
            }
            usleep(100_000)
        }
    }

    public func stop() { child.stop(grace: 5) }

    /// A port nothing listens on at this moment.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ChildProcess.Failure(description: "socket failed") }
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ChildProcess.Failure(description: "cannot find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Whether something accepts connections on the port.
    public static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        return address
    }
}
