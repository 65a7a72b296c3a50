import CNcurses
import TrailGridUI

/// Turns what `wget_wch` returned into a `Key`: a function-key code when it
/// returned `KEY_CODE_YES`, otherwise a character (already UTF-8 decoded).
enum KeyDecoder {
    /// The key for one `wget_wch` result, or `nil` for codes the UI ignores
    /// (mouse events, unknown keys, stray C1 controls).
    static func decode(isKeyCode: Bool, code: UInt32) -> Key? {
        isKeyCode ? decodeKeyCode(Int32(bitPattern: code)) : decodeCharacter(code)
    }

    private static func decodeKeyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case tg_key_resize(): return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    private static func decodeCharacter(_ code: UInt32) -> Key? {
        switch code {
        case 0: return .ctrl(" ")
        case 8, 0x7F: return .backspace
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 1...26:
            return Unicode.Scalar(0x60 + code).map { .ctrl(Character($0)) }
        case 28...31:
            return Unicode.Scalar(0x40 + code).map { .ctrl(Character($0)) }
        case 0x80...0x9F:
            return nil
        default:
            return Unicode.Scalar(code).map { .char(Character($0)) }
        }
    }
}
