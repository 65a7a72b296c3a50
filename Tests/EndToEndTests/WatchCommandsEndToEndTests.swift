import Foundation
import Testing

@Suite struct WatchCommandsEndToEndTests {
    let stopLogging = #"{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/mallory","accountId":"111122223333"},"eventTime":"2024-01-01T00:00:00Z","eventSource":"cloudtrail.amazonaws.com","eventName":"StopLogging","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","userAgent":"=cmd|' /C calc'!A0","eventID":"tamper-1","readOnly":false,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}"#

    func feed() throws -> URL {
        let records = try String(contentsOf: Harness.fixtures.appendingPathComponent("cloudtrail-records.jsonl"), encoding: .utf8)
        let file = Harness.temporaryDirectory().appendingPathComponent("feed.jsonl")
        try Data((records + stopLogging + "\n").utf8).write(to: file)
        return file
    }

    @Test func scanAllWatchesPrintsTheOriginalRecordsThatMatch() throws {
        let result = try Harness.run(["scan", "--all-watches", try feed().path])
        #expect(result.status == 0)
        // Two real records (the root user's call, a console sign-in without MFA)
        // and the StopLogging, byte for byte.
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.contains(#""type":"Root""#) == true)
        #expect(lines.dropFirst().first?.contains(#""MFAUsed":"No""#) == true)
        #expect(lines.last == stopLogging)
        #expect(result.stderr.hasSuffix("read=8 accepted=8 duplicate=0 skipped=0 rejected=0\n"))
    }

    @Test func scanCSVNamesTheWatchesAndDefusesFormulas() throws {
        let result = try Harness.run(["scan", "--watch", "coverage-tampering", "cloudtrail-changes", "--format", "csv", try feed().path])
        #expect(result.status == 0)
        let rows = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 2)
        #expect(rows[1].hasSuffix(",coverage-tampering;cloudtrail-changes"))
        #expect(rows[1].contains("'=cmd|' /C calc'!A0"))
    }

    @Test func scanWithAPatternAndAnUnknownWatch() throws {
        let file = try feed()
        let matched = try Harness.run(["scan", "--pattern", #"{"detail":{"eventName":["ConsoleLogin"]}}"#, file.path])
        #expect(matched.stdout.split(separator: "\n").count == 1)
        #expect(matched.stdout.contains("ConsoleLogin"))
        let unknown = try Harness.run(["scan", "--watch", "no-such-watch", "--events", file.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no watch named 'no-such-watch'"))
    }

    @Test func testPatternAnswersLikeTheAWSCLI() throws {
        let yes = try Harness.run(["test-pattern", "--pattern", #"{"source":["aws.ec2"]}"#, "--event", #"{"source":"aws.ec2"}"#])
        #expect(yes.status == 0 && yes.stdout == "true\n")
        let no = try Harness.run(["test-pattern", "--pattern", #"{"source":["aws.s3"]}"#, "--event", #"{"source":"aws.ec2"}"#])
        #expect(no.status == 1 && no.stdout == "false\n")
        let invalid = try Harness.run(["test-pattern", "--pattern", #"{"source":"aws.ec2"}"#, "--event", "{}"])
        #expect(invalid.status == 2)
        #expect(invalid.stdout.contains("must be an object or an array"))
    }

    /// Issue 15's bar, through the command: 173 of 173 pattern cases once
    /// the 3 where AWS refused the Event argument itself are set aside, and
    /// 176 of 176 with them (the command checks that argument too).
    @Test func testPatternRunsTheAWSConformanceCases() throws {
        let cases = Harness.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/eventbridge-aws.jsonl")
        let result = try Harness.run(["test-pattern", "--cases", cases.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("176 of 176 cases agree\n"))
        let rows = try String(contentsOf: cases, encoding: .utf8).split(separator: "\n")
        let patternRows = rows.filter { !$0.contains(#""invalid_part": "event""#) }
        #expect(rows.count - patternRows.count == 3)
        let patternCases = Harness.temporaryDirectory().appendingPathComponent("aws-pattern-cases.jsonl")
        try Data((patternRows.joined(separator: "\n") + "\n").utf8).write(to: patternCases)
        let patternsOnly = try Harness.run(["test-pattern", "--cases", patternCases.path])
        #expect(patternsOnly.status == 0)
        #expect(patternsOnly.stdout == "173 of 173 cases agree\n")
    }

    @Test func watchesCheckVerifiesProbesOfUserWatches() throws {
        let directory = Harness.temporaryDirectory()
        let config = directory.appendingPathComponent("trailgrid.yaml")
        try Data("""
            watches:
              - name: wrong-probe
                pattern: {"source": ["aws.kms"]}
                probes: [{"source": "aws.ec2"}]
            """.utf8).write(to: config)
        let result = try Harness.run(["watches", "--check", "--config", config.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL watch 'wrong-probe': probe 1 does not match its pattern"))
        let empty = directory.appendingPathComponent("empty.yaml")
        try Data().write(to: empty)
        let builtIns = try Harness.run(["watches", "--check", "--config", empty.path])
        #expect(builtIns.status == 0)
        #expect(builtIns.stdout.contains("16 watches: all match their probes"))
    }
}
