import Testing
@testable import TrailGridCore

/// Self-contained checks of each operator, so the module tests itself
/// without the shared corpus.
@Suite struct PatternOperatorTests {
    func matches(_ pattern: String, _ event: String) throws -> Bool {
        try EventPattern(json: pattern).matches(JSONParser.parse(event))
    }

    @Test func exactValues() throws {
        #expect(try matches(#"{"source":["aws.iam"]}"#, #"{"source":"aws.iam"}"#))
        #expect(try !matches(#"{"source":["aws.iam"]}"#, #"{"source":"aws.IAM"}"#))
        #expect(try matches(#"{"n":[300]}"#, #"{"n":300.0}"#))
        #expect(try matches(#"{"n":[300]}"#, #"{"n":3.0e2}"#))
        #expect(try !matches(#"{"n":[300]}"#, #"{"n":"300"}"#))
        #expect(try !matches(#"{"s":["300"]}"#, #"{"s":300}"#))
        #expect(try matches(#"{"b":[true]}"#, #"{"b":true}"#))
        #expect(try !matches(#"{"b":[true]}"#, #"{"b":"true"}"#))
        #expect(try matches(#"{"z":[null]}"#, #"{"z":null}"#))
        #expect(try !matches(#"{"z":[null]}"#, #"{"z":""}"#))
        #expect(try !matches(#"{"z":[null]}"#, #"{}"#))
        #expect(try matches(#"{"e":[""]}"#, #"{"e":""}"#))
        // Literal text matches even where doubles cannot tell numbers apart.
        #expect(try matches(#"{"n":[12345678901234567890123]}"#, #"{"n":12345678901234567890123}"#))
        // Byte-exact: a decomposed é is not a precomposed é.
        #expect(try !matches(#"{"s":["\u00e9"]}"#, #"{"s":"e\u0301"}"#))
    }

    @Test func nestingIsAndArraysAreOr() throws {
        let pattern = #"{"source":["aws.ec2"],"detail":{"eventName":["RunInstances","StopInstances"]}}"#
        #expect(try matches(pattern, #"{"source":"aws.ec2","detail":{"eventName":"StopInstances"}}"#))
        #expect(try !matches(pattern, #"{"source":"aws.ec2","detail":{"eventName":"DeleteVpc"}}"#))
        #expect(try !matches(pattern, #"{"detail":{"eventName":"StopInstances"}}"#))
    }

    @Test func eventArraysAndConsistency() throws {
        #expect(try matches(#"{"r":["b"]}"#, #"{"r":["a","b"]}"#))
        #expect(try !matches(#"{"r":[null]}"#, #"{"r":[]}"#))
        let pattern = #"{"a":{"b":[1],"c":[4]}}"#
        #expect(try !matches(pattern, #"{"a":[{"b":1,"c":2},{"b":3,"c":4}]}"#))
        #expect(try matches(pattern, #"{"a":[{"b":1,"c":2},{"b":1,"c":4}]}"#))
        // exists:false is judged in the same element as the other fields.
        #expect(try matches(#"{"a":{"b":[3],"c":[{"exists":false}]}}"#, #"{"a":[{"b":1,"c":2},{"b":3}]}"#))
    }

    @Test func dottedKeysJoin() throws {
        #expect(try matches(#"{"detail":{"state.status":["on"]}}"#, #"{"detail":{"state":{"status":"on"}}}"#))
        #expect(try matches(#"{"detail":{"state":{"status":["on"]}}}"#, #"{"detail":{"state.status":"on"}}"#))
    }

    @Test func prefixSuffixAndIgnoreCase() throws {
        #expect(try matches(#"{"t":[{"prefix":"2024-"}]}"#, #"{"t":"2024-01-01"}"#))
        #expect(try !matches(#"{"t":[{"prefix":"1"}]}"#, #"{"t":123}"#))
        #expect(try matches(#"{"t":[{"prefix":""}]}"#, #"{"t":"anything"}"#))
        #expect(try matches(#"{"f":[{"suffix":".png"}]}"#, #"{"f":"a.png"}"#))
        #expect(try !matches(#"{"f":[{"suffix":".png"}]}"#, #"{"f":"a.PNG"}"#))
        #expect(try matches(#"{"f":[{"suffix":{"equals-ignore-case":".png"}}]}"#, #"{"f":"a.PNG"}"#))
        #expect(try matches(#"{"f":[{"prefix":{"equals-ignore-case":"ABC"}}]}"#, #"{"f":"abcdef"}"#))
        #expect(try matches(#"{"f":[{"equals-ignore-case":"ÉTÉ"}]}"#, #"{"f":"été"}"#))
        #expect(try !matches(#"{"f":[{"equals-ignore-case":"STRASSE"}]}"#, #"{"f":"straße"}"#))
        #expect(try !matches(#"{"f":[{"equals-ignore-case":""}]}"#, #"{"f":"x"}"#))
    }

    @Test func wildcard() throws {
        #expect(try matches(#"{"a":[{"wildcard":"arn:aws:iam::*:role/*"}]}"#, #"{"a":"arn:aws:iam::123:role/admin"}"#))
        #expect(try !matches(#"{"a":[{"wildcard":"a*b"}]}"#, #"{"a":"a-B"}"#))
        #expect(try matches(#"{"a":[{"wildcard":"a\\*b"}]}"#, #"{"a":"a*b"}"#))
        #expect(try !matches(#"{"a":[{"wildcard":"a\\*b"}]}"#, #"{"a":"axb"}"#))
        #expect(try matches(#"{"a":[{"wildcard":"a\\\\b"}]}"#, #"{"a":"a\\b"}"#))
        #expect(try !matches(#"{"a":[{"wildcard":""}]}"#, #"{"a":"x"}"#))
        #expect(try matches(#"{"a":[{"wildcard":"/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}"#, #"{"a":"/Users/me/dir/dir/dir/dir/dir/doc.txt"}"#))
    }

    @Test func anythingBut() throws {
        #expect(try matches(#"{"s":[{"anything-but":"x"}]}"#, #"{"s":"y"}"#))
        #expect(try !matches(#"{"s":[{"anything-but":"x"}]}"#, #"{"s":"x"}"#))
        #expect(try !matches(#"{"s":[{"anything-but":"x"}]}"#, #"{}"#))
        #expect(try matches(#"{"s":[{"anything-but":"x"}]}"#, #"{"s":null}"#))
        #expect(try !matches(#"{"n":[{"anything-but":[5,6]}]}"#, #"{"n":5.0}"#))
        #expect(try matches(#"{"n":[{"anything-but":5}]}"#, #"{"n":"5"}"#))
        #expect(try !matches(#"{"s":[{"anything-but":{"prefix":"init"}}]}"#, #"{"s":"initializing"}"#))
        #expect(try matches(#"{"s":[{"anything-but":{"prefix":"init"}}]}"#, #"{"s":42}"#))
        #expect(try !matches(#"{"s":[{"anything-but":{"suffix":[".tmp",".bak"]}}]}"#, #"{"s":"a.bak"}"#))
        #expect(try !matches(#"{"s":[{"anything-but":{"equals-ignore-case":["STOPPED"]}}]}"#, #"{"s":"stopped"}"#))
        #expect(try !matches(#"{"s":[{"anything-but":{"wildcard":"*/tmp/*"}}]}"#, #"{"s":"/a/tmp/b"}"#))
        #expect(try matches(#"{"s":[{"anything-but":"x"}]}"#, #"{"s":["x","y"]}"#))
    }

    @Test func numeric() throws {
        let range = #"{"n":[{"numeric":[">",0,"<=",5]}]}"#
        #expect(try matches(range, #"{"n":5}"#))
        #expect(try matches(range, #"{"n":0.5e1}"#))
        #expect(try !matches(range, #"{"n":0}"#))
        #expect(try !matches(range, #"{"n":"3"}"#))
        #expect(try !matches(range, #"{"n":null}"#))
        #expect(try matches(#"{"n":[{"numeric":["=",301.8]}]}"#, #"{"n":3.018e2}"#))
        #expect(try matches(#"{"n":[{"numeric":["<",-1e10]}]}"#, #"{"n":-2e10}"#))
    }

    @Test func exists() throws {
        #expect(try matches(#"{"a":[{"exists":true}]}"#, #"{"a":null}"#))
        #expect(try !matches(#"{"a":[{"exists":true}]}"#, #"{"a":{"b":1}}"#))
        #expect(try !matches(#"{"a":[{"exists":true}]}"#, #"{"a":[]}"#))
        #expect(try matches(#"{"a":[{"exists":false}]}"#, #"{"b":1}"#))
        #expect(try matches(#"{"a":[{"exists":false}]}"#, #"{"a":{"b":1}}"#))
        #expect(try !matches(#"{"a":[{"exists":false}]}"#, #"{"a":"x"}"#))
        #expect(try !matches(#"{"a":[{"exists":false}]}"#, #"{"a":null}"#))
        #expect(try matches(#"{"a":{"b":[{"exists":false}]}}"#, #"{"a":"flat"}"#))
    }

    @Test func cidr() throws {
        #expect(try matches(#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#, #"{"ip":"10.0.0.255"}"#))
        #expect(try !matches(#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#, #"{"ip":"10.0.1.0"}"#))
        #expect(try !matches(#"{"ip":[{"cidr":"10.0.0.0/24"}]}"#, #"{"ip":"not an ip"}"#))
        #expect(try matches(#"{"ip":[{"cidr":"2001:db8::/32"}]}"#, #"{"ip":"2001:DB8:0:0:1::1"}"#))
        #expect(try !matches(#"{"ip":[{"cidr":"10.0.0.0/8"}]}"#, #"{"ip":"::ffff:10.0.0.1"}"#))
        #expect(try matches(#"{"ip":["2001:db8::1"]}"#, #"{"ip":"2001:0db8:0:0:0:0:0:1"}"#))
        #expect(try matches(#"{"ip":["10.0.0.1"]}"#, #"{"ip":"10.0.0.01"}"#))
    }

    @Test func orAndDuplicateKeys() throws {
        let pattern = #"{"source":["aws.ec2"],"$or":[{"detail":{"a":[1]}},{"detail":{"b":[{"exists":true}]}}]}"#
        #expect(try matches(pattern, #"{"source":"aws.ec2","detail":{"b":"x"}}"#))
        #expect(try matches(pattern, #"{"source":"aws.ec2","detail":{"a":1}}"#))
        #expect(try !matches(pattern, #"{"source":"aws.s3","detail":{"a":1}}"#))
        #expect(try !matches(pattern, #"{"source":"aws.ec2","detail":{"a":2}}"#))
        #expect(try matches(#"{"x":["y"],"x":["z"]}"#, #"{"x":"z"}"#))
        #expect(try !matches(#"{"x":["y"],"x":["z"]}"#, #"{"x":"y"}"#))
        let nested = #"{"$or":[{"a":[1]},{"$or":[{"b":[2]},{"c":[3]}]}]}"#
        #expect(try EventPattern(json: nested).combinationCount == 3)
        #expect(try matches(nested, #"{"c":3}"#))
    }
}

/// Rejections, and that their messages say what and where.
@Suite struct PatternErrorTests {
    func error(_ pattern: String, limits: PatternLimits = .init()) -> PatternError? {
        do {
            _ = try EventPattern(json: pattern, limits: limits)
            return nil
        } catch {
            return error
        }
    }

    @Test func structuralErrorsNameTheKeyPath() {
        #expect(error(#"{"detail":{"eventName":"x"}}"#)?.description == #""detail.eventName" must be an object or an array"#)
        #expect(error(#"{"detail":{"eventName":[]}}"#)?.description == #""detail.eventName" Empty arrays are not allowed"#)
        #expect(error(#"{"detail":{}}"#)?.path == "detail")
        #expect(error(#"["a"]"#)?.message == "Filter is not an object")
        #expect(error(#"{}"#) != nil)
        #expect(error(#"{"a": ["x"]"#)?.message.hasPrefix("Malformed JSON") == true)
    }

    @Test func operatorErrors() {
        #expect(error(#"{"a":[{"prefix":1}]}"#)?.message == "prefix match pattern must be a string")
        #expect(error(#"{"a":[{"suffix":["x"]}]}"#)?.message == "suffix match pattern must be a string")
        #expect(error(#"{"a":[{"prefix":"x","suffix":"y"}]}"#)?.message == "Only one key allowed in match expression")
        #expect(error(#"{"a":[{"EXISTS":true}]}"#)?.message == "Unrecognized match type EXISTS")
        #expect(error(#"{"a":[{"exists":"yes"}]}"#)?.message == "exists match pattern must be either true or false.")
        #expect(error(#"{"a":[{"equals-ignore-case":["x"]}]}"#)?.message == "equals-ignore-case match pattern must be a string")
        #expect(error(#"{"a":[{"wildcard":"a**b"}]}"#)?.message == "Consecutive wildcard characters at pos 2")
        #expect(error(#"{"a":[{"wildcard":"a\\b"}]}"#)?.message == "Invalid escape character at pos 1")
        #expect(error(#"{"a":[{"wildcard":"*:*:*:*:*:event-bus/*"}]}"#)?.message.hasPrefix("Rule is too complex") == true)
        #expect(error(#"{"a":[{"anything-but":null}]}"#) != nil)
        #expect(error(#"{"a":[{"anything-but":["x",1]}]}"#) != nil)
        #expect(error(#"{"a":[{"anything-but":{"prefix":""}}]}"#)?.message == "Null prefix/suffix not allowed")
        #expect(error(#"{"a":[{"numeric":[">",0,">",1]}]}"#)?.message == "Bad numeric range operator: >")
        #expect(error(#"{"a":[{"numeric":[">",5,"<",1]}]}"#)?.message == "Bottom must be less than top")
        #expect(error(#"{"a":[{"numeric":["<",1e400]}]}"#)?.message == "Cannot compare number : 1e400")
        #expect(error(#"{"a":[{"cidr":"10.0.0.0"}]}"#)?.message == "Malformed CIDR, one '/' required")
        #expect(error(#"{"a":[{"cidr":"10.0.0.x/8"}]}"#)?.message == "Nonstandard IP address: 10.0.0.x")
        #expect(error(#"{"$or":[{"a":["x"]}]}"#)?.message == "There must have at least 2 Objects in $or relationship.")
        #expect(error(#"{"$or":[{"numeric":["x"]},{"b":["y"]}]}"#) != nil)
    }

    @Test func limits() {
        let long = #"{"a":[""# + String(repeating: "x", count: 2_100) + #""]}"#
        #expect(error(long)?.message.contains("limit of 2048") == true)
        #expect(error(long, limits: PatternLimits(maxLength: 4_096)) == nil)
        // 11 × 11 × 11 = 1,331 combinations.
        let branch = "[" + (0..<11).map { #"{"k\#($0)":["v"]}"# }.joined(separator: ",") + "]"
        let wide = #"{"a":{"$or":\#(branch)},"b":{"$or":\#(branch)},"c":{"$or":\#(branch)}}"#
        #expect(error(wide)?.message.contains("1000") == true)
        #expect(error(wide, limits: PatternLimits(maxCombinations: 2_000)) == nil)
    }
}

@Suite struct IPAddressParsingTests {
    @Test(arguments: [
        ("10.0.0.1", [10, 0, 0, 1]), ("0.0.0.0", [0, 0, 0, 0]), ("255.255.255.255", [255, 255, 255, 255]),
        ("192.0.2.10", [192, 0, 2, 10]),
    ])
    func parsesDottedQuads(text: String, bytes: [Int]) {
        #expect(IPAddress(text)?.bytes == bytes.map(UInt8.init))
    }

    @Test(arguments: [
        "0256.1.1.1", "0000000010.0.0.1", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4.", ".1.2.3", "", "1.2.3.1000",
        "\u{0661}.2.3.4", "1.2.3.4 ", "+1.2.3.4", "a.b.c.d",
    ])
    func refusesOtherSpellings(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func ipv6StillParses() {
        #expect(IPAddress("2001:db8::1") == IPAddress("2001:0DB8:0:0:0:0:0:1"))
        #expect(IPAddress("::ffff:10.0.0.1")?.bytes.suffix(4) == [10, 0, 0, 1])
    }
}
