import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 13, finding 1: a --new-credentials file from the online machine
/// holding an attacker's passkey (attestation `none`) and the attacker's
/// own recovery kit, both made against this very challenge. rkit-sign
/// shows them in the review and signs nothing unless the person confirms.
@Suite struct SignReviewTests {
    struct Attack {
        let fx: SignFixture
        let passkeyKey: P256PrivateKey
        let attackerKit: RecoveryKit
    }

    static func attack() throws -> Attack {
        let fx = try SignFixture()
        let key = try P256PrivateKey.generate()
        let passkey = SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin,
                                            rpId: "app.example.com", key: key)
        let attacker = try KitGenerator.make(.init(username: "demo@example.com", orgId: "or-test-1", origin: SignFixture.origin,
                                                   challenge: SignFixture.recoveryChallenge)).kit
        let file: JSONValue = .object(JSONObject([("firstFactorCredential", passkey), ("recoveryCredential", attacker.attestation!.json)]))
        try fx.dir.write("new-credentials.json", JSONText.stringify(file))
        return Attack(fx: fx, passkeyKey: key, attackerKit: attacker)
    }

    static let base = ["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                       "--new-credentials", "new-credentials.json", "--out", "body.json"]

    static let allow = ["--allow-unverified-authenticator"]

    @Test func attackerCredentialsAreShownAndRefusedWithoutConfirmation() throws {
        let a = try Self.attack()
        let before = a.fx.dir.listing()
        // Issue 20, finding 1: a passkey no vendor vouches for (format
        // none) needs --allow-unverified-authenticator first.
        let unverified = try a.fx.sign(Self.base)
        #expect(unverified.status == 2, "\(unverified.stderr)")
        let refusal = try #require(unverified.stderr.split(separator: "\n").last)
        #expect(refusal.hasPrefix("rkit-sign: --new-credentials new-credentials.json: firstFactorCredential (Fido2) is tied to no authenticator vendor rkit knows"), "\(refusal)")
        #expect(refusal.contains("give --allow-unverified-authenticator only if you made it yourself on the online machine just now"))
        let result = try a.fx.sign(Self.base + Self.allow)
        let digest = try a.fx.sha256("new-credentials.json")
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(a.fx.dir.listing() == before, "nothing written")
        let last = try #require(result.stderr.split(separator: "\n").last)
        // The refusal names the option, never the digest to paste.
        #expect(last == "rkit-sign: the credentials in new-credentials.json need confirming: run on a terminal and type the kit tag from your paper kit, or give --accept-new-credentials with the SHA-256 of the file you made (sha256sum on this machine); nothing was signed")
        #expect(!result.stderr.contains(digest))
        // The review never shows the tag it asks for, and says what confirming means.
        #expect(!result.stderr.contains(String(a.fx.kit.credentialId.prefix(8))), "\(result.stderr)")
        #expect(result.stderr.contains("confirming means: these credentials were made on the online machine; confirm only if you made them there just now"))
        // The review names everything the signature would vouch for.
        let review = result.stderr
        for shown in [
            "kit:       user demo@example.com, org or-test-1, credential: see the kit tag on your paper kit",
            "challenge: user demo@example.com, relying party app.example.com",
            "origin: https://app.example.com (the kit's)",
            "firstFactorCredential: Fido2, from new-credentials.json, not made by rkit",
            "credential ID  \(Base64URL.encode(Array(SHA256Digest.hash(utf8: "attacker passkey").prefix(16))))",
            "✓ challenge: carries the recovery challenge (base64url)",
            "public key     SHA-256 \(Hex.encode(SHA256Digest.hash(a.passkeyKey.publicKey.spkiDER)))",
            "authenticator  attestation format none, AAGUID 00000000-0000-0000-0000-000000000000 (withheld)",
            "format none: the authenticator states nothing about itself",
            "recoveryCredential: RecoveryKey, from new-credentials.json, not made by rkit",
            "credential ID  \(a.attackerKit.credentialId)",
            "public key     SHA-256 \(Hex.encode(SHA256Digest.hash(try P256PublicKey(pem: a.attackerKit.publicKeyPEM!).spkiDER)))",
        ] {
            #expect(review.contains(shown), "missing: \(shown)\n\(review)")
        }
    }

    /// The SHA-256 binds the exact bytes: another digest, or the file
    /// changed after it was computed, signs nothing; the right one signs.
    @Test func theConfirmationBindsTheFilesBytes() throws {
        let a = try Self.attack()
        let digest = try a.fx.sha256("new-credentials.json")
        let wrong = try a.fx.sign(Self.base + Self.allow + ["--accept-new-credentials", String(repeating: "0", count: 64)])
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("is not the SHA-256 of new-credentials.json as read here; nothing was signed"))
        #expect(!wrong.stderr.contains(digest), "the refusal must not hand over the digest")
        #expect(!a.fx.dir.exists("body.json"))
        let right = try a.fx.sign(Self.base + Self.allow + ["--accept-new-credentials", digest.uppercased()])
        #expect(right.status == 0, "\(right.stderr)")
        #expect(a.fx.dir.exists("body.json"))
    }

    /// On a terminal the person types the kit tag after the review; a wrong
    /// answer (or just Enter) signs nothing, the tag signs.
    /// (A tag typed in the wrong case is refused, and says why: finding 10.)
    @Test(arguments: [("", 2), ("yes", 2), ("KIT-TAG", 0), ("kit-tag-lower", 2)])
    func onATerminalTheKitTagConfirms(typed: String, status: Int32) throws {
        let a = try Self.attack()
        let tag = String(a.fx.kit.credentialId.prefix(8))
        let swapped = String(tag.map { $0.isUppercase ? Character($0.lowercased()) : Character($0.uppercased()) })
        let answer = typed == "KIT-TAG" ? tag : typed == "kit-tag-lower" ? swapped : typed
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/pty-drive.py").path
        let result = try ToolRunner.external("python3", [script, "--expect", "type the kit tag", "--send", answer, "--",
                                                         ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path]
                                                        + Self.base + Self.allow, currentDirectory: a.fx.dir.url)
        #expect(result.status == status, "\(result.stdout)")
        #expect(result.stdout.contains("type the kit tag printed on your paper kit (8 characters, on both halves), or press Enter to stop: "))
        // Issue 20, finding 1: nothing before the answer shows the tag.
        let beforeAnswer = result.stdout.components(separatedBy: "or press Enter to stop: ").first ?? ""
        #expect(!beforeAnswer.contains(tag), "\(beforeAnswer)")
        #expect(result.stdout.contains("attestation format none"))
        #expect(a.fx.dir.exists("body.json") == (status == 0))
        if status != 0 {
            #expect(result.stdout.contains("not confirmed (that is not the kit tag on the paper kit)"))
            #expect(!result.stdout.replacingOccurrences(of: answer, with: "").contains(tag))
        }
    }

    /// Credentials rkit makes itself need no confirmation.
    @Test func newKeyAndNewKitNeedNoConfirmation() throws {
        let fx = try SignFixture()
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"])
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// Untrusted text in the review is escaped: a credential ID with ESC
    /// and a bidi override reaches stderr only as \u{1B} and \u{202E}.
    @Test func reviewEscapesUntrustedText() throws {
        let fx = try SignFixture()
        try fx.dir.write("bad.json", #"{"credentialKind":"Fido2\u001b[2K","credentialInfo":{"credId":"x\u001b[1A\u202eevil","clientData":"","attestationData":""}}"#)
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-credentials", "bad.json", "--out", "body.json"])
        #expect(result.status == 4, "\(result.stderr)")
        #expect(!result.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(result.stderr.contains(#"credential ID  x\u{1B}[1A\u{202E}evil"#), "\(result.stderr)")
        #expect(result.stderr.contains(#"firstFactorCredential: Fido2\u{1B}[2K, from bad.json"#), "\(result.stderr)")
        #expect(!fx.dir.exists("body.json"))
    }
}
