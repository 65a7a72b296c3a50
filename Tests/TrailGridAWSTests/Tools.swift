import Foundation
import TestProcesses

/// Runs helper programs (python3 with botocore, moto_server) from the tests.
enum Tools {
    /// The full path of `name` on PATH, or nil.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs a program to its end (at most two minutes), feeding `input` on stdin.
    static func run(_ executable: String, _ arguments: [String], input: Data = Data()) throws -> Output {
        let result = try ChildProcess.run([executable] + arguments, input: input)
        return Output(status: result.status, stdout: result.stdoutData, stderr: result.stderr)
    }

    /// Whether `python3 -c "import botocore"` works.
    static let hasBotocore: Bool = {
        guard let python = which("python3") else { return false }
        return (try? run(python, ["-c", "import botocore.auth"]).status) == 0
    }()
}
