/// SLIP-0039's SplitSecret and RecoverSecret: Shamir sharing of a byte
/// string over GF(256) where the secret is the polynomial's value at 255
/// and its digest (4 bytes of HMAC-SHA256 keyed by the other n − 4 random
/// bytes) the value at 254, so a wrong combination is detected.
enum ShamirSharing {
    static let secretIndex = 255
    static let digestIndex = 254
    static let digestLength = 4
    static let maxShares = 16

    /// Shares 0…count−1 of `secret`, any `threshold` of which give it back.
    /// Randomness is drawn in SLIP-0039's order (the reference
    /// implementation's too): the threshold − 2 random shares, then the
    /// digest's random part; so fixed random bytes give known answers.
    static func split(threshold: Int, count: Int, secret: [UInt8], random: some RandomSource) throws -> [(x: Int, y: [UInt8])] {
        precondition(threshold >= 1 && threshold <= count && count <= maxShares)
        if threshold == 1 { return (0..<count).map { ($0, secret) } }
        var points: [(x: Int, y: [UInt8])] = []
        for x in 0..<(threshold - 2) { points.append((x, try random.bytes(secret.count))) }
        var randomPart = try random.bytes(secret.count - digestLength)
        defer { cleanse(&randomPart) }
        let digest = Array(HMACSHA256.mac(key: randomPart, message: secret).prefix(digestLength))
        let base = points + [(digestIndex, digest + randomPart), (secretIndex, secret)]
        for x in (threshold - 2)..<count { points.append((x, GF256.interpolate(base, at: x))) }
        return points
    }

    /// The secret from `threshold` shares with distinct x (the caller
    /// checks count and distinctness); nil when the digest does not match.
    static func recover(threshold: Int, _ points: [(x: Int, y: [UInt8])]) -> [UInt8]? {
        if threshold == 1 { return points[0].y }
        let secret = GF256.interpolate(points, at: secretIndex)
        let digestShare = GF256.interpolate(points, at: digestIndex)
        let expected = HMACSHA256.mac(key: Array(digestShare.dropFirst(digestLength)), message: secret).prefix(digestLength)
        return Array(digestShare.prefix(digestLength)) == Array(expected) ? secret : nil
    }
}
