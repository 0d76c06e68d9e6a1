/// Byte-exact text comparison. Swift's `String ==` compares by canonical
/// equivalence ("\u{212A}ey" == "Key", "é" == "e\u{301}"), but a server
/// sees bytes: every comparison in a signature path or a verdict
/// (credential IDs, kinds, challenges, origins, envelope text, JSON keys)
/// uses this instead, so text that differs in bytes never passes as equal.
extension StringProtocol {
    /// Whether the two texts have the same UTF-8 bytes.
    package func isByteIdentical(to other: some StringProtocol) -> Bool {
        utf8.elementsEqual(other.utf8)
    }
}

extension Sequence where Element: StringProtocol {
    /// Whether one element has exactly the bytes of `text`.
    package func containsBytes(of text: some StringProtocol) -> Bool {
        contains { $0.isByteIdentical(to: text) }
    }
}

extension Optional where Wrapped: StringProtocol {
    /// Byte-exact equality where nil equals only nil.
    package func isByteIdentical(to other: Wrapped?) -> Bool {
        switch (self, other) {
        case (nil, nil): return true
        case let (a?, b?): return a.isByteIdentical(to: b)
        default: return false
        }
    }
}
