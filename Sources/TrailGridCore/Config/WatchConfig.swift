import Yams

/// The watches in force: the built-ins (unless turned off) and the user's,
/// from `trailgrid.yaml`.
///
/// Loading never stops at the first bad watch: each problem is reported with
/// the watch's name and the reason, and every good watch still loads, so one
/// typo does not silence all alerting.
public struct WatchConfig: Sendable {
    public var watches: [Watch]
    /// One line per watch (or file) that could not be used.
    public var problems: [String]
    /// The file it came from, nil when only the built-ins are in force.
    public var path: String?

    public static let defaultPath = "trailgrid.yaml"

    public static var builtInOnly: WatchConfig {
        WatchConfig(watches: BuiltInWatches.all, problems: [], path: nil)
    }

    /// Loads `path`, or `./trailgrid.yaml` when `path` is nil and that file exists.
    /// - Throws: only when an explicitly named file cannot be read.
    public static func load(path: String?, limits: PatternLimits = .init()) throws(FileError) -> WatchConfig {
        let chosen: String
        if let path {
            chosen = path
        } else if fileExists(defaultPath) {
            chosen = defaultPath
        } else {
            return builtInOnly
        }
        let bytes = try readWholeFile(chosen, limit: 16 << 20)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw FileError(path: chosen, message: "not UTF-8 text")
        }
        var config = parse(text, limits: limits)
        config.path = chosen
        return config
    }

    /// Parses configuration text (see the README for the shape).
    public static func parse(_ text: String, limits: PatternLimits = .init()) -> WatchConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            return WatchConfig(watches: BuiltInWatches.all, problems: ["configuration is not valid YAML: \(error)"], path: nil)
        }
        guard let root, case .mapping(let mapping) = root else {
            if root == nil { return builtInOnly }
            return WatchConfig(watches: BuiltInWatches.all, problems: ["configuration must be a mapping with a watches list"], path: nil)
        }
        var problems: [String] = []
        var includeBuiltIns = true
        if let flag = mapping["builtin-watches"] {
            switch YAMLToJSON.convert(flag) {
            case .bool(let value): includeBuiltIns = value
            default: problems.append("builtin-watches must be true or false")
            }
        }
        var watches = includeBuiltIns ? BuiltInWatches.all : []
        var userNames: Set<String> = []
        if let list = mapping["watches"] {
            guard case .sequence(let entries) = list else {
                problems.append("watches must be a list")
                return WatchConfig(watches: watches, problems: problems, path: nil)
            }
            for (position, entry) in entries.enumerated() {
                switch userWatch(entry, position: position + 1, limits: limits) {
                case .failure(let problem):
                    problems.append(problem.description)
                case .success(let watch):
                    guard userNames.insert(watch.name).inserted else {
                        problems.append("watch '\(watch.name)': defined twice; the first definition is kept")
                        continue
                    }
                    if let index = watches.firstIndex(where: { $0.name == watch.name }) {
                        watches[index] = watch  // a user watch replaces the built-in of the same name
                    } else {
                        watches.append(watch)
                    }
                }
            }
        }
        for key in mapping.keys.compactMap(\.string) where !["builtin-watches", "watches"].contains(key) {
            problems.append("unknown key '\(key)' ignored")
        }
        return WatchConfig(watches: watches, problems: problems, path: nil)
    }

    struct Problem: Error, CustomStringConvertible {
        var watch: String
        var reason: String
        var description: String { "watch '\(watch)': \(reason)" }
    }

    private static func userWatch(_ node: Node, position: Int, limits: PatternLimits) -> Result<Watch, Problem> {
        let line = node.mark.map { " (line \($0.line))" } ?? ""
        guard let value = YAMLToJSON.convert(node) else {
            return .failure(Problem(watch: "#\(position)\(line)", reason: "larger than \(YAMLToJSON.maxValues) values once its YAML aliases are expanded"))
        }
        guard case .object = value else {
            return .failure(Problem(watch: "#\(position)\(line)", reason: "must be a mapping"))
        }
        guard let name = value["name"]?.stringValue, !name.isEmpty else {
            return .failure(Problem(watch: "#\(position)\(line)", reason: "has no name"))
        }
        var severity = Severity.medium
        if let text = value["severity"] {
            guard let parsed = text.stringValue.flatMap(Severity.init(rawValue:)) else {
                return .failure(Problem(watch: name, reason: "severity must be one of info, low, medium, high, critical"))
            }
            severity = parsed
        }
        guard let patternValue = value["pattern"] else {
            return .failure(Problem(watch: name, reason: "has no pattern"))
        }
        // A pattern may be written as a YAML mapping or as a JSON string.
        let patternText = patternValue.stringValue ?? JSONWriter.serialize(patternValue)
        let pattern: EventPattern
        do {
            pattern = try EventPattern(json: patternText, limits: limits)
        } catch {
            return .failure(Problem(watch: name, reason: "invalid pattern: \(error)"))
        }
        var probes: [JSONValue] = []
        for probe in value["probes"]?.arrayValue ?? [] {
            if let text = probe.stringValue {
                do {
                    probes.append(try JSONParser.parse(text))
                } catch {
                    return .failure(Problem(watch: name, reason: "a probe is not valid JSON: \(error)"))
                }
            } else {
                probes.append(probe)
            }
        }
        guard !probes.isEmpty else {
            return .failure(Problem(watch: name, reason: "needs at least one probe event (an example the pattern must match)"))
        }
        var regions = WatchRegions.every
        if let list = value["regions"]?.arrayValue {
            regions = .only(list.compactMap(\.stringValue))
        }
        return .success(Watch(
            name: name, severity: severity, description: value["description"]?.stringValue ?? "",
            pattern: pattern, probes: probes, regions: regions, isBuiltIn: false
        ))
    }

    /// Problems with watches whose probes their own pattern does not match.
    public func probeFailures() -> [String] {
        watches.flatMap { watch in
            watch.probes.enumerated().compactMap { index, probe in
                watch.pattern.matches(probe) ? nil : "watch '\(watch.name)': probe \(index + 1) does not match its pattern"
            }
        }
    }
}
