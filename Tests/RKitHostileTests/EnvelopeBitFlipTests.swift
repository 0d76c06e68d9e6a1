import Testing
@testable import RecoveryKitCore

/// Any single flipped bit anywhere in a kit's envelope is detected: the
/// text no longer parses, or it parses and does not open with the right
/// key. Never a successful open, never a crash. One PBKDF2 derivation,
/// then `open(wrappingKey:)` per flip, so the whole sweep is fast.
@Suite struct EnvelopeBitFlipTests {
    /// Made once for the suite (Swift Testing builds a suite value per test).
    struct Fixture: Sendable {
        let key: P256PrivateKey
        let wrappingKey: SecretBytes
        let envelope: KeyEnvelope

        static let shared: Fixture = {
            let key = try! P256PrivateKey.generate()
            let wrappingKey = try! KeyEnvelope.wrappingKey(code: try! RecoveryCode.generate(), username: "bitflip@example.com")
            let iv = try! SystemRandom().bytes(KeyEnvelope.ivSize)
            return Fixture(key: key, wrappingKey: wrappingKey, envelope: try! KeyEnvelope.seal(key, wrappingKey: wrappingKey, iv: iv))
        }()
    }

    var key: P256PrivateKey { Fixture.shared.key }
    var wrappingKey: SecretBytes { Fixture.shared.wrappingKey }
    var envelope: KeyEnvelope { Fixture.shared.envelope }

    enum Outcome: Equatable { case notText, parseError, wrongSecret, opened }

    func outcome(_ text: String) -> Outcome {
        let parsed: KeyEnvelope
        do { parsed = try KeyEnvelope(text: text) } catch { return .parseError }
        do {
            _ = try parsed.open(wrappingKey: wrappingKey)
            return .opened
        } catch EnvelopeError.wrongCodeOrUsername {
            return .wrongSecret
        } catch {
            return .parseError
        }
    }

    @Test func unflippedEnvelopeOpens() throws {
        #expect(outcome(envelope.text) == .opened)
        #expect(try envelope.open(wrappingKey: wrappingKey).publicKey == key.publicKey)
    }

    @Test func everyBitOfTheEnvelopeText() {
        let bytes = Array(envelope.text.utf8)
        var tally: [Outcome: Int] = [:]
        for index in bytes.indices {
            for bit in 0..<8 {
                var flipped = bytes
                flipped[index] ^= 1 << bit
                let result: Outcome
                if let text = String(validating: flipped, as: UTF8.self) {
                    result = outcome(text)
                } else {
                    // A tool refuses non-UTF-8 before parsing; the parser must too.
                    #expect(outcome(String(decoding: flipped, as: UTF8.self)) != .opened)
                    result = .notText
                }
                #expect(result != .opened, "bit \(bit) of byte \(index) of the envelope text went undetected")
                tally[result, default: 0] += 1
            }
        }
        #expect(tally.values.reduce(0, +) == bytes.count * 8)
        #expect(tally[.opened] == nil)
        // The base64 body holds the ciphertext, so some flips must reach GCM.
        #expect((tally[.wrongSecret] ?? 0) > 0)
    }

    @Test func everyBitOfTheCiphertextTagAndIV() throws {
        for field in ["sealed", "iv"] {
            let original = field == "sealed" ? envelope.sealed : envelope.iv
            for index in original.indices {
                for bit in 0..<8 {
                    var bytes = original
                    bytes[index] ^= 1 << bit
                    let text = field == "sealed" ? KeyEnvelope.encode(sealed: bytes, iv: envelope.iv)
                                                 : KeyEnvelope.encode(sealed: envelope.sealed, iv: bytes)
                    let parsed = try KeyEnvelope(text: text)
                    #expect(throws: EnvelopeError.wrongCodeOrUsername, "bit \(bit) of \(field) byte \(index)") {
                        try parsed.open(wrappingKey: wrappingKey)
                    }
                }
            }
        }
    }
}
