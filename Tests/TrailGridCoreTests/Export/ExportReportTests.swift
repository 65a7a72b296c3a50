import Foundation
import Testing
@testable import TrailGridCore

/// The coverage report an auditor receives says what the engine says, cell
/// for cell, in JSON and in CSV.
@Suite struct ExportReportTests {
    static let start: Int64 = 1_764_000_000_000
    /// Past the heartbeat window after the burst, so a broken target shows as SILENT.
    static let now = start + 20 * 60_000

    /// The demo organization's inventory with a burst of its activity applied.
    static func model() async throws -> CoverageModel {
        let organization = DemoOrganization(seed: 1)
        let root = FeedFixtures.temporaryDirectory()
        try DemoInventoryWriter.write(organization, to: root.appendingPathComponent("inventory").path)
        let writer = try DemoFeedWriter(organization: organization, directory: root.appendingPathComponent("feed").path, seed: 1)
        await writer.burst(3_000, now: start)
        var model = CoverageModel(
            inventory: try InventoryReader.read(directory: root.appendingPathComponent("inventory").path), watches: BuiltInWatches.all)
        let ingester = try Ingester(paths: [root.appendingPathComponent("feed").path], matcher: WatchMatcher(watches: BuiltInWatches.all))
        let reader = Task { await ingester.run() }
        for await batch in ingester.batches { _ = model.apply(batch.events) }
        await reader.value
        return model
    }

    @Test func jsonRowsAreTheEnginesVerdicts() async throws {
        let model = try await Self.model()
        let cells = model.reports(now: Self.now)
        let verdicts = Set(cells.map(\.verdict))
        #expect(verdicts.isSuperset(of: [.ok, .blind, .dark, .stopped, .silent, .off]), "\(verdicts)")
        let path = FeedFixtures.temporaryDirectory().appendingPathComponent("report.json").path
        let order = BuiltInWatches.all.map(\.name)
        let result = try Exporter.writeReport(cells, watchOrder: order, format: .json, to: path, overwrite: false)
        #expect(result.summary == "wrote \(cells.count) cells to \(path)")

        let rows = try #require(try JSONSerialization.jsonObject(with: Data(readWholeFile(path))) as? [[String: Any]])
        #expect(rows.count == model.cells.count)
        for (row, cell) in zip(rows, model.cells) {
            let engine = model.report(account: cell.account, region: cell.region, now: Self.now)
            #expect(row["account"] as? String == cell.account)
            #expect(row["region"] as? String == cell.region)
            #expect(row["verdict"] as? String == model.verdict(account: cell.account, region: cell.region, now: Self.now).rawValue)
            #expect(row["accountName"] as? String == engine.accountName)
            #expect(row["trail"] as? String == engine.trail.rawValue)
            #expect(row["reason"] as? String == engine.reason)
            #expect(row["rules"] as? [String: String] == engine.rules.mapValues(\.rawValue))
        }
    }

    @Test func csvRowsAreTheEnginesVerdicts() async throws {
        try #require(toolExists("python3"), "python3 is needed to read the CSV back")
        let model = try await Self.model()
        let cells = model.reports(now: Self.now)
        let path = FeedFixtures.temporaryDirectory().appendingPathComponent("report.csv").path
        let order = BuiltInWatches.all.map(\.name)
        _ = try Exporter.writeReport(cells, watchOrder: order, format: .csv, to: path, overwrite: false)

        let rows = try ExportCSVTests.parseWithPython(path)
        #expect(rows.first == CoverageReportFormat.csvHeader)
        #expect(rows.count == model.cells.count + 1)
        for (row, cell) in zip(rows.dropFirst(), model.cells) {
            let engine = model.report(account: cell.account, region: cell.region, now: Self.now)
            let rules = order.compactMap { name in engine.rules[name].map { "\(name)=\($0.rawValue)" } }.joined(separator: "; ")
            #expect(row == [cell.account, engine.accountName ?? "", cell.region,
                            model.verdict(account: cell.account, region: cell.region, now: Self.now).rawValue,
                            engine.trail.rawValue, rules, engine.reason].map(ExportCSVTests.expected))
        }
    }

    @Test func remediationCoversTheBlindCellsOnlyUnlessSilentIsAsked() async throws {
        let model = try await Self.model()
        let cells = model.reports(now: Self.now)
        let blind = cells.filter { $0.verdict == .blind }
        let silent = cells.filter { $0.verdict == .silent }
        #expect(Exporter.cellsToRemediate(cells, includeSilent: false) == blind)
        #expect(Exporter.cellsToRemediate(cells, includeSilent: true).count == blind.count + silent.count)

        let directory = FeedFixtures.temporaryDirectory()
        let target = DemoOrganization(seed: 1).centralBus
        let result = try Exporter.writeRemediation(
            cells, watches: BuiltInWatches.all, target: target, includeSilent: false,
            format: .cloudformation, to: directory.appendingPathComponent("fix.yaml").path, overwrite: false)
        #expect(result.count == blind.count)
        #expect(result.skipped == cells.count - blind.count)
        let text = String(decoding: try readWholeFile(directory.appendingPathComponent("fix.yaml").path), as: UTF8.self)
        #expect(text.components(separatedBy: "      - account: ").count - 1 == blind.count)

        #expect(throws: ExportError(.selection, "no BLIND cell among the 1 selected: nothing to remediate")) {
            try Exporter.writeRemediation(
                [cells.first { $0.verdict == .ok }].compactMap { $0 }, watches: BuiltInWatches.all, target: target,
                includeSilent: false, format: .terraform, to: directory.appendingPathComponent("none.tf").path, overwrite: false)
        }
        #expect(!fileExists(directory.appendingPathComponent("none.tf").path))
    }
}
