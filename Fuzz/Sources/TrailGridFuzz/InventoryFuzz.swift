import TrailGridCore

#if canImport(Glibc)
import Glibc
#endif

/// The inventory reader on a small organization in a scratch directory:
/// the input's first byte picks which of its files the rest replaces, so
/// every file kind is fuzzed with the others present and valid.
enum InventoryFuzz {
    static let account = "111111111111"
    static let files: [(path: String, content: String)] = [
        ("accounts.json", #"{"Accounts":[{"Id":"111111111111","Name":"a","Status":"ACTIVE"}]}"#),
        ("\(account)/regions.json", #"{"Regions":[{"RegionName":"us-east-1","RegionOptStatus":"ENABLED_BY_DEFAULT"}]}"#),
        ("\(account)/us-east-1/trails.json", #"{"trailList":[{"TrailARN":"arn:aws:cloudtrail:us-east-1:111111111111:trail/t","IsMultiRegionTrail":true,"HasCustomEventSelectors":true}]}"#),
        ("\(account)/us-east-1/trail-status/t.json", #"{"IsLogging":true}"#),
        ("\(account)/us-east-1/event-selectors/t.json", #"{"EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true}]}"#),
        ("\(account)/us-east-1/rules.json", #"{"Rules":[{"Name":"r","State":"ENABLED","EventPattern":"{\"source\":[\"aws.cloudtrail\"]}"}]}"#),
        ("\(account)/us-east-1/targets/r.json", #"{"Targets":[{"Id":"1","Arn":"arn:aws:sns:us-east-1:111111111111:x"}]}"#),
    ]

    /// Created once per fuzzing process.
    static let root: String = {
        let root = "/tmp/trailgrid-fuzz-inventory-\(getpid())"
        for directory in ["", "/\(account)", "/\(account)/us-east-1", "/\(account)/us-east-1/trail-status",
                          "/\(account)/us-east-1/event-selectors", "/\(account)/us-east-1/targets"] {
            mkdir(root + directory, 0o755)
        }
        return root
    }()

    static func run(_ bytes: [UInt8]) {
        let chosen = bytes.isEmpty ? 0 : Int(bytes[0]) % files.count
        for (index, file) in files.enumerated() {
            let content = index == chosen ? Array(bytes.dropFirst()) : Array(file.content.utf8)
            try? AtomicFile.write(content, to: root + "/" + file.path, durable: false)
        }
        guard let inventory = try? InventoryReader.read(directory: root) else { return }
        _ = inventory.issues.count
    }
}
