import CNcurses
import Testing
import TrailGridUI
@testable import TrailGridTerminal

@Suite struct KeyDecoderTests {
    @Test func decodesFunctionKeyCodes() {
        let cases: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_ENTER, .enter), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
            (tg_key_resize(), .resize), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
        ]
        for (code, key) in cases {
            #expect(KeyDecoder.decode(isKeyCode: true, code: UInt32(bitPattern: code)) == key)
        }
        #expect(KeyDecoder.decode(isKeyCode: true, code: UInt32(bitPattern: KEY_MOUSE)) == nil)
    }

    @Test func decodesCharacters() {
        let cases: [(UInt32, Key)] = [
            (0x71, .char("q")), (0x20, .char(" ")), (0x65E5, .char("日")), (0x1F525, .char("🔥")),
            (13, .enter), (10, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
            (4, .ctrl("d")), (21, .ctrl("u")), (0, .ctrl(" ")), (28, .ctrl("\\")),
        ]
        for (code, key) in cases {
            #expect(KeyDecoder.decode(isKeyCode: false, code: code) == key)
        }
        #expect(KeyDecoder.decode(isKeyCode: false, code: 0x9B) == nil)
        #expect(KeyDecoder.decode(isKeyCode: false, code: 0xD800) == nil)
    }

    @Test func keysHaveDisplayNames() {
        #expect(Key.ctrl("d").description == "Ctrl-d")
        #expect(Key.char(" ").description == "Space")
        #expect(Key.pageDown.description == "PgDn")
        #expect(Key.function(5).description == "F5")
    }
}
