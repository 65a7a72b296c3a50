import TrailGridCore
import TrailGridUI

/// Turns a dashboard export request into files, with the same `Exporter`
/// as the headless `trailgrid export`.
struct ExportJob {
    var request: ExportRequest
    var watches: [Watch]

    func write() throws(ExportError) -> ExportResult {
        let path = request.path
        let overwrite = request.overwrite
        switch request.choice {
        case .eventsJSONL, .eventsCSV:
            let events = request.events.map { entry in (event: entry.event, watches: entry.watches.map { watches[$0].name }) }
            return try Exporter.writeEvents(events, format: request.choice == .eventsJSONL ? .jsonl : .csv, to: path, overwrite: overwrite)
        case .reportCSV, .reportJSON:
            return try Exporter.writeReport(
                request.cells, watchOrder: watches.map(\.name), format: request.choice == .reportCSV ? .csv : .json,
                to: path, overwrite: overwrite)
        case .cloudFormation, .terraform:
            // Cells the user marked SILENT are remediated too: marking them was the choice.
            return try Exporter.writeRemediation(
                request.cells, watches: watches, target: request.target ?? "", includeSilent: true,
                format: request.choice == .cloudFormation ? .cloudformation : .terraform, to: path, overwrite: overwrite,
                context: request.context)
        }
    }
}
