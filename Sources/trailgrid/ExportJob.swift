import TrailGridCore
import TrailGridUI

/// Turns a dashboard export request into files, with the same writers as
/// the headless `trailgrid export`.
struct ExportJob {
    var request: ExportRequest
    var watches: [Watch]

    struct Written {
        var path: String
        var count: Int
        var noun: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func write() throws -> Written {
        let path = request.path
        switch request.choice {
        case .eventsJSONL:
            try ExportWriter.write(ExportWriter.eventsJSONL(request.events.map(\.event)), to: path, overwrite: request.overwrite)
            return Written(path: path, count: request.events.count, noun: "events")
        case .eventsCSV:
            let rows = request.events.map { entry in (entry.event, entry.watches.map { watches[$0].name }) }
            try ExportWriter.write(ExportWriter.eventsCSV(rows), to: path, overwrite: request.overwrite)
            return Written(path: path, count: request.events.count, noun: "events")
        case .reportCSV:
            try ExportWriter.write(Array(CoverageReportFormat.csv(request.cells, watchOrder: watches.map(\.name)).utf8), to: path, overwrite: request.overwrite)
            return Written(path: path, count: request.cells.count, noun: "cells")
        case .reportJSON:
            try ExportWriter.write(Array(CoverageReportFormat.json(request.cells, watchOrder: watches.map(\.name)).utf8), to: path, overwrite: request.overwrite)
            return Written(path: path, count: request.cells.count, noun: "cells")
        case .cloudFormation, .terraform:
            let cells = request.cells.filter { $0.verdict == .blind || $0.verdict == .silent }
            guard !cells.isEmpty else { throw Failure(description: "no BLIND or SILENT cell in the selection: nothing to remediate") }
            let plan: RemediationPlan
            do {
                plan = try RemediationPlan(
                    watches: watches, deployments: cells.map { .init(account: $0.account, region: $0.region) },
                    targetArn: request.target ?? "")
            } catch {
                throw Failure(description: error.description)
            }
            if request.choice == .cloudFormation {
                try ExportWriter.write(Array(CloudFormationTemplate.render(plan).utf8), to: path, overwrite: request.overwrite)
            } else {
                let files = TerraformTemplate.render(plan)
                let modulePath = AtomicFile.parentDirectory(of: path) + "/" + TerraformTemplate.modulePath
                try StateDirectory.ensure(AtomicFile.parentDirectory(of: modulePath))
                try ExportWriter.write(Array(files.module.utf8), to: modulePath, overwrite: true)
                try ExportWriter.write(Array(files.root.utf8), to: path, overwrite: request.overwrite)
            }
            return Written(path: path, count: cells.count, noun: "cells' rules")
        }
    }
}
