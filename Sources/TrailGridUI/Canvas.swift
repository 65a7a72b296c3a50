/// One character cell of the screen: what the terminal backend draws.
public struct CanvasCell: Sendable, Equatable {
    public var character: Character
    public init(character: Character = " ") { self.character = character }
}

/// The in-memory screen every view renders into; tests read it as text.
public struct Canvas: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [CanvasCell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: CanvasCell(), count: self.width * self.height)
    }

    /// The screen as lines of text, trailing spaces kept.
    public var lines: [String] {
        (0..<height).map { row in String(cells[(row * width)..<((row + 1) * width)].map(\.character)) }
    }
}
