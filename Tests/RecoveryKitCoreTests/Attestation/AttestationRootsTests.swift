import Foundation
import RKitTestSupport
import Testing
@testable import RecoveryKitCore

/// The vendor roots rkit ships (Sources/RecoveryKitCore/Attestation/Roots):
/// each PEM is the certificate its entry names, checked by the `openssl`
/// command (an independent reader): subject and SHA-256 fingerprint.
@Suite struct AttestationRootsTests {
    @Test func everyShippedRootIsTheCertificateItsEntryNames() throws {
        #expect(AttestationRoots.shipped.count == 3)
        let directory = try TemporaryDirectory()
        for root in AttestationRoots.shipped {
            let der = PEM.decodeCertificate(root.pem)
            #expect(Hex.encode(SHA256Digest.hash(der)) == root.sha256, "\(root.name)")
            let file = try directory.write("root.pem", root.pem + "\n")
            let shown = try ToolRunner.external("openssl", ["x509", "-in", file, "-noout", "-subject", "-fingerprint", "-sha256", "-nameopt", "RFC2253"])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("subject=CN=\(root.name)\n"), "\(shown.stdout)")
            let fingerprint = root.sha256.uppercased().enumerated().map { $0.offset > 0 && $0.offset % 2 == 0 ? ":\($0.element)" : "\($0.element)" }.joined()
            #expect(shown.stdout.contains("Fingerprint=\(fingerprint)"), "\(shown.stdout)")
        }
    }

    /// X509Chain against itself: a root validates to itself, a leaf of
    /// another vendor's root does not validate to a Yubico root.
    @Test func chainValidationNeedsTheRightRoot() throws {
        let real = try WebAuthnAttestationTests.credential("packed-yubikey-5ci-real")
        let chain = try #require(real.attestationObject.statement["x5c"]?.arrayValue).compactMap(\.bytesValue)
        #expect(AttestationRoots.root(of: chain)?.name == "Yubico U2F Root CA Serial 457200631")
        let other = AttestationRoots.certificates.filter { $0.root.name != "Yubico U2F Root CA Serial 457200631" }
        #expect(other.count == 2)
        for root in other { #expect(!X509Chain.validates(leaf: chain[0], intermediates: [], root: root.der)) }
        #expect(AttestationRoots.root(of: []) == nil)
        #expect(AttestationRoots.root(of: [[0x30, 0x00]]) == nil)
    }
}
