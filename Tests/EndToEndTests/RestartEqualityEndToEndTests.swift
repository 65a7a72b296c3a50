import Foundation
import Testing
import TestProcesses

/// DESIGN §9's promise, measured from outside: a dashboard killed with
/// SIGKILL at arbitrary points and started again on its state file ends
/// exactly where one that never stopped does — verdict and timeline of
/// every cell, incidents, counters and feed (`trailgrid state` prints them).
@Suite(.serialized) struct RestartEqualityEndToEndTests {
    let binary = Harness.binary.path
    let account = "111122223333"
    let regions = ["us-east-1", "eu-west-1", "ap-southeast-2"]
    let trailARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"
    /// Feed files, and records in each.
    let fileCount = 24
    let recordsPerFile = 400

    func write(_ text: String, _ path: URL) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: path)
    }

    /// One account in three regions: a logging multi-region trail and, in
    /// each region, a rule sending every AWS event to an SNS topic.
    func inventory(_ root: URL, captured: Date) throws {
        let stamp = ISO8601DateFormatter().string(from: captured)
        try write(#"{"capturedAt":"\#(stamp)","cells":{},"tool":"test"}"#, root.appendingPathComponent("manifest.json"))
        try write(#"{"Accounts":[{"Id":"\#(account)","Arn":"arn:aws:organizations::\#(account):account/o-abc/\#(account)","Name":"prod","Status":"ACTIVE"}]}"#,
                  root.appendingPathComponent("accounts.json"))
        let listed = regions.map { #"{"RegionName":"\#($0)","OptInStatus":"opt-in-not-required"}"# }.joined(separator: ",")
        try write(#"{"Regions":[\#(listed)]}"#, root.appendingPathComponent("\(account)/regions.json"))
        for region in regions {
            let cell = root.appendingPathComponent("\(account)/\(region)")
            try write(#"{"trailList":[{"Name":"main","TrailARN":"\#(trailARN)","HomeRegion":"us-east-1","IsMultiRegionTrail":true,"IsOrganizationTrail":false,"IncludeGlobalServiceEvents":true}]}"#,
                      cell.appendingPathComponent("trails.json"))
            let rule = #"{"Name":"fwd-all","Arn":"arn:aws:events:\#(region):\#(account):rule/fwd-all","EventPattern":"{\"source\":[{\"prefix\":\"aws.\"}]}","State":"ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS","EventBusName":"default"}"#
            try write(#"{"Rules":[\#(rule)]}"#, cell.appendingPathComponent("rules.json"))
            try write(#"{"Targets":[{"Id":"alerts","Arn":"arn:aws:sns:\#(region):\#(account):alerts"}]}"#,
                      cell.appendingPathComponent("targets/fwd-all.json"))
        }
        let home = root.appendingPathComponent("\(account)/us-east-1")
        try write(#"{"IsLogging":true}"#, home.appendingPathComponent("trail-status/main.json"))
        try write(#"{"TrailARN":"\#(trailARN)","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[]}]}"#,
                  home.appendingPathComponent("event-selectors/main.json"))
    }

    /// The feed: matched and unmatched calls on both channels, copies of
    /// earlier records (duplicates, some a file or more back), lines that are
    /// not JSON, and the coverage changes an incident is made of — a
    /// StopLogging and a StartLogging of the trail, a DeleteRule in one region.
    func feedFiles(after start: Date) -> [String] {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let names = ["AuthorizeSecurityGroupIngress", "DescribeInstances", "CreateRoute", "PutBucketPolicy", "DeleteNetworkAcl"]
        let sources = ["ec2", "ec2", "ec2", "s3", "ec2"]
        var lines: [String] = []
        let total = fileCount * recordsPerFile
        for index in 0..<total {
            if index % 331 == 7 { lines.append("{not json \(index)"); continue }
            if index % 97 == 50 { lines.append(lines[index - (index >= 500 ? 50 + (index % 3) * 200 : 50)]); continue }
            let time = formatter.string(from: start.addingTimeInterval(Double(index) / 1000))
            let region = regions[index % regions.count]
            var name = names[index % names.count], source = sources[index % names.count], parameters = "{}"
            switch index {
            case total / 4:
                (name, source, parameters) = ("StopLogging", "cloudtrail", #"{"name":"\#(trailARN)"}"#)
            case total / 2:
                (name, source, parameters) = ("StartLogging", "cloudtrail", #"{"name":"\#(trailARN)"}"#)
            case total * 3 / 4:
                (name, source, parameters) = ("DeleteRule", "events", #"{"name":"fwd-all"}"#)
            default:
                break
            }
            let eventRegion = source == "cloudtrail" ? "us-east-1" : (source == "events" ? "eu-west-1" : region)
            let record = #"{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::\#(account):user/alice","accountId":"\#(account)"},"eventTime":"\#(time)","eventSource":"\#(source).amazonaws.com","eventName":"\#(name)","awsRegion":"\#(eventRegion)","sourceIPAddress":"203.0.113.9","userAgent":"aws-cli/2.15","requestParameters":\#(parameters),"responseElements":null,"eventID":"e-\#(index)","readOnly":\#(name.hasPrefix("Describe")),"eventType":"AwsApiCall","recipientAccountId":"\#(account)"}"#
            if index % 2 == 0 {
                lines.append(#"{"version":"0","id":"env-\#(index)","detail-type":"AWS API Call via CloudTrail","source":"aws.\#(source)","account":"\#(account)","time":"\#(time)","region":"\#(eventRegion)","resources":[],"detail":\#(record)}"#)
            } else {
                lines.append(record)
            }
        }
        return stride(from: 0, to: lines.count, by: recordsPerFile).map { lines[$0..<min($0 + recordsPerFile, lines.count)].joined(separator: "\n") + "\n" }
    }

    /// `trailgrid state` as a comparable value, without what only says when
    /// a run happened (an incident's opening, by the wall clock).
    func dump(_ state: String, inventory: URL) throws -> NSDictionary {
        let result = try Harness.run(["state", "--state", state, "--inventory", inventory.path])
        try #require(result.status == 0, "trailgrid state: \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        var document = parsed
        document["incidents"] = (parsed["incidents"] as? [[String: Any]] ?? []).map { incident in
            incident.filter { !$0.key.hasPrefix("openedAt") }
        }
        return document as NSDictionary
    }

    func readCount(_ state: String) -> Int {
        guard let result = try? Harness.run(["state", "--state", state, "--counters"]), result.status == 0,
              let counters = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] else { return 0 }
        return counters["read"] as? Int ?? 0
    }

    func killDashboard(using state: String, in tmux: Tmux) throws {
        // The program alone, not the pane's shell (whose command line names it too).
        _ = try ChildProcess.run(["pkill", "-9", "-f", "^\(binary) watch .*\(state)"], timeout: 30)
        _ = try tmux.wait(for: "\\[exited 137\\]")
    }

    @Test func aDashboardKilledAtRandomPointsEndsWhereAnUninterruptedOneDoes() throws {
        let work = Harness.temporaryDirectory()
        let inventoryDirectory = work.appendingPathComponent("inventory")
        let start = Date()
        try inventory(inventoryDirectory, captured: start.addingTimeInterval(-60))
        let files = feedFiles(after: start.addingTimeInterval(-30))
        let total = files.joined().split(separator: "\n").count
        let feeds = work.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        func place(_ range: Range<Int>) throws {
            for index in range { try write(files[index], feeds.appendingPathComponent(String(format: "part-%03d.jsonl", index))) }
        }
        func watch(_ state: String) -> String {
            "\(binary) watch --events '\(feeds.path)' --inventory '\(inventoryDirectory.path)' --state '\(work.path)/\(state)'"
        }

        // Run B first (the files arrive while it runs): half the feed, then
        // the rest in steps, killed with SIGKILL after a random amount of
        // each step was read, and started again each time.
        var generator = SystemRandomNumberGenerator()
        let stateB = work.appendingPathComponent("b.sqlite").path
        try place(0..<fileCount / 2)
        var placed = fileCount / 2
        var kills = 0
        while placed <= fileCount {
            let tmux = try Tmux(watch("b.sqlite"), directory: work)
            let before = readCount(stateB)
            let available = placed * recordsPerFile
            let target = min(available, before + Int.random(in: 1...max(1, available - before), using: &generator))
            #expect(Harness.wait(timeout: 60) { readCount(stateB) >= target }, "run B read \(readCount(stateB)) of \(target)")
            if placed < fileCount {
                // More arrives while it reads, then it is killed mid-stream.
                try place(placed..<min(fileCount, placed + 3))
                placed = min(fileCount, placed + 3)
                try killDashboard(using: stateB, in: tmux)
                kills += 1
            } else {
                #expect(Harness.wait(timeout: 60) { readCount(stateB) == total }, "run B read \(readCount(stateB)) of \(total)")
                try tmux.press("q")
                _ = try tmux.wait(for: "\\[exited 0\\]")
                break
            }
        }
        #expect(kills >= 4)

        // Run A: the whole feed, straight through.
        let stateA = work.appendingPathComponent("a.sqlite").path
        do {
            let tmux = try Tmux(watch("a.sqlite"), directory: work)
            #expect(Harness.wait(timeout: 60) { readCount(stateA) == total }, "run A read \(readCount(stateA)) of \(total)")
            _ = try tmux.wait(for: "STOPPED 0[\\s\\S]*2 open incidents")
            try tmux.press("q")
            _ = try tmux.wait(for: "\\[exited 0\\]")
        }

        let a = try dump(stateA, inventory: inventoryDirectory)
        let b = try dump(stateB, inventory: inventoryDirectory)
        // The feed held what the test means it to: duplicates, rejects, incidents.
        let counters = a["counters"] as! [String: Any]
        #expect(counters["read"] as? Int == total)
        #expect((counters["duplicate"] as? Int ?? 0) > 50 && (counters["rejected"] as? Int ?? 0) > 20)
        #expect((a["incidents"] as! [Any]).count == 2)
        for key in ["counters", "arrivals", "facts", "storedEvents", "agedOut", "incidents", "feed"] {
            #expect(a[key] as? NSObject == b[key] as? NSObject, "\(key) differs after \(kills) kills")
        }
        let cellsA = a["cells"] as! [NSDictionary], cellsB = b["cells"] as! [NSDictionary]
        #expect(cellsA.filter { $0["verdict"] as? String != "OFF" }.count == regions.count)
        #expect(cellsA == cellsB, "cells differ: \(cellsA) vs \(cellsB)")
    }
}
