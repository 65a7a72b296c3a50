/// The second-wave bus files of a cell (DESIGN §3):
///
///     <account>/<region>/buses.json                         events list-event-buses
///     <account>/<region>/buses/<bus>/rules.json              events list-rules --event-bus-name <bus>
///     <account>/<region>/buses/<bus>/targets/<rule>.json     events list-targets-by-rule --event-bus-name <bus>
///
/// As everywhere, a missing file is unknown: without `buses.json` no bus
/// policy of the cell is known, and without a bus's `rules.json` its rules
/// are unknown (a chain reaching it is not verified), never "none".
extension Reading {
    mutating func readBuses(_ cell: CellKey, _ directory: String) {
        let path = directory + "/buses.json"
        if let document = load(path) {
            if let list = document["EventBuses"]?.arrayValue {
                var buses: [String: EventBus] = [:]
                for item in list {
                    guard let name = item["Name"]?.stringValue, !name.isEmpty else {
                        report(path, "a bus without a \"Name\" was skipped")
                        continue
                    }
                    var bus = EventBus(name: name, arn: item["Arn"]?.stringValue)
                    if let text = item["Policy"]?.stringValue, !text.isEmpty {
                        do {
                            bus.policy = .document(try BusPolicy(parsing: text))
                        } catch {
                            bus.policy = .unreadable(error.description)
                            report(path, "bus \(name): \(error.description); who it admits is unknown")
                        }
                    }
                    buses[name] = bus
                }
                inventory.buses[cell] = buses
                inventory.noteCaptured(CaptureKey.busList(cell), at: captureTime(path, cell: cell))
            } else {
                report(path, "no \"EventBuses\" list (expected events list-event-buses output)")
            }
        }
        // Every bus whose rules were collected, listed in buses.json or not.
        for entry in directoryEntries(directory + "/buses") ?? [] where entry.isDirectory && entry.name != "default" {
            let bus = BusKey(account: cell.account, region: cell.region, name: entry.name)
            readBusRules(bus, directory + "/buses/" + entry.name)
        }
    }

    mutating func readBusRules(_ bus: BusKey, _ directory: String) {
        if let rules = readRuleList(of: bus, directory) { inventory.busRules[bus] = rules }
    }
}
