import Testing
@testable import TrailGridCore

@Suite struct WatchConfigTests {
    @Test func userWatchesAddAndReplaceBuiltIns() throws {
        let config = WatchConfig.parse("""
            builtin-watches: true
            watches:
              - name: sg-open-to-world
                severity: high
                description: Security group ingress opened
                pattern: {"source": ["aws.ec2"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["AuthorizeSecurityGroupIngress"]}}
                probes:
                  - {"source": "aws.ec2", "detail-type": "AWS API Call via CloudTrail", "detail": {"eventName": "AuthorizeSecurityGroupIngress", "readOnly": false}}
              - name: root-account-usage
                severity: low
                pattern: '{"detail": {"userIdentity": {"type": ["Root"]}}}'
                probes:
                  - '{"detail": {"userIdentity": {"type": "Root"}}}'
            """)
        #expect(config.problems.isEmpty)
        #expect(config.watches.count == BuiltInWatches.all.count + 1)
        let added = try #require(config.watches.last)
        #expect(added.name == "sg-open-to-world")
        #expect(added.severity == .high)
        #expect(added.isBuiltIn == false)
        #expect(added.needsReadOnlyEvents == false)
        let replaced = try #require(config.watches.first { $0.name == "root-account-usage" })
        #expect(replaced.severity == .low)
        #expect(replaced.isBuiltIn == false)
        #expect(config.probeFailures().isEmpty)
    }

    @Test func builtInsCanBeTurnedOff() {
        let config = WatchConfig.parse("""
            builtin-watches: false
            watches:
              - name: only-mine
                pattern: {"source": ["aws.kms"]}
                probes: [{"source": "aws.kms"}]
            """)
        #expect(config.watches.map(\.name) == ["only-mine"])
    }

    @Test func aBadWatchIsReportedByNameAndTheRestLoad() {
        let config = WatchConfig.parse("""
            builtin-watches: false
            watches:
              - name: broken-pattern
                pattern: {"source": "aws.ec2"}
                probes: [{"source": "aws.ec2"}]
              - name: no-probes
                pattern: {"source": ["aws.ec2"]}
              - name: bad-severity
                severity: urgent
                pattern: {"source": ["aws.ec2"]}
                probes: [{"source": "aws.ec2"}]
              - name: good
                pattern: {"source": ["aws.ec2"], "detail": {"port": [22]}}
                probes: [{"source": "aws.ec2", "detail": {"port": 22.0}}]
            """)
        #expect(config.watches.map(\.name) == ["good"])
        #expect(config.problems.count == 3)
        #expect(config.problems[0].hasPrefix("watch 'broken-pattern': invalid pattern"))
        #expect(config.problems[0].contains("\"source\" must be an object or an array"))
        #expect(config.problems[1] == "watch 'no-probes': needs at least one probe event (an example the pattern must match)")
        #expect(config.problems[2].hasPrefix("watch 'bad-severity': severity"))
        // Numbers in YAML stay numbers: 22 matches 22.0 numerically.
        #expect(config.probeFailures().isEmpty)
    }

    @Test func quotedScalarsStayStrings() throws {
        let config = WatchConfig.parse("""
            builtin-watches: false
            watches:
              - name: quoted
                pattern: {"detail": {"code": ["22"]}}
                probes: [{"detail": {"code": "22"}}]
            """)
        let watch = try #require(config.watches.first)
        #expect(watch.pattern.matches(try JSONParser.parse(#"{"detail":{"code":"22"}}"#)))
        #expect(!watch.pattern.matches(try JSONParser.parse(#"{"detail":{"code":22}}"#)))
    }

    @Test func brokenYAMLKeepsTheBuiltInsAndSaysWhy() {
        let config = WatchConfig.parse("watches: [unclosed")
        #expect(config.watches.count == BuiltInWatches.all.count)
        #expect(config.problems.first?.hasPrefix("configuration is not valid YAML") == true)
    }
}
