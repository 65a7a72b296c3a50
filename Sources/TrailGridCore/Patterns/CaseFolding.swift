#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Case-insensitive comparison the way event-ruler does it: scalar by
/// scalar, using the simple (single-scalar) lowercase mapping. Full Unicode
/// case folding would make `straße` equal `STRASSE`, which EventBridge's
/// matcher does not do.
enum CaseFolding {
    static func fold(_ text: String) -> [Unicode.Scalar] {
        text.unicodeScalars.map(fold)
    }

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            let value = scalar.value
            if value >= 65 && value <= 90 { return Unicode.Scalar(UInt8(value + 32)) }
            return scalar
        }
        let mapping = scalar.properties.lowercaseMapping.unicodeScalars
        if mapping.count == 1, let lower = mapping.first { return lower }
        return scalar
    }

    static func equals(_ text: String, _ folded: [Unicode.Scalar]) -> Bool {
        var index = 0
        for scalar in text.unicodeScalars {
            guard index < folded.count, fold(scalar) == folded[index] else { return false }
            index += 1
        }
        return index == folded.count
    }

    static func hasPrefix(_ text: String, _ folded: [Unicode.Scalar]) -> Bool {
        var index = 0
        for scalar in text.unicodeScalars {
            if index == folded.count { return true }
            guard fold(scalar) == folded[index] else { return false }
            index += 1
        }
        return index == folded.count
    }

    static func hasSuffix(_ text: String, _ folded: [Unicode.Scalar]) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= folded.count else { return false }
        let offset = scalars.count - folded.count
        for index in 0..<folded.count where fold(scalars[offset + index]) != folded[index] {
            return false
        }
        return true
    }
}

/// Byte-exact string tests. Swift's `==` and `hasPrefix` use canonical
/// equivalence, which would let a decomposed `é` match a precomposed one;
/// EventBridge compares UTF-8 bytes.
enum ExactText {
    /// Byte equality (no Unicode normalization, as EventBridge compares).
    static func equals(_ a: String, _ b: String) -> Bool {
        var a = a
        return a.withUTF8 { equals(UnsafeRawBufferPointer($0), b) }
    }

    /// `equals` for an event value's bytes (`FlatValue`). Native strings
    /// are contiguous UTF-8, so this is a length check and a `memcmp`; the
    /// generic `elementsEqual` walked byte by byte.
    static func equals(_ bytes: UnsafeRawBufferPointer, _ expected: String) -> Bool {
        let utf8 = expected.utf8
        guard bytes.count == utf8.count else { return false }
        if bytes.isEmpty { return true }
        return utf8.withContiguousStorageIfAvailable { memcmp(bytes.baseAddress!, $0.baseAddress!, bytes.count) == 0 }
            ?? bytes.elementsEqual(utf8)
    }

    static func hasPrefix(_ bytes: UnsafeRawBufferPointer, _ prefix: String) -> Bool {
        let utf8 = prefix.utf8
        guard bytes.count >= utf8.count else { return false }
        return equals(UnsafeRawBufferPointer(rebasing: bytes[..<utf8.count]), prefix)
    }

    static func hasSuffix(_ bytes: UnsafeRawBufferPointer, _ suffix: String) -> Bool {
        let utf8 = suffix.utf8
        guard bytes.count >= utf8.count else { return false }
        return equals(UnsafeRawBufferPointer(rebasing: bytes[(bytes.count - utf8.count)...]), suffix)
    }
}
