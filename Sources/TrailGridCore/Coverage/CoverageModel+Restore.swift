/// Rebuilding the model from what a state store kept: the inventory is read
/// again, and the stored facts and sightings are replayed onto it in the
/// order they first arrived, so the model is the one the previous run had.
extension CoverageModel {
    /// Restores a model: sightings and facts are merged by arrival (a fact
    /// is applied as it was; a sighting adds its cell and account), then each
    /// cell's evidence is set as it was stored (replaying facts alone would
    /// count only the facts' own evidence).
    public mutating func restore(facts: [StoredFact], sightings: [StoredCellSighting], evidence: [CellKey: StoredEvidence]) {
        var factIndex = facts.startIndex
        var sightingIndex = sightings.startIndex
        while factIndex < facts.endIndex || sightingIndex < sightings.endIndex {
            let takeFact = sightingIndex == sightings.endIndex
                || (factIndex < facts.endIndex && facts[factIndex].arrival <= sightings[sightingIndex].arrival)
            if takeFact {
                apply(facts[factIndex].event)
                factIndex += 1
            } else {
                noteSeen(sightings[sightingIndex].cell)
                sightingIndex += 1
            }
        }
        let names = WatchNames(watches.map(\.watch.name))
        self.evidence = evidence.mapValues { $0.evidence(watches: names) }
    }

    /// A cell some event came from: its account and region are evidently in use.
    public mutating func noteSeen(_ cell: CellKey) {
        if inventory.accounts[cell.account] == nil { inventory.addAccount(AccountInfo(id: cell.account)) }
        cellsSeen.insert(cell)
    }
}
