import Testing
@testable import TrailGridCore

@Suite struct JSONParserTests {
    @Test func keepsNumberTextAndDuplicateKeys() throws {
        let value = try JSONParser.parse(#"{"a": 1.50, "a": -0, "b": [true, null, "x"]}"#)
        #expect(value.objectValue?.count == 3)
        #expect(value["a"] == .number(JSONNumber(text: "-0")))
        #expect(value.objectValue?.first?.value == .number(JSONNumber(text: "1.50")))
        #expect(value["b"] == .array([.bool(true), .null, .string("x")]))
    }
}
