import Testing
@testable import TrailGridCore

/// What `check` says was missing or unreadable, and when that is an error.
@Suite struct InventoryGapsTests {
    let accounts = ["111111111111", "222222222222", "333333333333"]
    let regions = ["us-east-1", "eu-west-1"]
    typealias Trail = InventoryFixture.Trail

    func cells(_ accounts: [String]) -> [CellKey] {
        accounts.flatMap { account in regions.map { CellKey(account: account, region: $0) } }
    }

    @Test func accountsCollectedAlikeMakeOneLine() throws {
        let fixture = InventoryFixture()
        fixture.accounts(accounts.map { ($0, "a\($0.prefix(1))") })
        for account in accounts {
            fixture.regions(account)
            fixture.trails(account, "us-east-1", [])
            fixture.rules(account, "us-east-1", [])
            fixture.rules(account, "eu-west-1", [])
        }
        let gaps = InventoryGaps(try InventoryReader.read(directory: fixture.root.path), cells: cells(accounts))
        #expect(!gaps.isIncomplete)
        #expect(gaps.lines == [
            "missing trails.json in eu-west-1 of 3 accounts (111111111111, 222222222222, 333333333333): a regional trail there may exist unseen, so only a known logging trail decides those cells",
        ])
    }

    @Test func unreadableFilesAreNotAlsoMissingAndMakeTheInventoryIncomplete() throws {
        let fixture = InventoryFixture()
        let account = accounts[0]
        fixture.write("accounts.json", "{")
        fixture.write("\(account)/regions.json", #"{"Regions": 3}"#)
        fixture.trails(account, "us-east-1", [])
        fixture.write("\(account)/eu-west-1/trails.json", #"{"trailList": ["#)
        fixture.rules(account, "us-east-1", [])
        fixture.write("\(account)/eu-west-1/rules.json", "[]")
        let inventory = try InventoryReader.read(directory: fixture.root.path)
        let gaps = InventoryGaps(inventory, cells: cells([account]))
        #expect(gaps.isIncomplete)
        #expect(gaps.unreadable.count == 4)
        #expect(gaps.missing.isEmpty, "\(gaps.missing)")
        #expect(gaps.lines.allSatisfy { $0.hasPrefix("unreadable: ") })
        #expect(inventory.unreadableTrailLists == [CellKey(account: account, region: "eu-west-1")])
    }

    @Test func missingAccountsStatusSelectorsAndTargetsAreNamed() throws {
        let fixture = InventoryFixture()
        let account = accounts[0]
        let trail = Trail(name: "main", owner: account, home: "us-east-1", multiRegion: true, customSelectors: true)
        for region in regions {
            fixture.trails(account, region, [trail])
            fixture.rules(account, region, [InventoryFixture.Rule(name: "fwd", pattern: TestWatches.everything, targets: nil)])
        }
        let gaps = InventoryGaps(try InventoryReader.read(directory: fixture.root.path), cells: cells([account]))
        #expect(!gaps.isIncomplete)
        #expect(gaps.missing.map(\.file) == ["accounts.json", "regions.json", "trail-status/main.json", "event-selectors/main.json",
                                             "targets/fwd.json", "targets/fwd.json"])
        #expect(gaps.lines.contains("missing trail-status/main.json in us-east-1 of 111111111111: whether trail main (multi-region, home us-east-1) is logging is unknown"))
    }

    @Test func anInventoryWithoutAnyAccountIsIncomplete() throws {
        let gaps = InventoryGaps(try InventoryReader.read(directory: InventoryFixture().root.path), cells: [])
        #expect(gaps.noAccount)
        #expect(gaps.isIncomplete)
        #expect(gaps.lines.first?.hasPrefix("no account found") == true)
    }
}
