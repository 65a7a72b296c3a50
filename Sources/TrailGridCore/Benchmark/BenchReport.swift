/// The results of `trailgrid bench`, as a table for people and JSON for machines.
public struct BenchReport: Sendable {
    public struct Corpus: Sendable {
        /// nil when generated.
        public var path: String?
        public var events = 0
        public var bytes = 0
    }

    /// Timing of the dashboard's render path (DESIGN §8): filled by the
    /// executable once the dashboard exists.
    public struct Render: Sendable {
        public var frameMilliseconds: Double
        public var keyToFrameMilliseconds: Double

        public init(frameMilliseconds: Double, keyToFrameMilliseconds: Double) {
            self.frameMilliseconds = frameMilliseconds
            self.keyToFrameMilliseconds = keyToFrameMilliseconds
        }
    }

    /// The dashboard's ingest pipeline with the state store off and on
    /// (filled by the executable, which has the store).
    public struct Store: Sendable {
        public var events: Int
        public var secondsOff: Double
        public var secondsOn: Double
        /// The state file (and its WAL) after one run.
        public var stateBytes: Int

        public init(events: Int, secondsOff: Double, secondsOn: Double, stateBytes: Int) {
            self.events = events
            self.secondsOff = secondsOff
            self.secondsOn = secondsOn
            self.stateBytes = stateBytes
        }

        /// Throughput with the store over without it (1 = free).
        public var ratio: Double { secondsOn > 0 ? secondsOff / secondsOn : 0 }
    }

    public var corpus = Corpus()
    public var watchCount = 0
    public var runs = 0
    public var ingest: IngestRun?
    public var baselines: [BaselineRun] = []
    /// Per baseline, the median over rounds of trailgrid's throughput over
    /// the baseline's in the same round (see `BenchRunner`).
    public var pairedRatios: [Baseline: Double] = [:]
    public var stream: StreamRun?
    public var peakRSS = 0
    public var render: Render?
    public var store: Store?

    /// DESIGN §8: at least this many times each baseline's throughput.
    public static let targetRatio: [Baseline: Double] = [.jq: 10, .python: 5]
    public static let rssLimit = 200 << 20

    public init() {}

    /// trailgrid's throughput over the baseline's (nil when either is
    /// missing): the median of the rounds' ratios when there are rounds,
    /// else the ratio of the medians.
    public func ratio(to tool: Baseline) -> Double? {
        if let paired = pairedRatios[tool] { return paired }
        guard let ingest, let baseline = baselines.first(where: { $0.tool == tool }), baseline.eventsPerSecond > 0 else { return nil }
        return ingest.eventsPerSecond / baseline.eventsPerSecond
    }

    // MARK: - Table

    public var table: String {
        var lines: [String] = []
        let source = corpus.path ?? "generated"
        let mean = corpus.events > 0 ? Double(corpus.bytes) / Double(corpus.events) / 1000 : 0
        lines.append("trailgrid bench: \(Self.grouped(corpus.events)) get-records records (\(source), \(Self.fixed(mean, 2)) KB mean, "
            + "\(Self.megabytes(corpus.bytes))), \(watchCount) watches, median of \(runs) run\(runs == 1 ? "" : "s")")
        lines.append("")
        lines.append(Self.row("", "events/s", "MB/s", "seconds", "ratio", "target"))
        if let ingest {
            lines.append(Self.row("trailgrid ingest", Self.grouped(Int(ingest.eventsPerSecond)), Self.fixed(ingest.megabytesPerSecond, 1),
                                  Self.fixed(ingest.seconds, 3), "", ""))
        }
        for baseline in baselines {
            let ratio = self.ratio(to: baseline.tool) ?? 0
            let target = Self.targetRatio[baseline.tool] ?? 0
            let mbps = baseline.seconds > 0 ? Double(corpus.bytes) / 1e6 / baseline.seconds : 0
            lines.append(Self.row(Self.label(baseline.tool), Self.grouped(Int(baseline.eventsPerSecond)), Self.fixed(mbps, 1),
                                  Self.fixed(baseline.seconds, 3), Self.fixed(ratio, 1) + "x",
                                  "≥\(Int(target))x " + (ratio >= target ? "met" : "MISSED")))
        }
        if !pairedRatios.isEmpty {
            lines.append("")
            lines.append("ratios: the median over \(runs) round\(runs == 1 ? "" : "s") of trailgrid's throughput over the baseline's, "
                + "measured back to back in each round")
        }
        if let ingest {
            lines.append("")
            lines.append("ingest: \(Self.grouped(ingest.events)) events, \(Self.grouped(ingest.matched)) matched a watch; "
                + "CPU \(Self.fixed(ingest.cpuSeconds, 3)) s for \(Self.fixed(ingest.seconds, 3)) s wall "
                + "(\(Self.grouped(ingest.cpuSeconds > 0 ? Int(Double(ingest.events) / ingest.cpuSeconds) : 0)) events per CPU-second)")
        }
        if let stream {
            let low = stream.rssSamples.min() ?? 0
            let high = stream.rssSamples.max() ?? 0
            lines.append("stream: \(Self.grouped(stream.events)) events in \(Self.fixed(stream.seconds, 1)) s "
                + "(\(Self.grouped(stream.seconds > 0 ? Int(Double(stream.events) / stream.seconds) : 0))/s); "
                + "RSS sampled every file \(Self.megabytes(low))–\(Self.megabytes(high)), after \(stream.rssAfter.map(Self.megabytes) ?? "?")")
        }
        lines.append("memory: peak RSS \(Self.megabytes(peakRSS)) for the whole run (limit \(Self.megabytes(Self.rssLimit)): "
            + (peakRSS < Self.rssLimit ? "met" : "MISSED") + ")")
        if let render {
            lines.append("render: 500×34 frame \(Self.fixed(render.frameMilliseconds, 2)) ms (target < 5), "
                + "key-to-frame p95 \(Self.fixed(render.keyToFrameMilliseconds, 1)) ms while ingesting (target < 50)")
        } else {
            lines.append("render: not measured (--no-render)")
        }
        if let store {
            let rate = { (seconds: Double) in Self.grouped(seconds > 0 ? Int(Double(store.events) / seconds) : 0) }
            lines.append("state store: dashboard pipeline \(rate(store.secondsOff)) events/s without, \(rate(store.secondsOn)) with "
                + "(\(Self.fixed(store.ratio * 100, 0)) %, target ≥ 90 %: " + (store.ratio >= 0.9 ? "met" : "MISSED")
                + "); state file \(Self.megabytes(store.stateBytes)) for \(Self.grouped(store.events)) events")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func label(_ tool: Baseline) -> String {
        switch tool {
        case .jq: return "jq @base64d|fromjson"
        case .python: return "python json+base64"
        }
    }

    static func row(_ name: String, _ a: String, _ b: String, _ c: String, _ d: String, _ e: String) -> String {
        let text = pad(name, 22) + padLeft(a, 11) + padLeft(b, 9) + padLeft(c, 10) + padLeft(d, 8) + "  " + e
        return String(text.reversed().drop { $0 == " " }.reversed())
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// `value` with `places` decimals, without Foundation's formatter.
    static func fixed(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        while fraction.count < places { fraction = "0" + fraction }
        return (value < 0 ? "-" : "") + String(whole) + (places > 0 ? "." + fraction : "")
    }

    static func megabytes(_ bytes: Int) -> String {
        fixed(Double(bytes) / 1_048_576, 1) + " MiB"
    }

    // MARK: - JSON

    public var json: String {
        var members: [JSONMember] = [
            JSONMember("corpus", .object([
                JSONMember("path", corpus.path.map(JSONValue.string) ?? .null),
                JSONMember("events", Self.number(corpus.events)),
                JSONMember("bytes", Self.number(corpus.bytes)),
            ])),
            JSONMember("watches", Self.number(watchCount)),
            JSONMember("runs", Self.number(runs)),
        ]
        if let ingest {
            members.append(JSONMember("ingest", .object([
                JSONMember("events", Self.number(ingest.events)),
                JSONMember("matched", Self.number(ingest.matched)),
                JSONMember("seconds", Self.number(ingest.seconds)),
                JSONMember("cpuSeconds", Self.number(ingest.cpuSeconds)),
                JSONMember("eventsPerSecond", Self.number(ingest.eventsPerSecond)),
                JSONMember("megabytesPerSecond", Self.number(ingest.megabytesPerSecond)),
            ])))
        }
        members.append(JSONMember("baselines", .array(baselines.map { baseline in
            .object([
                JSONMember("tool", .string(baseline.tool.rawValue)),
                JSONMember("seconds", Self.number(baseline.seconds)),
                JSONMember("eventsPerSecond", Self.number(baseline.eventsPerSecond)),
                JSONMember("ratio", ratio(to: baseline.tool).map(Self.number) ?? .null),
                JSONMember("targetRatio", Self.number(Self.targetRatio[baseline.tool] ?? 0)),
            ])
        })))
        if let stream {
            members.append(JSONMember("stream", .object([
                JSONMember("events", Self.number(stream.events)),
                JSONMember("seconds", Self.number(stream.seconds)),
                JSONMember("rssAfterBytes", stream.rssAfter.map(Self.number) ?? .null),
                JSONMember("rssMinBytes", stream.rssSamples.min().map(Self.number) ?? .null),
                JSONMember("rssMaxBytes", stream.rssSamples.max().map(Self.number) ?? .null),
            ])))
        }
        members.append(JSONMember("peakRSSBytes", Self.number(peakRSS)))
        members.append(JSONMember("render", render.map { render in
            .object([
                JSONMember("frameMilliseconds", Self.number(render.frameMilliseconds)),
                JSONMember("keyToFrameMilliseconds", Self.number(render.keyToFrameMilliseconds)),
            ])
        } ?? .null))
        members.append(JSONMember("store", store.map { store in
            .object([
                JSONMember("events", Self.number(store.events)),
                JSONMember("secondsOff", Self.number(store.secondsOff)),
                JSONMember("secondsOn", Self.number(store.secondsOn)),
                JSONMember("ratio", Self.number(store.ratio)),
                JSONMember("stateBytes", Self.number(store.stateBytes)),
            ])
        } ?? .null))
        return JSONWriter.serialize(.object(members)) + "\n"
    }

    static func number(_ value: Int) -> JSONValue { .integer(value) }
    static func number(_ value: Double) -> JSONValue { .number(JSONNumber(text: fixed(value, 6))) }
}
