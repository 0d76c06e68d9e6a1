/// SLIP-0039's combining: check that the shares are one set and enough,
/// recover each group's share, then the encrypted master secret, then
/// decrypt it.
package enum ShareCombiner {
    /// The parameters every share of one split has in common.
    static func checkOneSet(_ shares: [Share]) throws {
        guard let first = shares.first else { throw ShareError.noShares }
        for (i, share) in shares.enumerated().dropFirst() {
            let n = i + 1
            if share.identifier != first.identifier { throw ShareError.differentSets(share: n, field: .identifier) }
            if share.extendable != first.extendable { throw ShareError.differentSets(share: n, field: .extendable) }
            if share.iterationExponent != first.iterationExponent { throw ShareError.differentSets(share: n, field: .iterationExponent) }
            if share.groupThreshold != first.groupThreshold { throw ShareError.differentSets(share: n, field: .groupThreshold) }
            if share.groupCount != first.groupCount { throw ShareError.differentSets(share: n, field: .groupCount) }
            if share.value.count != first.value.count { throw ShareError.differentSets(share: n, field: .length) }
            for (j, earlier) in shares[..<i].enumerated() where earlier.groupIndex == share.groupIndex {
                if earlier.memberThreshold != share.memberThreshold { throw ShareError.differentSets(share: n, field: .memberThreshold) }
                if earlier.memberIndex == share.memberIndex {
                    throw earlier == share ? ShareError.duplicate(share: n, of: j + 1) : ShareError.sameIndex(share: n, of: j + 1)
                }
            }
        }
    }

    /// What is still missing from a consistent set: nil when it is enough.
    /// Groups are reported 1-based; `group` is nil for a single-group split.
    static func missing(_ shares: [Share]) -> ShareError? {
        guard let first = shares.first else { return .noShares }
        let byGroup = Dictionary(grouping: shares, by: \.groupIndex)
        let single = first.groupCount == 1
        for index in byGroup.keys.sorted() {
            let members = byGroup[index]!
            let need = members[0].memberThreshold
            if members.count > need { return .tooManyShares(group: single ? nil : index + 1, have: members.count, need: need) }
        }
        if byGroup.count > first.groupThreshold { return .tooManyGroups(have: byGroup.count, need: first.groupThreshold) }
        for index in byGroup.keys.sorted() {
            let members = byGroup[index]!
            let need = members[0].memberThreshold
            if members.count < need { return .tooFewShares(group: single ? nil : index + 1, have: members.count, need: need) }
        }
        if byGroup.count < first.groupThreshold { return .tooFewGroups(have: byGroup.count, need: first.groupThreshold) }
        return nil
    }

    /// The encrypted master secret of a consistent, sufficient set.
    static func recoverEncrypted(_ shares: [Share]) throws -> [UInt8] {
        try checkOneSet(shares)
        if let missing = missing(shares) { throw missing }
        let first = shares[0]
        let byGroup = Dictionary(grouping: shares, by: \.groupIndex)
        var groupPoints: [(x: Int, y: [UInt8])] = []
        for index in byGroup.keys.sorted() {
            let members = byGroup[index]!
            guard let groupSecret = ShamirSharing.recover(threshold: members[0].memberThreshold, members.map { ($0.memberIndex, $0.value) }) else {
                throw ShareError.digestMismatch(group: first.groupCount == 1 ? nil : index + 1)
            }
            groupPoints.append((index, groupSecret))
        }
        guard let encrypted = ShamirSharing.recover(threshold: first.groupThreshold, groupPoints) else {
            throw ShareError.digestMismatch(group: nil)
        }
        return encrypted
    }

    /// The master secret of `shares` with `passphrase` (rkit's is empty).
    package static func combine(_ shares: [Share], passphrase: [UInt8] = []) throws -> [UInt8] {
        var encrypted = try recoverEncrypted(shares)
        defer { cleanse(&encrypted) }
        let first = shares[0]
        return try ShareCipher.decrypt(encrypted, passphrase: passphrase, exponent: first.iterationExponent,
                                       identifier: first.identifier, extendable: first.extendable)
    }

    /// The state of shares given so far (for asking for the next one): the
    /// first error among them, the missing part, or nil when they suffice.
    package static func progress(_ shares: [Share]) -> ShareError? {
        do { try checkOneSet(shares) } catch let error as ShareError { return error } catch { return .noShares }
        return missing(shares)
    }
}
