/// Why shares were refused. Shares and groups are named by number
/// (1-based: the order they were given; groups as printed on the share
/// papers), words by position; never a word itself.
package enum ShareError: RecoveryKitError, Equatable {
    /// What differs between two shares that should be of one split.
    package enum Field: String, Sendable, Equatable {
        case identifier = "identifier (first words)"
        case extendable = "extendable flag"
        case iterationExponent = "iteration exponent"
        case groupThreshold = "group threshold"
        case groupCount = "group count"
        case length = "length"
        case memberThreshold = "member threshold"
    }

    case noShares
    case empty(share: Int?)
    case unknownWord(share: Int?, position: Int)
    case wrongWordCount(share: Int?, words: Int)
    case checksum(share: Int?, likelyWord: Int?)
    case padding(share: Int?)
    case groupThresholdAboveCount(share: Int?)
    case differentSets(share: Int, field: Field)
    case duplicate(share: Int, of: Int)
    case sameIndex(share: Int, of: Int)
    case tooFewShares(group: Int?, have: Int, need: Int)
    case tooManyShares(group: Int?, have: Int, need: Int)
    case tooFewGroups(have: Int, need: Int)
    case tooManyGroups(have: Int, need: Int)
    case digestMismatch(group: Int?)
    case notARecoveryCode(bits: Int)

    package var kind: FailureKind {
        switch self {
        case .digestMismatch: return .wrongSecret
        default: return .malformedInput
        }
    }

    static func name(_ share: Int?) -> String { share.map { "share \($0)" } ?? "the share" }

    package var description: String {
        switch self {
        case .noShares: return "no share was given"
        case let .empty(share): return "\(Self.name(share)) is empty"
        case let .unknownWord(share, position):
            return "word \(position) of \(Self.name(share)) is not a SLIP-0039 share word (type the word as printed, or its first 4 letters)"
        case let .wrongWordCount(share, words):
            return "\(Self.name(share)) has \(words) words; a share of a recovery code has \(Share.wordCount(secretBytes: RecoveryCodeShares.secretBytes))"
        case let .checksum(share, likely):
            let place = likely.map { ": word \($0) looks mistyped" } ?? ": a word is mistyped, missing or out of place"
            return "\(Self.name(share)) fails its checksum\(place)"
        case let .padding(share): return "\(Self.name(share)) is not a valid share (its padding bits are not zero)"
        case let .groupThresholdAboveCount(share): return "\(Self.name(share)) is not a valid share (it needs more groups than it has)"
        case let .differentSets(share, field):
            return "share \(share) is from another set of shares than share 1 (its \(field.rawValue) differs)"
        case let .duplicate(share, of): return "share \(share) is the same as share \(of); give a different share"
        case let .sameIndex(share, of): return "share \(share) has the same number as share \(of) but other words; one of them is wrong"
        case let .tooFewShares(group, have, need):
            if let group { return "group \(group) has \(have) of the \(need) shares it needs" }
            return "\(have) of the \(need) shares needed \(have == 1 ? "was" : "were") given"
        case let .tooManyShares(group, have, need):
            if let group { return "group \(group) has \(have) shares; give exactly the \(need) it needs" }
            return "\(have) shares were given; give exactly the \(need) needed"
        case let .tooFewGroups(have, need): return "shares of \(have) of the \(need) groups needed were given"
        case let .tooManyGroups(have, need): return "shares of \(have) groups were given; give shares of exactly \(need)"
        case let .digestMismatch(group):
            let what = group.map { "the shares of group \($0)" } ?? "the shares"
            return "\(what) do not combine (their digest does not match): one is from another split or was changed"
        case let .notARecoveryCode(bits):
            return "these shares hold a \(bits)-bit secret, not a recovery code (160 bits): they are not shares of an rkit kit"
        }
    }
}
