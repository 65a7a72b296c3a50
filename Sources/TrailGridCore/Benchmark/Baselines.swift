/// What a user would run instead of trailgrid to find one call in a
/// get-records dump: `jq` and a plain Python script, each decoding the base64
/// `Data` and parsing the JSON inside. DESIGN §8's targets are ratios to
/// these, measured on the same file in the same run.
public enum Baseline: String, Sendable, CaseIterable {
    case jq
    case python

    /// The command line selecting `eventName` from `corpus`, or nil when the
    /// tool is not installed. `scriptDirectory` receives the Python script.
    func command(eventName: String, corpus: String, scriptDirectory: String) -> [String]? {
        switch self {
        case .jq:
            guard let jq = BenchSystem.which("jq") else { return nil }
            return [jq, "-c", "select((.Data|@base64d|fromjson).detail.eventName == \"\(eventName)\")", corpus]
        case .python:
            guard let python = BenchSystem.which("python3") else { return nil }
            let script = scriptDirectory + "/baseline.py"
            guard (try? AtomicFile.write(Self.pythonScript, to: script)) != nil else { return nil }
            return [python, script, eventName, corpus]
        }
    }

    /// The plain script: the standard library's `json` and `base64`, one
    /// record a line, as anyone would write it.
    static let pythonScript = """
        import base64, json, sys

        want, path = sys.argv[1], sys.argv[2]
        out = sys.stdout
        with open(path, "rb") as feed:
            for line in feed:
                record = json.loads(line)
                event = json.loads(base64.b64decode(record["Data"]))
                if event.get("detail", {}).get("eventName") == want:
                    out.write(line.decode())

        """
}

public struct BaselineRun: Sendable {
    public var tool: Baseline
    public var seconds: Double
    public var eventsPerSecond: Double
}

extension Baseline {
    /// Runs the baseline once over `corpus` of `events` events.
    func measure(eventName: String, corpus: String, events: Int, scriptDirectory: String) throws(BenchError) -> BaselineRun? {
        guard let command = command(eventName: eventName, corpus: corpus, scriptDirectory: scriptDirectory) else { return nil }
        guard let result = BenchSystem.run(command) else { throw BenchError("cannot start \(command[0])") }
        guard result.status == 0 else { throw BenchError("\(rawValue) exited with status \(result.status)") }
        return BaselineRun(tool: self, seconds: result.seconds, eventsPerSecond: Double(events) / result.seconds)
    }
}
