import Foundation
import Testing
@testable import TrailGridCore

/// The same corruptions in `trailgrid.yaml` and inventory files (issue 8):
/// each is a clear problem line, the built-ins stay in force, and nothing
/// crashes, hangs or blows up memory.
@Suite struct HostileConfigTests {
    static let watch = """
        watches:
          - name: mine
            pattern: {"source": ["aws.ec2"]}
            probes: ['{"source": "aws.ec2"}']

        """

    func expectBuiltInsAndAProblem(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let config = WatchConfig.parse(text)
        #expect(!config.problems.isEmpty, sourceLocation: sourceLocation)
        #expect(config.watches.count >= BuiltInWatches.all.count, sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(1))) func deeplyNestedYAML() {
        expectBuiltInsAndAProblem("watches:\n  - " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        expectBuiltInsAndAProblem("watches:\n  - name: deep\n    pattern: " + String(repeating: "{a: ", count: 100_000) + "1" + String(repeating: "}", count: 100_000))
    }

    /// "Billion laughs": each alias level multiplies what it names by ten.
    /// Expanding it hung `WatchConfig.parse` (found here; fixed in YAMLToJSON).
    @Test(.timeLimit(.minutes(1))) func aliasExpansionIsBounded() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...30 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let bomb = "watches:\n  - name: lol\n    pattern: {\"detail\": {\"x\": *a30}}\n    probes: [{}]\n"
        let config = WatchConfig.parse(text.replacingOccurrences(of: "a0:", with: "x0:") + bomb)
        #expect(config.watches.count >= BuiltInWatches.all.count)
        #expect(config.problems.contains { $0.contains("aliases are expanded") }, "\(config.problems)")
        let anchorsInWatch = "watches:\n  - &w {name: a, pattern: {\"source\": [\"x\"]}, probes: [{\"source\": \"x\"}]}\n  - *w\n"
        #expect(WatchConfig.parse(anchorsInWatch).problems.contains { $0.contains("defined twice") })
    }

    @Test func garbageBytesAndNulsAndHugeNumbers() throws {
        expectBuiltInsAndAProblem("\u{0}\u{0}\u{0}")
        expectBuiltInsAndAProblem(Self.watch.replacingOccurrences(of: "aws.ec2\"]", with: "aws.ec2\u{0}\"]") + "\u{0}")
        let digits = String(repeating: "9", count: 10_000)
        let numeric = "watches:\n  - name: n\n    pattern: {\"detail\": {\"n\": [{\"numeric\": [\">\", \(digits)]}]}}\n    probes: [{\"detail\": {\"n\": 1\(digits)}}]\n"
        _ = WatchConfig.parse(numeric).probeFailures()
        // Not UTF-8 at all: refused when loading the file.
        let file = FeedFixtures.temporaryDirectory().appendingPathComponent("trailgrid.yaml")
        try Data([0x77, 0x61, 0xFF, 0xFE, 0xC0, 0x80]).write(to: file)
        #expect(throws: FileError.self) { try WatchConfig.load(path: file.path) }
        try FileManager.default.removeItem(at: file)
        try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
        #expect(throws: FileError.self) { try WatchConfig.load(path: file.path) }
    }

    @Test func corruptInventoryFilesAreIssuesAndTheRestLoads() throws {
        let root = FeedFixtures.temporaryDirectory()
        let account = root.appendingPathComponent("111122223333/us-east-1")
        try FileManager.default.createDirectory(at: account.appendingPathComponent("targets"), withIntermediateDirectories: true)
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        try Data((#"{"Accounts":[{"Id":"111122223333","Name":"\#u{0}"},"# + deep + "]}").utf8).write(to: root.appendingPathComponent("accounts.json"))
        try Data([0x7B, 0xFF, 0xFE, 0x7D]).write(to: root.appendingPathComponent("111122223333/regions.json"))
        try Data(#"{"trailList":[{"TrailARN":"arn:aws:cloudtrail:us-east-1:111122223333:trail/\ud800","IsMultiRegionTrail":1e99999}]}"#.utf8)
            .write(to: account.appendingPathComponent("trails.json"))
        // A directory where a file belongs, and a FIFO.
        try FileManager.default.createDirectory(at: account.appendingPathComponent("rules.json"), withIntermediateDirectories: false)
        #expect(mkfifo(account.appendingPathComponent("targets/r.json").path, 0o644) == 0)
        let inventory = try InventoryReader.read(directory: root.path)
        #expect(inventory.issues.count >= 3, "\(inventory.issues)")
        #expect(inventory.accountOrder.contains("111122223333"))
    }
}
