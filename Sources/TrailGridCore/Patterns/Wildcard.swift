/// A compiled `wildcard` value: literal scalars and `*` runs. Matching walks
/// Unicode scalars, not grapheme clusters, because EventBridge compares
/// bytes and Swift's `Character` equality would merge canonically
/// equivalent spellings.
struct WildcardPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case star
    }

    let tokens: [Token]

    /// Parses the escapes (`\*` literal star, `\\` literal backslash) and
    /// rejects what event-ruler rejects. `pos` in messages is the scalar
    /// offset, as in event-ruler's messages.
    init(parsing text: String) throws(PatternError) {
        var tokens: [Token] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var previousWasStar = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard index + 1 < scalars.count, scalars[index + 1] == "*" || scalars[index + 1] == "\\" else {
                    throw PatternError("Invalid escape character at pos \(index)")
                }
                tokens.append(.literal(scalars[index + 1]))
                previousWasStar = false
                index += 2
                continue
            }
            if scalar == "*" {
                if previousWasStar {
                    throw PatternError("Consecutive wildcard characters at pos \(index)")
                }
                tokens.append(.star)
                previousWasStar = true
            } else {
                tokens.append(.literal(scalar))
                previousWasStar = false
            }
            index += 1
        }
        self.tokens = tokens
        self.byteTokens = WildcardPattern.bytes(of: tokens)
    }

    /// The tokens as UTF-8: a literal byte, or -1 for a star. Matching bytes
    /// is matching scalars (a literal's first byte is never a continuation
    /// byte, so it can only match at a scalar boundary), without decoding
    /// the event's text into scalars for every test.
    private(set) var byteTokens: [Int16] = []

    private static func bytes(of tokens: [Token]) -> [Int16] {
        var bytes: [Int16] = []
        for token in tokens {
            switch token {
            case .star: bytes.append(-1)
            case .literal(let scalar): UTF8.encode(scalar) { bytes.append(Int16($0)) }
            }
        }
        return bytes
    }

    /// Matches the UTF-8 `input` byte by byte (`StarMatch`).
    func matches(_ input: UnsafeRawBufferPointer) -> Bool {
        byteTokens.withUnsafeBufferPointer { tokens in
            StarMatch.matches(
                patternCount: tokens.count, textCount: input.count, isStar: { tokens[$0] < 0 },
                matchesOne: { tokens[$0] >= 0 && UInt8(tokens[$0]) == input[$1] })
        }
    }

    var hasStar: Bool { tokens.contains(.star) }
}

/// Worst-case cost of a field's wildcards: the largest number of automaton
/// positions one input can keep alive at once, found by exploring the subset
/// automaton. It stands in for event-ruler's `MachineComplexityEvaluator`
/// (which counts the same thing on its byte machine); exploration stops as
/// soon as the limit is passed, and an automaton too large to explore is
/// treated as too complex.
enum WildcardComplexity {
    static func exceeds(_ patterns: [WildcardPattern], limit: Int) -> Bool {
        let starPatterns = patterns.filter(\.hasStar)
        guard !starPatterns.isEmpty else { return false }
        // A state is (pattern, token index); index == count means accepted.
        struct State: Hashable { var pattern: Int; var token: Int }
        var alphabet = Set<Unicode.Scalar>()
        for pattern in starPatterns {
            for case .literal(let scalar) in pattern.tokens { alphabet.insert(scalar) }
        }
        let other = Unicode.Scalar(UInt8(0))
        var symbols = Array(alphabet)
        if !alphabet.contains(other) { symbols.append(other) }

        func close(_ states: Set<State>) -> Set<State> {
            var result = states
            var stack = Array(states)
            while let state = stack.popLast() {
                let tokens = starPatterns[state.pattern].tokens
                if state.token < tokens.count, tokens[state.token] == .star {
                    let next = State(pattern: state.pattern, token: state.token + 1)
                    if result.insert(next).inserted { stack.append(next) }
                }
            }
            return result
        }

        let start = close(Set((0..<starPatterns.count).map { State(pattern: $0, token: 0) }))
        if start.count > limit { return true }
        var seen: Set<Set<State>> = [start]
        var queue = [start]
        let explorationBudget = 20_000
        while let current = queue.popLast() {
            for symbol in symbols {
                var next = Set<State>()
                for state in current {
                    let tokens = starPatterns[state.pattern].tokens
                    guard state.token < tokens.count else { continue }
                    switch tokens[state.token] {
                    case .star: next.insert(state)
                    case .literal(let scalar) where scalar == symbol:
                        next.insert(State(pattern: state.pattern, token: state.token + 1))
                    case .literal: break
                    }
                }
                guard !next.isEmpty else { continue }
                let closed = close(next)
                if closed.count > limit { return true }
                if seen.insert(closed).inserted {
                    if seen.count > explorationBudget { return true }
                    queue.append(closed)
                }
            }
        }
        return false
    }
}
