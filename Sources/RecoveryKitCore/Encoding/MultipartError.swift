/// Why a file could not be split into QR frames or reassembled from them
/// (`MultipartText`: BBQr frames, and rkit's older RK1/RK2 parts). Cases
/// carry the facts; `description` is the message. Frame numbers count
/// from 1.
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

    // BBQr frames.
    /// A BBQr encoding or file type rkit does not read.
    case unsupportedFrame(shown: String)
    /// RK2 parts and BBQr frames given together.
    case mixedFormats
    /// A frame whose series (`B$`, encoding, file type, total) is not the
    /// first frame's.
    case frameOfAnotherFile(frame: Int, count: Int, series: String, expected: String)
    case frameGivenTwice(frame: Int, count: Int)
    case missingFrames([Int], count: Int)
    /// A frame whose data does not decode, or is not as long as its series says.
    case damagedFrame(frame: Int, count: Int)
    /// The joined `Z` data stopped inflating within `frame` (the damage is
    /// there or in an earlier frame).
    case doesNotInflate(frame: Int, count: Int)
    /// The frames would make a file larger than `limit` bytes.
    case tooLarge(limit: Int)

    package var kind: FailureKind { .malformedInput }

    /// "QR frames" for both forms: what a person scans is a frame either way.
    package var description: String { "QR frames: " + reason }

    var reason: String {
        switch self {
        case let .partTooSmall(minimum): return "a part must hold at least \(minimum) bytes"
        case .nothingToSplit: return "there is nothing to split"
        case let .tooManyParts(needed, allowed): return "the text needs \(needed) parts; at most \(allowed) are allowed"
        case let .notAPart(shown):
            return "\"\(shown)\" is not a QR frame (expected B$... as BBQr writes it, or rkit's older \(MultipartText.tag)/index/count/checksum/data)"
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
        case let .unsupportedFrame(shown):
            return "\"\(shown)\" is a BBQr frame of an encoding or file type rkit does not read (encodings H, 2, Z; types P T J C U B X)"
        case .mixedFormats:
            return "BBQr frames (B$...) and rkit's older parts (RK2/...) are mixed; give the frames of one file only"
        case let .frameOfAnotherFile(frame, count, series, expected):
            return "frame \(frame) of \(count) (\(series)...) belongs to another file than the first frame given (\(expected)...); give the frames of one file only"
        case let .frameGivenTwice(frame, count):
            return "frame \(frame) of \(count) was given twice with different contents; one of them was misread, scan frame \(frame) again"
        case let .missingFrames(missing, count):
            let list = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", ..." : "")
            return "missing frame\(missing.count == 1 ? "" : "s") \(list) of \(count); scan \(missing.count == 1 ? "it" : "them") too"
        case let .damagedFrame(frame, count):
            return "frame \(frame) of \(count) is damaged (its data does not decode); scan frame \(frame) again"
        case let .doesNotInflate(frame, count):
            return "the frames do not decompress: frame \(frame) of \(count) or one before it was misread; scan frames 1 to \(frame) again"
        case let .tooLarge(limit):
            return "the frames would make a file larger than \(limit >> 20) MiB; these are not the frames of an rkit file"
        }
    }
}
