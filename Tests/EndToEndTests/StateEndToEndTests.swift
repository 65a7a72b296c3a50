import Foundation
import Testing
import TestProcesses

/// `watch --state` in tmux: what a StopLogging taught the dashboard, and the
/// incident it opened, survive `q` and `kill -9`.
@Suite(.serialized) struct StateEndToEndTests {
    let binary = Harness.binary.path
    let account = "111122223333"
    let trailARN = "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"

    func write(_ text: String, _ path: URL) throws {
        try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: path)
    }

    /// One account, two regions, one multi-region trail logging, captured a
    /// minute ago: the StopLogging made now is newer (an event at or before
    /// the capture is superseded, whole seconds against the files' mtimes).
    func inventory(_ root: URL) throws {
        let captured = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        try write(#"{"capturedAt":"\#(captured)","cells":{},"tool":"test"}"#, root.appendingPathComponent("manifest.json"))
        try write(#"{"Accounts":[{"Id":"\#(account)","Arn":"arn:aws:organizations::\#(account):account/o-abc/\#(account)","Name":"prod","Status":"ACTIVE"}]}"#,
                  root.appendingPathComponent("accounts.json"))
        try write(#"{"Regions":[{"RegionName":"us-east-1","OptInStatus":"opt-in-not-required"},{"RegionName":"eu-west-1","OptInStatus":"opt-in-not-required"}]}"#,
                  root.appendingPathComponent("\(account)/regions.json"))
        for region in ["us-east-1", "eu-west-1"] {
            let cell = root.appendingPathComponent("\(account)/\(region)")
            try write(#"{"trailList":[{"Name":"main","TrailARN":"\#(trailARN)","HomeRegion":"us-east-1","IsMultiRegionTrail":true,"IsOrganizationTrail":false,"IncludeGlobalServiceEvents":true}]}"#,
                      cell.appendingPathComponent("trails.json"))
            try write(#"{"Rules":[]}"#, cell.appendingPathComponent("rules.json"))
        }
        let home = root.appendingPathComponent("\(account)/us-east-1")
        try write(#"{"IsLogging":true}"#, home.appendingPathComponent("trail-status/main.json"))
        try write(#"{"TrailARN":"\#(trailARN)","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[]}]}"#,
                  home.appendingPathComponent("event-selectors/main.json"))
    }

    /// A StopLogging of the trail, made now (newer than the inventory).
    var stopLogging: String {
        let formatter = ISO8601DateFormatter()
        let time = formatter.string(from: Date())
        return #"{"eventVersion":"1.10","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::\#(account):user/mallory","accountId":"\#(account)"},"eventTime":"\#(time)","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"us-east-1","sourceIPAddress":"198.51.100.7","userAgent":"aws-cli/2.15","requestParameters":{"name":"\#(trailARN)"},"responseElements":null,"eventID":"tamper-1","readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"\#(account)"}"#
    }

    @Test func whatAStopLoggingTaughtSurvivesQuitAndKill() throws {
        let work = Harness.temporaryDirectory()
        let inventoryDirectory = work.appendingPathComponent("inventory")
        try inventory(inventoryDirectory)
        let feeds = work.appendingPathComponent("feeds")
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        let state = work.appendingPathComponent("watch.sqlite").path
        let command = "\(binary) watch --events '\(feeds.path)' --inventory '\(inventoryDirectory.path)' --state '\(state)'"

        do {
            let tmux = try Tmux(command, directory: work)
            try tmux.wait(for: "BLIND 2")
            try write(stopLogging + "\n", feeds.appendingPathComponent("trail.jsonl"))
            try tmux.wait(for: "STOPPED 2[\\s\\S]*1 open incident")
            try tmux.press("I")
            try tmux.wait(for: "OPEN +StopLogging")
            try tmux.press("Escape", "q")
            try tmux.wait(for: "\\[exited 0\\]")
        }
        let listed = try Harness.run(["incidents", "--state", state, "--format", "json"])
        #expect(listed.status == 0)
        #expect(listed.stdout.contains(#""eventName": "StopLogging""#))
        #expect(listed.stdout.contains(#""acknowledged": false"#))
        #expect(listed.stdout.contains(#""\#(account)/eu-west-1": "STOPPED""#))

        // Started again: still STOPPED, the incident still open, the event read once.
        let again = try Tmux(command, directory: work)
        try again.wait(for: "STOPPED 2[\\s\\S]*1 open incident[\\s\\S]*read 1  accepted 1")
        // A second dashboard on the same state is refused.
        let second = try Harness.run(["watch", "--events", feeds.path, "--inventory", inventoryDirectory.path, "--state", state])
        #expect(second.status == 2)
        #expect(second.stderr.contains("in use by another trailgrid"))
        // kill -9, then again: the same.
        // The program alone, not the pane's shell (whose command line names it too).
        _ = try ChildProcess.run(["pkill", "-9", "-f", "^\(binary) watch .*watch.sqlite"], timeout: 30)
        try again.wait(for: "\\[exited 137\\]")
        let third = try Tmux(command, directory: work)
        try third.wait(for: "STOPPED 2[\\s\\S]*1 open incident[\\s\\S]*read 1  accepted 1")
        // Acknowledged here, acknowledged for good.
        try third.press("I")
        try third.wait(for: "OPEN +StopLogging")
        try third.press("A")
        try third.wait(for: "ack by")
        try third.press("Escape", "q")
        try third.wait(for: "\\[exited 0\\]")
        let after = try Harness.run(["incidents", "--state", state, "--format", "json"])
        #expect(after.stdout.contains(#""acknowledged": true"#))
    }

    @Test func aForeignStateFileIsRefusedWithTheWayOut() throws {
        let work = Harness.temporaryDirectory()
        let state = work.appendingPathComponent("notes.txt")
        try write("my notes\n", state)
        let result = try Harness.run(["watch", "--events", work.path, "--state", state.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not a trailgrid state file") && result.stderr.contains("--reset-state"))
        #expect(try String(contentsOf: state, encoding: .utf8) == "my notes\n")
    }
}
