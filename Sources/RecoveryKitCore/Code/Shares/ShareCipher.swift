/// SLIP-0039's encryption of the master secret: a four-round Feistel
/// network whose round function is PBKDF2-HMAC-SHA256 (password = round
/// number byte || passphrase, salt = prefix || right half, 2500 << e
/// iterations, half the secret's length). The prefix is empty for
/// extendable shares and "shamir" || identifier (2 bytes, big-endian)
/// otherwise.
enum ShareCipher {
    static let baseIterations = 10_000
    static let rounds = 4

    static func encrypt(_ secret: [UInt8], passphrase: [UInt8], exponent: Int, identifier: Int, extendable: Bool) throws -> [UInt8] {
        try feistel(secret, passphrase: passphrase, exponent: exponent, identifier: identifier, extendable: extendable,
                    order: Array(0..<rounds))
    }

    static func decrypt(_ encrypted: [UInt8], passphrase: [UInt8], exponent: Int, identifier: Int, extendable: Bool) throws -> [UInt8] {
        try feistel(encrypted, passphrase: passphrase, exponent: exponent, identifier: identifier, extendable: extendable,
                    order: Array((0..<rounds).reversed()))
    }

    private static func feistel(_ input: [UInt8], passphrase: [UInt8], exponent: Int, identifier: Int, extendable: Bool,
                                order: [Int]) throws -> [UInt8] {
        precondition(input.count % 2 == 0 && (0...15).contains(exponent))
        let half = input.count / 2
        var left = Array(input[..<half]), right = Array(input[half...])
        let salt: [UInt8] = extendable ? [] : Array("shamir".utf8) + [UInt8(identifier >> 8), UInt8(identifier & 0xFF)]
        let iterations = (baseIterations << exponent) / rounds
        for round in order {
            var password = [UInt8(round)] + passphrase
            let f = try PBKDF2.deriveKey(password: SecretBytes(consuming: &password), salt: salt + right,
                                         iterations: iterations, length: half)
            let mixed = f.withUnsafeBytes { key in zip(left, key).map { $0 ^ $1 } }
            cleanse(&left)
            left = right
            right = mixed
        }
        defer { cleanse(&left); cleanse(&right) }
        return right + left
    }
}
