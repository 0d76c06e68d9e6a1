/// SLIP-0039's GenerateShares: encrypt the master secret, split it into
/// group shares, split each group share into member shares.
package enum ShareSplitter {
    /// The shares of `secret` (even length, at least 16 bytes), group by
    /// group. Random bytes are drawn in the reference implementation's
    /// order (identifier, then each split's), so fixed random bytes give
    /// the same shares as shamir-mnemonic (Vectors/shares.json).
    package static func split(secret: [UInt8], plan: SharePlan, passphrase: [UInt8] = [], extendable: Bool = true,
                              iterationExponent: Int = 1, random: some RandomSource = SystemRandom()) throws -> [[Share]] {
        precondition(secret.count >= 16 && secret.count % 2 == 0)
        let id = try random.bytes(2)
        let identifier = (Int(id[0]) << 8 | Int(id[1])) & 0x7FFF
        var encrypted = try ShareCipher.encrypt(secret, passphrase: passphrase, exponent: iterationExponent,
                                                identifier: identifier, extendable: extendable)
        defer { cleanse(&encrypted) }
        let groupShares = try ShamirSharing.split(threshold: plan.groupThreshold, count: plan.groups.count, secret: encrypted, random: random)
        var result: [[Share]] = []
        for (group, groupShare) in zip(plan.groups, groupShares) {
            let members = try ShamirSharing.split(threshold: group.threshold, count: group.count, secret: groupShare.y, random: random)
            result.append(members.map {
                Share(identifier: identifier, extendable: extendable, iterationExponent: iterationExponent,
                      groupIndex: groupShare.x, groupThreshold: plan.groupThreshold, groupCount: plan.groups.count,
                      memberIndex: $0.x, memberThreshold: group.threshold, value: $0.y)
            })
        }
        return result
    }
}
