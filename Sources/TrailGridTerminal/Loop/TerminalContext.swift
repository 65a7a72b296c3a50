import TrailGridUI

/// What the terminal turned out to be, fixed for the session: lets the caller
/// pick glyphs and, for a monochrome terminal, the monochrome theme.
public struct TerminalContext: Sendable, Hashable {
    public var size: TerminalSize
    public var colorDepth: ColorDepth
    /// `.ascii` when the locale's codeset is not UTF-8.
    public var glyphSet: GlyphSet

    public init(size: TerminalSize, colorDepth: ColorDepth, glyphSet: GlyphSet) {
        self.size = size
        self.colorDepth = colorDepth
        self.glyphSet = glyphSet
    }
}
