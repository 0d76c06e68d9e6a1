import Testing
@testable import RecoveryKitCore
import RKitTestSupport

/// The fast PBKDF2 must equal OpenSSL's `PKCS5_PBKDF2_HMAC` everywhere, not
/// just at the kit's parameters: random passwords (including longer than
/// an HMAC block, which are hashed first), salts, iteration counts and
/// lengths (including partial and multiple output blocks).
@Suite struct PBKDF2Tests {
    @Test func equalsOpenSSLOnRandomCases() throws {
        var rng = SeededGenerator(seed: 0x726B_6974_5F70_626B)
        var mismatches: [String] = []
        let cases = 10_000
        for n in 0..<cases {
            let passwordLength = Int.random(in: 0...100, using: &rng)
            let salt = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let password = (0..<passwordLength).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let iterations = n % 100 == 0 ? Int.random(in: 51...2000, using: &rng) : Int.random(in: 1...50, using: &rng)
            let length = Int.random(in: 1...100, using: &rng)
            var a = password, b = password
            let fast = try PBKDF2.deriveKey(password: SecretBytes(consuming: &a), salt: salt, iterations: iterations, length: length)
            let reference = try PBKDF2.openSSL(password: SecretBytes(consuming: &b), salt: salt, iterations: iterations, length: length)
            if fast.copyBytes() != reference.copyBytes() {
                mismatches.append("case \(n): password \(passwordLength) bytes, salt \(salt.count), c=\(iterations), dkLen=\(length)")
            }
        }
        #expect(mismatches.count == 0, "\(mismatches.count) of \(cases) differ, first: \(mismatches.prefix(3))")
    }

    /// Block-size edges for the HMAC key rule: 63, 64 (used as is) and 65
    /// bytes (hashed first), each with 1 and 2 iterations.
    @Test(arguments: [0, 1, 32, 63, 64, 65, 128, 1000])
    func passwordLengthEdges(length: Int) throws {
        for iterations in [1, 2, 3] {
            var a = [UInt8](repeating: 0xA5, count: length), b = a
            let fast = try PBKDF2.deriveKey(password: SecretBytes(consuming: &a), salt: Array("salt".utf8), iterations: iterations, length: 65)
            let reference = try PBKDF2.openSSL(password: SecretBytes(consuming: &b), salt: Array("salt".utf8), iterations: iterations, length: 65)
            #expect(fast.copyBytes() == reference.copyBytes(), "password \(length) bytes, c=\(iterations)")
        }
    }

    /// RFC 7914 §11, the two PBKDF2-HMAC-SHA256 vectors.
    @Test(arguments: [
        ("passwd", "salt", 1,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        ("Password", "NaCl", 80_000,
         "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
    ])
    func rfc7914(password: String, salt: String, iterations: Int, expected: String) throws {
        let key = try PBKDF2.deriveKey(password: SecretBytes(utf8: password), salt: Array(salt.utf8), iterations: iterations, length: 64)
        #expect(Hex.encode(key.copyBytes()) == expected)
        let reference = try PBKDF2.openSSL(password: SecretBytes(utf8: password), salt: Array(salt.utf8), iterations: iterations, length: 64)
        #expect(Hex.encode(reference.copyBytes()) == expected)
    }

    /// The kit's own parameters: a code as password, SHA-256(username) as
    /// salt, 100 000 iterations, 32 bytes.
    @Test func kitParameters() throws {
        let salt = SHA256Digest.hash(utf8: "demo@example.com")
        let fast = try PBKDF2.deriveKey(password: SecretBytes(utf8: "ABCDE-FGHJK-MNPQR-STVWX-YZ234-56789"), salt: salt, iterations: 100_000, length: 32)
        let reference = try PBKDF2.openSSL(password: SecretBytes(utf8: "ABCDE-FGHJK-MNPQR-STVWX-YZ234-56789"), salt: salt, iterations: 100_000, length: 32)
        #expect(fast.copyBytes() == reference.copyBytes())
    }
}
