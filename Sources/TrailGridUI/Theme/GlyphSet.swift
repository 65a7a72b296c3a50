/// Which glyphs the screen can use: Unicode needs a UTF-8 locale; ASCII works
/// on any terminal (chosen when the locale's codeset is not UTF-8).
public enum GlyphSet: Sendable, Hashable {
    case unicode
    case ascii
}
