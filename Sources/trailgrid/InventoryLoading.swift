import ArgumentParser
import TrailGridCore

/// Reads `--inventory DIR` for any command: nil gives an empty inventory
/// (cells then come from events only); an unreadable directory is a usage
/// error; files that could not be used are warnings (unless `warn` is false,
/// for a command that reports them itself) and the rest loads.
func loadInventory(_ path: String?, warn: Bool = true) throws -> Inventory {
    guard let path else { return Inventory() }
    let inventory: Inventory
    do {
        inventory = try InventoryReader.read(directory: path)
    } catch {
        StandardStreams.error("trailgrid: \(error)")
        throw ExitCode(2)
    }
    if warn { for issue in inventory.issues { StandardStreams.error("trailgrid: warning: \(issue)") } }
    return inventory
}
