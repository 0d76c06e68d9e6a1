/// The one trimming helper: drops the elements `isTrimmed` accepts from
/// both ends. Callers choose the set, because the sets differ on purpose:
/// JavaScript's `trim()` for the username salt (`Username.trimmed`),
/// Unicode whitespace for text files (RecoveryKitCLI), and space, tab and
/// CR for a line of a codes file.
extension BidirectionalCollection where SubSequence == SubSequence.SubSequence {
    package func trimming(while isTrimmed: (Element) -> Bool) -> SubSequence {
        var slice = self[...]
        while let first = slice.first, isTrimmed(first) { slice = slice.dropFirst() }
        while let last = slice.last, isTrimmed(last) { slice = slice.dropLast() }
        return slice
    }
}
