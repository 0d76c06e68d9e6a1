/// The `shares` layer (Vectors/shares.json, Vectors/README.md): SLIP-0039
/// shares of recovery codes. `ok`: splitting `code` by the vector's plan
/// with `random_hex` as every random byte gives exactly `shares`, each
/// combination gives `code` back, and each typed form reads as its
/// canonical share. `fail`: the shares are refused with `error`.
enum ShareVectorLayer {
    /// Replays fixed bytes; running out is an error, never a wrap-around.
    struct Replay: RandomSource {
        final class Cursor: @unchecked Sendable { var offset = 0 }
        let bytes: [UInt8]
        let cursor = Cursor()
        func fill(_ buffer: UnsafeMutableRawBufferPointer) throws {
            guard cursor.offset + buffer.count <= bytes.count else { throw VectorError("random_hex is too short") }
            for i in 0..<buffer.count { buffer[i] = bytes[cursor.offset + i] }
            cursor.offset += buffer.count
        }
        var exhausted: Bool { cursor.offset == bytes.count }
    }

    static func texts(_ value: JSONValue?, _ what: String) throws -> [String] {
        guard let list = value?.arrayValue else { throw VectorError("missing list \"\(what)\"") }
        return try list.map { guard let s = $0.stringValue else { throw VectorError("\(what): not a string") }; return s }
    }

    static func parse(_ mnemonics: [String]) throws -> [Share] {
        try mnemonics.enumerated().map { try RecoveryCodeShares.share(parsing: $0.element, share: $0.offset + 1) }
    }

    static func check(_ v: Vector, _ ok: Bool) throws {
        guard ok else { return try refused(v) }
        let code = try RecoveryCode(parsing: try v.text("code"))
        try v.expectEqual(Hex.encode(RecoveryCodeShares.secret(of: code).copyBytes()), try v.text("secret_hex"), "code's 20 bytes")
        guard let groupList = v.fields["groups"]?.arrayValue else { throw VectorError("missing \"groups\"") }
        let groups = try groupList.map { item -> SharePlan.Group in
            guard let pair = item.arrayValue, pair.count == 2, let k = pair[0].numberValue, let n = pair[1].numberValue,
                  k == k.rounded(), n == n.rounded(), (1...16).contains(k), (1...16).contains(n) else {
                throw VectorError("a group is [threshold, count]")
            }
            return SharePlan.Group(threshold: Int(k), count: Int(n))
        }
        let plan = try SharePlan(groupThreshold: try v.int("group_threshold"), groups: groups)
        let random = Replay(bytes: try v.hex("random_hex"))
        let made = try RecoveryCodeShares.split(code, plan: plan, random: random)
        guard random.exhausted else { throw VectorError("the split used fewer random bytes than random_hex") }
        guard let expected = v.fields["shares"]?.arrayValue else { throw VectorError("missing \"shares\"") }
        try v.expectEqual(made.count, expected.count, "group count")
        for (group, list) in zip(made, expected) {
            try v.expectEqual(group.map { $0.words.joined(separator: " ") }, try texts(list, "shares"), "shares")
        }
        guard let combinations = v.fields["combinations"]?.arrayValue, !combinations.isEmpty else { throw VectorError("missing \"combinations\"") }
        for combination in combinations {
            let back = try RecoveryCodeShares.combine(try parse(try texts(combination, "combinations")))
            try v.expectEqual(back.revealCanonicalText(), code.revealCanonicalText(), "combined code")
        }
        for typed in v.fields["typed"]?.arrayValue ?? [] {
            guard let input = typed["input"]?.stringValue, let canonical = typed["canonical"]?.stringValue else {
                throw VectorError("a typed form has input and canonical")
            }
            try v.expectEqual(try RecoveryCodeShares.share(parsing: input).words.joined(separator: " "), canonical, "typed share")
        }
    }

    static func refused(_ v: Vector) throws {
        let expected = try v.text("error")
        do {
            _ = try RecoveryCodeShares.combine(try parse(try texts(v.fields["shares"], "shares")))
        } catch let error as ShareError {
            let position: Int?, share: Int?, matches: Bool
            switch (expected, error) {
            case ("too-few", .tooFewShares), ("too-few", .tooFewGroups), ("too-many", .tooManyShares), ("too-many", .tooManyGroups),
                 ("different-sets", .differentSets), ("group-threshold", .differentSets(_, .groupThreshold)),
                 ("group-threshold", .groupThresholdAboveCount), ("not-a-code", .notARecoveryCode), ("duplicate", .duplicate),
                 ("same-index", .sameIndex), ("digest", .digestMismatch):
                (matches, position, share) = (true, nil, nil)
            case let ("checksum", .checksum(s, likely)): (matches, position, share) = (true, likely, s)
            case let ("word", .unknownWord(s, p)): (matches, position, share) = (true, p, s)
            case let ("length", .wrongWordCount(s, _)): (matches, position, share) = (true, nil, s)
            default: (matches, position, share) = (false, nil, nil)
            }
            guard matches else { throw VectorError("refused as \(error), expected a \(expected) error") }
            if v.fields["position"] != nil { try v.expectEqual(position, try v.int("position"), "reported position") }
            if v.fields["share"] != nil { try v.expectEqual(share, try v.int("share"), "reported share") }
            return
        }
        throw VectorError("expected the shares to be refused, but they were accepted")
    }
}
