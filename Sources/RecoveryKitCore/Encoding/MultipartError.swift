/// Why text could not be split into QR parts or reassembled from them
/// (`MultipartText`). Cases carry the facts; `description` is the message.
package enum MultipartError: RecoveryKitError, Equatable {
    /// Parts must hold at least `minimum` bytes.
    case partTooSmall(minimum: Int)
    case nothingToSplit
    case tooManyParts(needed: Int, allowed: Int)
    /// The start of the line (shortened) that is not a part.
    case notAPart(shown: String)
    case invalidIndexOrCount(shown: String)
    case invalidChecksumField(shown: String)
    case emptyPart(index: Int, count: Int)
    /// An RK2 part whose payload is not base64url.
    case invalidPayload(index: Int, count: Int)
    /// The parts make bytes that are not UTF-8 text, where text was expected.
    case notText
    case noParts
    /// Parts of two texts: the first part's header and another's.
    case mixed(checksum: String, count: Int, otherChecksum: String, otherCount: Int)
    case givenTwice(index: Int, count: Int)
    case missing([Int], count: Int)
    /// The reassembled text does not hash to the parts' checksum.
    case checksumMismatch(checksum: String)

    package var kind: FailureKind { .malformedInput }

    package var description: String { "QR parts: " + reason }

    var reason: String {
        switch self {
        case let .partTooSmall(minimum): return "a part must hold at least \(minimum) bytes"
        case .nothingToSplit: return "there is nothing to split"
        case let .tooManyParts(needed, allowed): return "the text needs \(needed) parts; at most \(allowed) are allowed"
        case let .notAPart(shown):
            return "\"\(shown)\" is not a part (expected \(MultipartText.tag)/index/count/checksum/data)"
        case let .invalidIndexOrCount(shown): return "\"\(shown)\" has an invalid index or count"
        case let .invalidChecksumField(shown): return "\"\(shown)\" has an invalid checksum field"
        case let .emptyPart(index, count): return "part \(index) of \(count) is empty"
        case let .invalidPayload(index, count): return "part \(index) of \(count) was misread (its data is not base64url); scan it again"
        case .notText: return "the parts make a file that is not UTF-8 text; give the parts of a text file"
        case .noParts: return "no parts were given"
        case let .mixed(checksum, count, otherChecksum, otherCount):
            return "parts of different texts are mixed (checksum \(checksum), \(count) parts vs. checksum \(otherChecksum), \(otherCount) parts); give the parts of one text only"
        case let .givenTwice(index, count): return "part \(index) of \(count) was given twice with different contents"
        case let .missing(missing, count):
            let list = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", ..." : "")
            return "missing part\(missing.count == 1 ? "" : "s") \(list) of \(count); scan \(missing.count == 1 ? "it" : "them") too"
        case let .checksumMismatch(checksum):
            return "the reassembled text does not match its checksum \(checksum); a part was misread, scan the parts again"
        }
    }
}
