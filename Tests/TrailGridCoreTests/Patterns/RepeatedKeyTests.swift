import Testing
@testable import TrailGridCore

/// A key written twice in pattern text: each later test of a leaf path
/// replaces the earlier one, path by path, as event-ruler overrides and as
/// AWS answered `test_event_pattern_with_multi_key`. Expectations were
/// checked against event-ruler at 337e8d9.
@Suite struct RepeatedKeyTests {
    func matches(_ pattern: String, _ event: String) throws -> Bool {
        try EventPattern(json: pattern).matches(JSONParser.parse(event))
    }

    /// The AWS-recorded case: the second `location` (anything-but) is the
    /// test, not the first (prefix).
    @Test func theLaterLeafReplacesTheEarlier() throws {
        let pattern = """
            {"detail":{"location":[{"prefix":"us-"}],"location":[{"anything-but":"us-east"}]}}
            """
        #expect(try matches(pattern, #"{"detail":{"location":"eu-central-1"}}"#))
        #expect(try matches(pattern, #"{"detail":{"location":"us-west-2"}}"#))
        #expect(try !matches(pattern, #"{"detail":{"location":"us-east"}}"#))
    }

    /// A repeated object key adds its leaves to the first one's: both
    /// `detail` objects are required, not only the last.
    @Test func aRepeatedObjectKeyKeepsTheEarlierLeaves() throws {
        let pattern = """
            {"detail":{"eventSource":["s3.amazonaws.com"]},"detail":{"eventName":["PutBucketPolicy"]}}
            """
        #expect(try matches(pattern, #"{"detail":{"eventSource":"s3.amazonaws.com","eventName":"PutBucketPolicy"}}"#))
        #expect(try !matches(pattern, #"{"detail":{"eventSource":"iam.amazonaws.com","eventName":"PutBucketPolicy"}}"#))
        #expect(try !matches(pattern, #"{"detail":{"eventName":"PutBucketPolicy"}}"#))
        // A leaf and an object under one key are different paths: both hold.
        #expect(try !matches(#"{"a":["x"],"a":{"b":["y"]}}"#, #"{"a":{"b":"y"}}"#))
    }

    /// Two `$or`s at one level both apply (their combinations multiply).
    @Test func repeatedOrsBothApply() throws {
        let pattern = """
            {"$or":[{"a":["1"]},{"b":["1"]}],"$or":[{"c":["1"]},{"d":["1"]}]}
            """
        #expect(try EventPattern(json: pattern).combinationCount == 4)
        #expect(try matches(pattern, #"{"a":"1","d":"1"}"#))
        #expect(try !matches(pattern, #"{"c":"1"}"#))
        #expect(try !matches(pattern, #"{"a":"1"}"#))
    }

    /// The overridden value is still compiled, so it must still be valid.
    @Test func anInvalidOverriddenValueIsStillAnError() {
        #expect(throws: PatternError.self) { try EventPattern(json: #"{"a":"bad","a":["x"]}"#) }
        #expect(throws: PatternError.self) { try EventPattern(json: #"{"a":[{"prefix":1}],"a":["x"]}"#) }
    }

    /// A scalar that is itself an array element is pinned to no element
    /// (event-ruler records elements only for objects and arrays), so it
    /// combines with a field of a sibling object; event-ruler's
    /// `intensitiesACTest` relies on this with a repeated `points`.
    @Test func aScalarElementFitsWithASiblingObject() throws {
        let pattern = #"{"p":[1],"p":{"b":["x"]}}"#
        #expect(try matches(pattern, #"{"p":[{"b":"x"},1]}"#))
        #expect(try matches(pattern, #"{"p":[[{"b":"x"},1]]}"#))
        // Different elements of the outer array still do not combine.
        #expect(try !matches(pattern, #"{"p":[[1],[{"b":"x"}]]}"#))
        #expect(try !matches(#"{"a":{"b":[1],"c":[4]}}"#, #"{"a":[{"b":1,"c":2},{"b":3,"c":4}]}"#))
    }

    /// Flattening a record's bytes (ingest's path) pins elements as the
    /// tree does.
    @Test func recordBytesPinElementsAsTheTreeDoes() throws {
        let pattern = try EventPattern(json: #"{"p":[1],"p":{"b":["x"]}}"#)
        for event in [#"{"p":[{"b":"x"},1]}"#, #"{"p":[[1],[{"b":"x"}]]}"#, #"{"p":[ 1 , [ {"b":"x"} ] ]}"#] {
            let tree = FlatEvent(document: try JSONParser.parse(event), paths: pattern.paths)
            let bytes = try JSONParser.flatten(Array(event.utf8), paths: pattern.paths)
            #expect(tree.described == bytes.described, "\(event)")
        }
    }
}
