import Foundation
import Testing
@testable import TrailGridCore

/// An export never replaces a file it was not allowed to, and a failed
/// write leaves the target as it was (absent or intact) and no temporary file.
@Suite struct ExportAtomicityTests {
    static let old: [UInt8] = Array("old evidence, keep me\n".utf8)

    static func events(_ count: Int) -> [(event: CloudTrailEvent, watches: [String])] {
        (0..<count).map { index in
            let raw = Array(#"{"eventID":"e\#(index)"}"#.utf8)
            let event = CloudTrailEvent(
                eventID: "e\(index)", eventTime: "2025-06-01T12:00:00Z", timestamp: nil, eventName: "X", eventSource: "s",
                awsRegion: "eu-west-1", account: "1", principal: "p", detailType: "AWS API Call via CloudTrail",
                channel: .trail, origin: RecordOrigin(file: "f", offset: index), raw: raw)
            return (event, [])
        }
    }

    /// Every name in `directory`, hidden ones (temporary files) included.
    static func entries(_ directory: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
    }

    @Test func anExistingFileIsNotOverwrittenWithoutPermission() throws {
        let directory = FeedFixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("evidence.jsonl").path
        try AtomicFile.write(Self.old, to: path)
        #expect(throws: ExportError(.fileExists(path), "\(path) exists (not overwritten)")) {
            try Exporter.writeEvents(Self.events(3), format: .jsonl, to: path, overwrite: false)
        }
        #expect(try readWholeFile(path) == Self.old)
        #expect(Self.entries(directory) == ["evidence.jsonl"])

        _ = try Exporter.writeEvents(Self.events(3), format: .jsonl, to: path, overwrite: true)
        #expect(try readWholeFile(path) == ExportWriter.eventsJSONL(Self.events(3).map(\.event)))
    }

    @Test func theRaceIsClosedByTheWriteItself() throws {
        // A file appearing after any check: AtomicFile links instead of renaming, so it still refuses.
        let directory = FeedFixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("report.csv").path
        try AtomicFile.write(Self.old, to: path)
        #expect(throws: FileError(path: path, message: "file exists (not overwritten)")) {
            try AtomicFile.write(Array("new".utf8), to: path, overwrite: false)
        }
        #expect(try readWholeFile(path) == Self.old)
        #expect(Self.entries(directory) == ["report.csv"])
    }

    @Test(arguments: [AtomicFile.Step.write, .fsync, .publish], [false, true])
    func aFailedStepLeavesTheTargetAsItWas(step: AtomicFile.Step, targetExisted: Bool) throws {
        let directory = FeedFixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("out.json").path
        if targetExisted { try AtomicFile.write(Self.old, to: path) }
        #expect(throws: FileError.self) {
            try AtomicFile.write(Array(repeating: 0x41, count: 1 << 20), to: path, overwrite: true, durable: true, failing: step)
        }
        if targetExisted {
            #expect(try readWholeFile(path) == Self.old)
        } else {
            #expect(!fileExists(path))
        }
        #expect(Self.entries(directory) == (targetExisted ? ["out.json"] : []), "a temporary file was left behind")
    }

    @Test func aFolderThatDisappearedIsAOneLineErrorAndNoFile() throws {
        let directory = FeedFixtures.temporaryDirectory().appendingPathComponent("gone")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: directory)
        let path = directory.appendingPathComponent("evidence.csv").path
        do {
            _ = try Exporter.writeEvents(Self.events(2), format: .csv, to: path, overwrite: false)
            Issue.record("the write should fail")
        } catch {
            #expect(error.reason == .io)
            #expect(error.description.contains("No such file or directory"))
            #expect(error.description.contains("no file was written"))
            #expect(!error.description.contains("\n"))
        }
        #expect(!fileExists(path))
    }

    @Test func aRenameThatFailsRemovesItsTemporaryFile() throws {
        // The target is a non-empty directory: rename(2) fails after the temporary file is complete.
        let directory = FeedFixtures.temporaryDirectory()
        let blocker = directory.appendingPathComponent("report.json")
        try FileManager.default.createDirectory(at: blocker.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: ExportError.self) {
            try Exporter.writeReport([], watchOrder: [], format: .json, to: blocker.path, overwrite: true)
        }
        #expect(Self.entries(directory) == ["report.json"])
        #expect(Self.entries(blocker) == ["inside"])
    }

    @Test func terraformLeavesNoModuleWhenItsRootCannotBeWritten() throws {
        let directory = FeedFixtures.temporaryDirectory()
        let root = directory.appendingPathComponent("main.tf")
        // The root is a directory in the way: the module written first must be taken back.
        try FileManager.default.createDirectory(at: root.appendingPathComponent("x"), withIntermediateDirectories: true)
        let cell = CellReport(account: "111122223333", accountName: nil, region: "eu-west-1", verdict: .blind, trail: .logging, reason: "r")
        #expect(throws: ExportError.self) {
            try Exporter.writeRemediation(
                [cell], watches: BuiltInWatches.all, target: DemoOrganization(seed: 1).centralBus, includeSilent: false,
                format: .terraform, to: root.path, overwrite: true)
        }
        #expect(!fileExists(directory.appendingPathComponent(TerraformTemplate.modulePath).path))
    }

    @Test func terraformKeepsAnIdenticalModuleAndRefusesADifferentOne() throws {
        let directory = FeedFixtures.temporaryDirectory()
        let cell = CellReport(account: "111122223333", accountName: nil, region: "eu-west-1", verdict: .blind, trail: .logging, reason: "r")
        func export(_ name: String, watches: [Watch], overwrite: Bool = false) throws(ExportError) -> ExportResult {
            try Exporter.writeRemediation(
                [cell], watches: watches, target: DemoOrganization(seed: 1).centralBus, includeSilent: false,
                format: .terraform, to: directory.appendingPathComponent(name).path, overwrite: overwrite)
        }
        let module = directory.appendingPathComponent(TerraformTemplate.modulePath).path
        #expect(try export("first.tf", watches: BuiltInWatches.all).paths.count == 2)
        #expect(try export("second.tf", watches: BuiltInWatches.all).paths.count == 1)
        let before = try readWholeFile(module)
        #expect(throws: ExportError(.fileExists(module), "\(module) exists with other rules (not overwritten)")) {
            try export("third.tf", watches: Array(BuiltInWatches.all.prefix(2)))
        }
        #expect(try readWholeFile(module) == before)
        #expect(!fileExists(directory.appendingPathComponent("third.tf").path))
        #expect(try export("third.tf", watches: Array(BuiltInWatches.all.prefix(2)), overwrite: true).paths.count == 2)
    }
}
