import Testing
@testable import TrailGridCore

/// IPv4 text with leading zeros reads as event-ruler reads it (Java's
/// `InetAddress` literal parser behind event-ruler's dotted-quad pattern):
/// every part decimal, `010` being 10, in at most 15 characters. Expectations
/// were checked against event-ruler at 337e8d9 on JDK 17.
@Suite struct IPv4LeadingZeroTests {
    func matches(_ pattern: String, _ event: String) throws -> Bool {
        try EventPattern(json: pattern).matches(JSONParser.parse(event))
    }

    func event(sourceIPAddress: String) -> String {
        #"{"source":"aws.signin","detail":{"eventName":"ConsoleLogin","sourceIPAddress":"\#(sourceIPAddress)"}}"#
    }

    @Test(arguments: [
        ("010.0.0.1", [10, 0, 0, 1]), ("10.0.0.01", [10, 0, 0, 1]), ("00.1.1.1", [0, 1, 1, 1]),
        ("010.000.000.001", [10, 0, 0, 1]), ("0010.0.0.1", [10, 0, 0, 1]), ("0255.0.0.0", [255, 0, 0, 0]),
        ("00000010.0.0.1", [10, 0, 0, 1]),
    ])
    func partsAreDecimalWhateverTheirZeros(text: String, bytes: [Int]) {
        #expect(IPAddress(text)?.bytes == bytes.map(UInt8.init))
    }

    /// Java takes at most 15 characters as a literal; longer is no address.
    @Test func atMostFifteenCharacters() {
        #expect(IPAddress("010.010.010.010")?.bytes == [10, 10, 10, 10])
        #expect(IPAddress("010.010.010.0010") == nil)
        #expect(IPAddress("0000000010.0.0.1") == nil)
    }

    @Test func cidrMatchesLeadingZeroSpellings() throws {
        let pattern = #"{"detail":{"sourceIPAddress":[{"cidr":"10.0.0.0/8"}]}}"#
        #expect(try matches(pattern, event(sourceIPAddress: "010.0.0.1")))
        #expect(try matches(pattern, event(sourceIPAddress: "10.00.000.0001")))
        // Decimal, not octal: 010 is not 8.
        #expect(try !matches(#"{"detail":{"sourceIPAddress":[{"cidr":"8.0.0.0/8"}]}}"#, event(sourceIPAddress: "010.0.0.1")))
        #expect(try !matches(pattern, event(sourceIPAddress: "010.010.010.0010")))
        // A CIDR's base may be spelled with zeros too.
        #expect(try matches(#"{"detail":{"sourceIPAddress":[{"cidr":"010.0.0.0/8"}]}}"#, event(sourceIPAddress: "10.1.2.3")))
    }

    @Test func exactAddressesMatchOtherSpellings() throws {
        #expect(try matches(#"{"detail":{"sourceIPAddress":["203.0.113.7"]}}"#, event(sourceIPAddress: "203.000.113.007")))
        #expect(try matches(#"{"detail":{"sourceIPAddress":["203.000.113.007"]}}"#, event(sourceIPAddress: "203.0.113.7")))
        #expect(try !matches(#"{"detail":{"sourceIPAddress":["203.0.113.7"]}}"#, event(sourceIPAddress: "203.0.113.70")))
        // Too long to be an address: only the same text matches.
        #expect(try matches(#"{"ip":["0000000010.0.0.1"]}"#, #"{"ip":"0000000010.0.0.1"}"#))
        #expect(try !matches(#"{"ip":["0000000010.0.0.1"]}"#, #"{"ip":"10.0.0.1"}"#))
        // Other operators read the text as text.
        #expect(try !matches(#"{"ip":[{"prefix":"10.0.0.1"}]}"#, #"{"ip":"10.0.0.01"}"#))
    }

    /// A `PatternSet` must not file an address under one spelling.
    @Test func aPatternSetFindsOtherSpellings() throws {
        let set = try PatternSet([EventPattern(json: #"{"detail":{"sourceIPAddress":["10.0.0.1"]}}"#)])
        #expect(set.matches(try JSONParser.parse(event(sourceIPAddress: "010.000.000.001"))) == [0])
    }

    /// A base shaped like a dotted quad that is no address is "Invalid", as
    /// event-ruler words it; other text stays "Nonstandard".
    @Test func cidrBaseMessages() {
        func message(_ pattern: String) -> String? {
            PatternErrorTests().error(pattern)?.message
        }
        #expect(message(#"{"ip":[{"cidr":"0000000010.0.0.0/8"}]}"#) == "Invalid IP address: 0000000010.0.0.0")
        #expect(message(#"{"ip":[{"cidr":"10.0.0.256/8"}]}"#) == "Invalid IP address: 10.0.0.256")
        #expect(message(#"{"ip":[{"cidr":"xx.11.xx/8"}]}"#) == "Nonstandard IP address: xx.11.xx")
        #expect(message(#"{"ip":[{"cidr":"1.2.3/8"}]}"#) == "Nonstandard IP address: 1.2.3")
    }
}
