import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Issue 20 (the security team's second review), wired into rkit-sign
/// recover: the kit's signed fields, the sanitizer on every path, secret
/// outputs off removable media, and every combination refused before the
/// code is asked.
@Suite struct SignSecondReviewTests {
    static let base = ["--kit", "kit-qr.txt", "--challenge", "challenge.json", "--code-file", "code.txt",
                       "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"]

    /// The review's edit of the scanned QR text: origin and org changed.
    static func edited(_ fx: SignFixture, stripSignature: Bool) throws {
        var object = try JSONParser.parse(Array(fx.kit.qrText.utf8)).objectValue!
        object["a"] = "https://evil.example.com"
        object["o"] = "or-evil-0666"
        if stripSignature { object["s"] = nil }
        try fx.dir.write("kit-qr.txt", "QR-Code:" + JSONText.stringifyASCII(.object(object)) + "\n")
    }

    /// Finding 4: kit-qr.txt with an edited origin and org is refused once
    /// the envelope opens (the signature no longer verifies), exit 1,
    /// nothing written. The challenge's rp.id is widened so only the
    /// signature can catch the edit.
    @Test func aKitWithAnEditedOriginAndOrgIsRefused() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], rpId: "example.com"))
        try Self.edited(fx, stripSignature: false)
        let before = fx.dir.listing()
        let result = try fx.sign(Self.base)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("is not what its own key signed when it was made: the kit text was changed afterwards"), "\(result.stderr)")
        #expect(fx.dir.listing() == before)
        // The unedited QR text signs.
        try fx.dir.write("kit-qr.txt", fx.kit.qrText + "\n")
        let good = try fx.sign(Self.base)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try RecoveryKit.parse(Array(try fx.dir.read("nk/kit.json").utf8)).origin == SignFixture.origin)
    }

    /// Stripping the signature gains nothing: without a terminal the run
    /// stops before the code is asked and names the options; with
    /// --origin and --org-id (from the paper) it signs those.
    @Test func aKitWithoutItsSignatureNeedsTheFieldsGivenOrConfirmed() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], rpId: "example.com"))
        try Self.edited(fx, stripSignature: true)
        let before = fx.dir.listing()
        let refused = try fx.sign(Self.base.filter { $0 != "--code-file" && $0 != "code.txt" } + ["--code-file", "-"], stdin: "")
        #expect(refused.status == 2, "\(refused.stderr)")
        let last = try #require(refused.stderr.split(separator: "\n").last)
        #expect(last == "rkit-sign: the kit's origin and org ID are not signed: give --origin from your paper kit and --org-id from your paper kit, or run on a terminal to confirm them; nothing was signed")
        #expect(refused.stderr.contains("origin https://evil.example.com, org ID or-evil-0666 are as the machine that scanned it handed them over"))
        #expect(fx.dir.listing() == before)
        let given = try fx.sign(Self.base + ["--origin", SignFixture.origin, "--allow-other-origin", "--org-id", "or-test-1"])
        #expect(given.status == 0, "\(given.stderr)")
        let newKit = try RecoveryKit.parse(Array(try fx.dir.read("nk/kit.json").utf8))
        #expect(newKit.origin == SignFixture.origin && newKit.orgId == "or-test-1")
    }

    /// On a terminal the person types what the paper prints: the host of
    /// the origin and the org ID's last 5 characters. The paper says
    /// app.example.com, the edited kit app.acrne.example: refused, exit 1,
    /// and the code was never asked.
    @Test func onATerminalTheFieldsAreConfirmedAgainstThePaper() throws {
        let fx = try SignFixture()
        try fx.dir.write("challenge.json", SignFixture.challengeJSON(allowed: [(fx.kit.credentialId, fx.kit.envelope.text)], rpId: "example.com"))
        try Self.edited(fx, stripSignature: true)
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/pty-drive.py").path
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path
        let arguments = ["--kit", "kit-qr.txt", "--challenge", "challenge.json", "--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--out", "body.json"]
        let result = try ToolRunner.external("python3", [script, "--expect", "as printed on your paper kit", "--send", "app.example.com", "--", tool] + arguments,
                                             currentDirectory: fx.dir.url)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stdout.contains("Type the host of the origin as printed on your paper kit"))
        #expect(result.stdout.contains("the kit's origin https://evil.example.com is not what your paper kit prints"))
        #expect(!result.stdout.contains("ecovery code"))
        #expect(!fx.dir.exists("body.json"))
    }

    /// Finding 2: a --new-credentials path whose folder name holds
    /// `ESC[H ESC[2J` and a fake review line reaches the terminal only
    /// escaped, in the review, the prompt and the refusal.
    @Test func anEscapeInAFolderNameIsShownEscaped() throws {
        let fx = try SignFixture()
        let folder = "x\u{1B}[H\u{1B}[2Jyour YubiKey 5 (attestation verified)\n✓ all checks passed"
        try FileManager.default.createDirectory(atPath: fx.dir.file(folder), withIntermediateDirectories: false)
        let passkey = SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin)
        try fx.dir.write("\(folder)/passkey.json", JSONText.stringify(passkey))
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/pty-drive.py").path
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path
        let result = try ToolRunner.external("python3", [script, "--expect", "or press Enter to stop", "--send", "", "--", tool,
                                                         "--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                                         "--new-credentials", "\(folder)/passkey.json", "--allow-unverified-authenticator",
                                                         "--out", "body.json"], currentDirectory: fx.dir.url)
        #expect(result.status == 2, "\(result.stdout)")
        #expect(!result.stdout.unicodeScalars.contains { $0.value == 0x1B }, "a raw ESC reached the terminal")
        #expect(result.stdout.contains(#"x\u{1B}[H\u{1B}[2Jyour YubiKey 5"#), "\(result.stdout)")
        #expect(!result.stdout.split(separator: "\n").contains { $0.hasPrefix("✓ all checks passed") }, "\(result.stdout)")
        #expect(!fx.dir.exists("body.json"))
    }

    /// Finding 1 at the signer: the self-made chain whose leaf says
    /// O=Yubico AB, with a YubiKey AAGUID, made for this very challenge, is
    /// not vouched for by any vendor: refused without
    /// --allow-unverified-authenticator, even with the file's SHA-256.
    @Test func aSelfMadeYubicoCertificateIsRefused() throws {
        let fx = try SignFixture()
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/make-webauthn-fixtures.py").path
        let made = try ToolRunner.external("python3", [script, "--fake-yubico-for", SignFixture.recoveryChallenge, SignFixture.origin, "app.example.com"])
        #expect(made.status == 0, "\(made.stderr)")
        try fx.dir.write("yubikey.json", made.stdout)
        let result = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt", "--new-credentials", "yubikey.json",
                                  "--accept-new-credentials", try fx.sha256("yubikey.json"), "--out", "body.json"])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("O=Yubico AB"), "\(result.stderr)")
        #expect(result.stderr.contains("leads to NO root rkit ships: a claim anyone can write"))
        #expect(result.stderr.split(separator: "\n").last?.contains("is tied to no authenticator vendor rkit knows") == true)
        #expect(!fx.dir.exists("body.json"))
    }

    /// Finding 3: secret outputs on a filesystem the kernel reports
    /// removable (a fake sysfs tree, RKIT_SYSFS_ROOT, saying the test
    /// folder's device is a USB stick) are refused before the code is
    /// asked; an encrypted key and the body may go there; with
    /// --allow-removable-output everything is written.
    @Test func secretOutputsAreRefusedOnRemovableMedia() throws {
        let fx = try SignFixture()
        let sys = try TemporaryDirectory()
        var info = stat()
        #expect(stat(fx.dir.path, &info) == 0)
        let dev = UInt64(info.st_dev)
        let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & ~UInt64(0xfff)), minor = (dev & 0xff) | ((dev >> 12) & ~UInt64(0xff))
        let disk = sys.file("devices/pci0000:00/usb1/1-1/block/sdz")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try "1\n".write(toFile: disk + "/removable", atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: sys.file("dev/block"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: sys.file("dev/block/\(major):\(minor)"), withDestinationPath: "../../devices/pci0000:00/usb1/1-1/block/sdz")
        let environment: [String: String?] = ["RKIT_SYSFS_ROOT": sys.path]
        let signBase = ["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt", "--out", "body.json"]

        let paper = try fx.sign(signBase + ["--new-key", "k.pem", "--encrypt-new-key", "--new-kit", "nk"], environment: environment)
        #expect(paper.status == 2, "\(paper.stderr)")
        #expect(paper.stderr.contains("nk is on removable media (sdz): the new kit's paper (it shows the new recovery code) would go back online with it"), "\(paper.stderr)")
        let key = try fx.sign(signBase + ["--new-key", "k.pem", "--plain-new-key"], environment: environment)
        #expect(key.status == 2, "\(key.stderr)")
        #expect(key.stderr.contains("k.pem is on removable media (sdz): the new key (unencrypted)"), "\(key.stderr)")
        #expect(!fx.dir.exists("body.json") && !fx.dir.exists("k.pem") && !fx.dir.exists("nk"))

        let allowed = try fx.sign(signBase + ["--new-key", "k.pem", "--plain-new-key", "--new-kit", "nk", "--allow-removable-output"], environment: environment)
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(fx.dir.exists("nk/kit.txt") && fx.dir.exists("k.pem"))
        // The real sysfs of this machine: the test folder is not removable.
        let real = try fx.sign(signBase.map { $0 == "body.json" ? "body2.json" : $0 } + ["--new-key", "k2.pem", "--plain-new-key"])
        #expect(real.status == 0, "\(real.stderr)")
    }

    /// Finding 11: a slot given and made, or an output folder that does not
    /// exist, is refused before the code is asked (the code comes from
    /// standard input, which is empty: asking for it would fail otherwise).
    @Test func everyCombinationIsCheckedBeforeTheCode() throws {
        let fx = try SignFixture()
        let passkey = SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin)
        try fx.dir.write("passkey.json", JSONText.stringify(passkey))
        let both = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "-", "--new-credentials", "passkey.json",
                                "--new-key", "k.pem", "--plain-new-key", "--out", "body.json"], stdin: "")
        #expect(both.status == 4, "\(both.stderr)")
        #expect(both.stderr.contains("the --new-credentials file already has a firstFactorCredential; give either it or --new-key"), "\(both.stderr)")
        #expect(!both.stderr.contains("recovery code"))
        let nowhere = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "-", "--new-key", "k.pem", "--plain-new-key",
                                   "--out", "no/such/folder/body.json"], stdin: "")
        #expect(nowhere.status == 7, "\(nowhere.stderr)")
        #expect(nowhere.stderr.contains("folder no/such/folder does not exist"), "\(nowhere.stderr)")
        let kitNowhere = try fx.sign(["--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "-", "--new-key", "k.pem", "--plain-new-key",
                                      "--new-kit", "missing/nk", "--out", "body.json"], stdin: "")
        #expect(kitNowhere.status == 7, "\(kitNowhere.stderr)")
        #expect(!fx.dir.exists("body.json") && !fx.dir.exists("k.pem"))
    }
}
