/// Writes a selection as one export kind and format: the one path shared by
/// the dashboard's `e` and `trailgrid export`, so both refuse, count and
/// fail the same way. Every file is written atomically (`AtomicFile`).
public enum Exporter {
    /// Marked or matched events, as the original records (JSONL) or flat columns (CSV).
    public static func writeEvents(
        _ events: [(event: CloudTrailEvent, watches: [String])], format: ExportFormat, to path: String, overwrite: Bool
    ) throws(ExportError) -> ExportResult {
        let bytes: [UInt8]
        switch format {
        case .jsonl: bytes = ExportWriter.eventsJSONL(events.map(\.event))
        case .csv: bytes = ExportWriter.eventsCSV(events)
        default: throw .format(format, notFor: .events)
        }
        try write(bytes, to: path, overwrite: overwrite)
        return ExportResult(paths: [path], count: events.count, noun: events.count == 1 ? "event" : "events")
    }

    /// The cells' coverage reports, with per-watch rule coverage in `watchOrder`.
    public static func writeReport(
        _ cells: [CellReport], watchOrder: [String], format: ExportFormat, to path: String, overwrite: Bool
    ) throws(ExportError) -> ExportResult {
        let text: String
        switch format {
        case .csv: text = CoverageReportFormat.csv(cells, watchOrder: watchOrder)
        case .json: text = CoverageReportFormat.json(cells, watchOrder: watchOrder)
        default: throw .format(format, notFor: .report)
        }
        try write(Array(text.utf8), to: path, overwrite: overwrite)
        return ExportResult(paths: [path], count: cells.count, noun: cells.count == 1 ? "cell" : "cells")
    }

    /// The cells of a selection a remediation creates rules in: BLIND ones,
    /// and SILENT ones when asked (their rule exists but nothing arrives, so
    /// a new rule may duplicate a working one once the target is fixed).
    public static func cellsToRemediate(_ cells: [CellReport], includeSilent: Bool) -> [CellReport] {
        cells.filter { $0.verdict == .blind || (includeSilent && $0.verdict == .silent) }
    }

    /// Rules forwarding `watches` to `target` in each BLIND (and optionally
    /// SILENT) cell of the selection; other cells are counted as left out.
    public static func writeRemediation(
        _ cells: [CellReport], watches: [Watch], target: String, includeSilent: Bool,
        format: ExportFormat, to path: String, overwrite: Bool, context: RemediationPlan.Context = RemediationPlan.Context()
    ) throws(ExportError) -> ExportResult {
        guard format == .cloudformation || format == .terraform else { throw .format(format, notFor: .remediation) }
        let chosen = cellsToRemediate(cells, includeSilent: includeSilent)
        guard !chosen.isEmpty else {
            let verdicts = includeSilent ? "BLIND or SILENT" : "BLIND"
            throw ExportError(.selection, "no \(verdicts) cell among the \(cells.count) selected: nothing to remediate")
        }
        let plan: RemediationPlan
        do {
            plan = try RemediationPlan(
                watches: watches, deployments: chosen.map { .init(account: $0.account, region: $0.region) }, targetArn: target, context: context)
        } catch {
            throw ExportError(.selection, "target \(error.description)")
        }
        var result = ExportResult(
            paths: [path], count: chosen.count,
            noun: "\(chosen.count == 1 ? "cell" : "cells") (\(plan.ruleCountText))",
            skipped: cells.count - chosen.count, skippedNoun: includeSilent ? "not BLIND or SILENT" : "not BLIND")
        result.notes = trailHints(cells)
        if plan.busHome != nil && context.busSinkArn == nil {
            result.notes.append("the central bus's side is its policy only: if the bus has no rules of its own to a sink yet, give --bus-sink ARN (or set BusSinkArn / bus_sink_arn)")
        }
        if format == .cloudformation {
            try write(Array(CloudFormationTemplate.render(plan).utf8), to: path, overwrite: overwrite)
        } else {
            if let module = try writeTerraform(TerraformTemplate.render(plan), root: path, overwrite: overwrite) {
                result.paths.append(module)
            }
        }
        return result
    }

    /// Rules cannot fix a cell with no logging trail: DARK and STOPPED cells
    /// in the selection get what they need instead, in words.
    static func trailHints(_ cells: [CellReport]) -> [String] {
        var hints: [String] = []
        let stopped = cells.filter { $0.verdict == .stopped }
        if !stopped.isEmpty {
            let trails = Set(stopped.flatMap(\.trails)).sorted()
            hints.append("\(stopped.count) STOPPED cell(s) need their trail logging again, not rules: aws cloudtrail start-logging --name "
                         + (trails.isEmpty ? "TRAIL" : trails.prefix(3).joined(separator: " / ")))
        }
        let dark = cells.filter { $0.verdict == .dark }
        if !dark.isEmpty {
            hints.append("\(dark.count) DARK cell(s) need a trail, not rules: an organization trail (aws cloudtrail create-trail --is-organization-trail --is-multi-region-trail, then start-logging) covers every account and region")
        }
        return hints
    }

    /// The root file at `root` and the module beside it. The module depends
    /// only on the watches, so an identical one is left alone (a second
    /// export in the same folder needs no permission); a different one is a
    /// file in the way. Returns the module's path when it was written.
    static func writeTerraform(_ files: TerraformTemplate.Files, root: String, overwrite: Bool) throws(ExportError) -> String? {
        if !overwrite { try refuseExisting(root) }
        let folder = AtomicFile.parentDirectory(of: root)
        // The module's folders are made here, but never the folder the user named.
        guard case .success(let status) = fileStatus(folder), status.kind == .directory else {
            throw ExportError(.io, "cannot write \(root): \(folder) is not a directory; no file was written")
        }
        let modulePath = folder + "/" + TerraformTemplate.modulePath
        let moduleBytes = Array(files.module.utf8)
        let existing = fileExists(modulePath) ? (try? readWholeFile(modulePath, limit: 16 << 20)) : nil
        let moduleNeeded = existing != moduleBytes
        if moduleNeeded {
            if existing != nil && !overwrite {
                throw ExportError(.fileExists(modulePath), "\(modulePath) exists with other rules (not overwritten)")
            }
            do {
                try StateDirectory.ensure(AtomicFile.parentDirectory(of: modulePath))
            } catch {
                throw ExportError(.io, "cannot write \(modulePath): \(error)")
            }
            try write(moduleBytes, to: modulePath, overwrite: true)
        }
        do {
            try write(Array(files.root.utf8), to: root, overwrite: overwrite)
        } catch {
            // A module written just now for a root that failed is not left behind.
            if moduleNeeded && existing == nil { unlinkFile(modulePath) }
            throw error
        }
        return moduleNeeded ? modulePath : nil
    }

    /// Throws `.fileExists` when `path` exists (the caller then asks, or
    /// wants `--force`). The write itself refuses too, atomically, should a
    /// file appear between this check and the write.
    public static func refuseExisting(_ path: String) throws(ExportError) {
        if fileExists(path) { throw ExportError(.fileExists(path), "\(path) exists (not overwritten)") }
    }

    static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(ExportError) {
        if !overwrite { try refuseExisting(path) }
        do {
            try ExportWriter.write(bytes, to: path, overwrite: overwrite)
        } catch {
            if !overwrite && error.message.hasPrefix("file exists") {
                throw ExportError(.fileExists(path), "\(path) exists (not overwritten)")
            }
            throw ExportError(.io, "cannot write \(error.description); no file was written")
        }
    }
}
