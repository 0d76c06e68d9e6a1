import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Every document input of every tool (the one reader, DocumentReader)
/// takes BBQr frames in any order, repeated, bare or as zbar prints them,
/// in one file, over several files or on standard input: the kit (kit.json
/// and kit-qr.txt), the recovery challenge, the registration challenge,
/// the body, --new-credentials and --public-key; a missing frame is named
/// before anything is asked or written.
@Suite struct FramedInputsTests {
    /// `name` as the frames a camera would give: split small (several
    /// frames), shuffled, one repeated, every other with zbar's prefix.
    static func frames(of bytes: [UInt8]) throws -> [String] {
        let frames = try BBQr.split(bytes: bytes, perFrame: 96)
        #expect(frames.count >= 2)
        let shuffled = frames.enumerated().sorted { ($0.offset * 7) % frames.count < ($1.offset * 7) % frames.count }.map(\.element).reversed()
        return shuffled + [frames[0]]
    }

    static func write(_ fx: SignFixture, _ name: String, as framed: String, dropping: Int? = nil) throws {
        var frames = try frames(of: Array(try Data(contentsOf: fx.dir.url.appendingPathComponent(name))))
        if let dropping { frames.removeAll { BBQr.base36Value(ArraySlice(Array($0.utf8)[6..<8])) == dropping } }
        try fx.dir.write(framed, frames.enumerated().map { ($0.offset % 2 == 0 ? "QR-Code:" : "") + $0.element }.joined(separator: "\n") + "\n")
    }

    func run(_ fx: SignFixture, _ tool: String, _ arguments: [String], stdin: String? = nil) throws -> ToolResult {
        try ToolRunner.rkit(tool, arguments, stdin: stdin, currentDirectory: fx.dir.url, environment: ["DFNS_APP_ID": "ap-test"])
    }

    @Test func recoverReadsKitChallengeAndNewCredentialsAsFrames() throws {
        let fx = try SignFixture()
        for name in ["kit.json", "kit-qr.txt", "challenge.json"] { try Self.write(fx, name, as: name + ".frames") }
        // The challenge's frames over a file and standard input.
        let challengeFrames = try fx.dir.read("challenge.json.frames").split(separator: "\n")
        try fx.dir.write("ch-a.txt", challengeFrames.prefix(2).joined(separator: "\n"))
        for kit in ["kit.json.frames", "kit-qr.txt.frames"] {
            let signed = try fx.sign(["recover", "--kit", kit, "--challenge", "ch-a.txt", "--challenge", "-", "--code-file", "code.txt",
                                      "--new-key", "k-\(kit).pem", "--plain-new-key", "--out", "b-\(kit).json"],
                                     stdin: challengeFrames.dropFirst(2).joined(separator: "\n") + "\n")
            #expect(signed.status == 0, "\(kit): \(signed.stderr)")
            _ = try SignFixture.coreVerify(body: try fx.dir.read("b-\(kit).json"), publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))
        }
        // --new-credentials as frames: confirmed by the SHA-256 of the file the frames carry.
        let passkey = JSONText.stringify(SyntheticPasskey.make(challenge: SignFixture.recoveryChallenge, origin: SignFixture.origin,
                                                               rpId: "app.example.com"))
        try fx.dir.write("passkey.json", passkey + "\n")
        try Self.write(fx, "passkey.json", as: "passkey.frames")
        let withPasskey = try fx.sign(["recover", "--kit", "kit.json.frames", "--challenge", "challenge.json.frames", "--code-file", "code.txt",
                                       "--new-credentials", "passkey.frames", "--accept-new-credentials", try fx.sha256("passkey.json"),
                                       "--allow-unverified-authenticator", "--out", "b-passkey.json"])
        #expect(withPasskey.status == 0, "\(withPasskey.stderr)")
        let request = try SignFixture.coreVerify(body: try fx.dir.read("b-passkey.json"), publicKey: try P256PublicKey(pem: fx.kit.publicKeyPEM!))
        #expect(request.newCredentials["firstFactorCredential"] == (try JSONParser.parse(passkey)))

        // A kit frame missing: named, before the code is read, nothing written.
        try Self.write(fx, "kit.json", as: "kit-missing.frames", dropping: 1)
        let missing = try fx.sign(["recover", "--kit", "kit-missing.frames", "--challenge", "challenge.json", "--new-key", "k-missing.pem", "--plain-new-key",
                                   "--out", "b-missing.json"])
        #expect(missing.status == 4)
        #expect(missing.stderr.contains("missing frame 2 of "), "\(missing.stderr)")
        #expect(!missing.stderr.contains("ecovery code"))
        #expect(!fx.dir.exists("k-missing.pem") && !fx.dir.exists("b-missing.json"))
    }

    @Test func onlineStepsReadKitBodyAndChallengeAsFrames() throws {
        let fx = try SignFixture()
        let signed = try fx.sign(["recover", "--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-key", "k.pem", "--plain-new-key", "--out", "body.json"])
        #expect(signed.status == 0, "\(signed.stderr)")
        for name in ["kit-qr.txt", "challenge.json", "body.json"] { try Self.write(fx, name, as: name + ".frames") }
        let pairs: [([String], [String])] = [
            (["code-request", "--kit", "kit-qr.txt"], ["code-request", "--kit", "kit-qr.txt.frames"]),
            (["init-request", "--kit", "kit-qr.txt", "--verification-code", "482913"],
             ["init-request", "--kit", "kit-qr.txt.frames", "--verification-code", "482913"]),
        ]
        for (plain, framed) in pairs {
            let expected = try run(fx, "rkit-sign", plain), got = try run(fx, "rkit-sign", framed)
            #expect(expected.status == 0 && got.status == 0, "\(framed): \(got.stderr)")
            #expect(got.stdout == expected.stdout, "\(framed[0]) printed something else from frames")
        }
        // curl from frames sends the body itself, inline (not "@body.json.frames", the frames' text).
        let curl = try run(fx, "rkit-sign", ["curl", "--body", "body.json.frames", "--challenge", "challenge.json.frames"])
        #expect(curl.status == 0, "\(curl.stderr)")
        #expect(!curl.stdout.contains("@body.json.frames"))
        let body = try fx.dir.read("body.json").trimmingCharacters(in: .newlines)
        #expect(curl.stdout.hasSuffix("--data-raw '\(body)'\n"), "\(curl.stdout)")
    }

    @Test func registrationAndVerificationReadFrames() throws {
        let fx = try SignFixture()
        let signed = try fx.sign(["recover", "--kit", "kit.json", "--challenge", "challenge.json", "--code-file", "code.txt",
                                  "--new-key", "k.pem", "--plain-new-key", "--out", "body.json"])
        #expect(signed.status == 0, "\(signed.stderr)")
        try fx.dir.write("registration.json", #"{"challenge":"cmVnaXN0cmF0aW9u","rp":{"id":"example.com","name":"Example"}}"#)
        for name in ["kit.json", "kit-qr.txt", "challenge.json", "body.json", "recovery.pem", "registration.json"] {
            try Self.write(fx, name, as: name + ".frames")
        }
        let attest = try run(fx, "rkit-sign", ["attest", "--kit", "kit-qr.txt.frames", "--challenge", "registration.json.frames",
                                               "--code-file", "code.txt", "--out", "attestation.json"])
        #expect(attest.status == 0, "\(attest.stderr)")
        let generate = try run(fx, "rkit-generate", ["--username", "jo@example.com", "--origin", SignFixture.origin,
                                                     "--challenge", "registration.json.frames", "--out", "new-kit",
                                                     "--code-out", "new-code.txt", "--formats", "txt"])
        #expect(generate.status == 0, "\(generate.stderr)")
        #expect(fx.dir.exists("new-kit/attestation.json"))
        let kit = try run(fx, "rkit-verify", ["kit", "kit.json.frames", "--code-file", "code.txt"])
        #expect(kit.status == 0 && kit.stdout.contains("1 passed, 0 failed"), "\(kit.stdout)\(kit.stderr)")
        let request = try run(fx, "rkit-verify", ["request", "body.json.frames", "--kit", "kit-qr.txt.frames",
                                                  "--challenge", "challenge.json.frames", "--code-file", "code.txt"])
        #expect(request.status == 0, "\(request.stdout)\(request.stderr)")
        let byKey = try run(fx, "rkit-verify", ["request", "body.json.frames", "--public-key", "recovery.pem.frames",
                                                "--challenge", "challenge.json.frames"])
        #expect(byKey.status == 0, "\(byKey.stdout)\(byKey.stderr)")
        // The body's frames on standard input.
        let piped = try run(fx, "rkit-verify", ["request", "-", "--kit", "kit.json.frames", "--challenge", "challenge.json"],
                            stdin: try fx.dir.read("body.json.frames"))
        #expect(piped.status == 0, "\(piped.stdout)\(piped.stderr)")
    }

    /// A webcam's frames on standard input (`zbarcam --raw | rkit-sign
    /// recover --challenge -`): zbarcam never closes its output, so the
    /// reader stops once every frame is in.
    @Test func framesFromAnEndlessStreamAreReadUntilComplete() throws {
        let fx = try SignFixture()
        try Self.write(fx, "challenge.json", as: "challenge.frames")
        let process = Process()
        process.executableURL = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign")
        process.arguments = ["recover", "--kit", "kit.json", "--challenge", "-", "--code-file", "code.txt", "--new-key", "k.pem", "--plain-new-key", "--out", "body.json"]
        process.currentDirectoryURL = fx.dir.url
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(try fx.dir.read("challenge.frames").utf8))  // and never closed
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let finished = !process.isRunning
        if !finished { process.terminate() }
        try? input.fileHandleForWriting.close()
        #expect(finished, "rkit-sign kept reading standard input after every frame was in")
        if finished { #expect(process.terminationStatus == 0) }
        #expect(fx.dir.exists("body.json"))
    }
}
