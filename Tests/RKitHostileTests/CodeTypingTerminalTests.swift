import Foundation
import RKitTestSupport
import RecoveryKitCore
import Testing

/// A person typing the recovery code at rkit-sign's prompt on a real
/// pseudo-terminal (Tests/Hostile/pty-drive.py): a mistake asks again
/// instead of ending the run (issue 11, "Typing the code"), the new key's
/// passphrase comes first, and the code leaves no copy in the process's
/// memory (issue 13, finding 7: pty-drive.py --measure-at).
@Suite(.serialized) struct CodeTypingTerminalTests {
    static let inputs = HostileInputs.committed.path
    static let good = "D1-HQSTLE-ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ23"
    static let wrong = "D1-HQSTLE-ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ24"
    static let credentialId = "hSI_WMtDP_BiR5VmcfBF1_g0Rip7eRTq7CnPZRgv2B4"

    struct Dialog {
        let status: Int32
        let transcript: String
        /// The --count numbers, when the memory was measured.
        var counts: [Int]? {
            guard let line = transcript.split(separator: "\n").last, line.hasPrefix("pty-drive: counts ") else { return nil }
            return line.dropFirst("pty-drive: counts ".count).split(separator: " ").compactMap { Int($0) }
        }
    }

    static func sign(_ out: TemporaryDirectory, extra: [String] = []) -> [String] {
        [ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path,
         "--kit", "\(inputs)/kits/kit.json", "--challenge", "\(inputs)/challenges/challenge.json",
         "--origin", "https://app.example.com", "--new-key", out.file("new-key.pem"), "--out", out.file("body.json")]
            + (extra.contains("--encrypt-new-key") ? [] : ["--plain-new-key"]) + extra
    }

    /// A person at the terminal (Tests/Hostile/pty-drive.py).
    static func dialog(_ steps: [(expect: String, send: String)], _ command: [String], measureAt: String? = nil,
                       count: [String] = []) throws -> Dialog {
        var arguments = ["\(ToolRunner.repositoryRoot.path)/Tests/Hostile/pty-drive.py"]
        for step in steps { arguments += ["--expect", step.expect, "--send", step.send] }
        if let measureAt { arguments += ["--measure-at", measureAt] + count.flatMap { ["--count", $0] } }
        let result = try ToolRunner.external("python3", arguments + ["--"] + command)
        return Dialog(status: result.status, transcript: result.stdout + result.stderr)
    }

    /// The code with its check letters as the text kit prints them: "HQSTLE [X]   ABCDE [Y] …".
    static var bracketed: String {
        let code = try! RecoveryCode(parsing: good)
        return zip(code.revealGroups(), code.checkCharacters).map { "\($0) [\($1)]" }.joined(separator: "   ")
    }

    @Test func aTypoIsAskedAgainNotTheEndOfTheRun() throws {
        let out = try TemporaryDirectory()
        let result = try Self.dialog([("ecovery code", String(Self.good.dropLast())), ("try 2 of 3", Self.good)], Self.sign(out))
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        #expect(result.transcript.contains("group 6 of the recovery code has 5 symbols"))
        #expect(result.transcript.contains("type it again"))
        #expect(out.listing() == ["body.json", "new-key.pem"])
    }

    /// A wrong code (one symbol off) typed without check letters gets the
    /// hint to type them; typed again in the kit's bracket form, it signs.
    @Test func aWrongCodeGetsTheCheckLetterHintAndTheBracketFormWorks() throws {
        let out = try TemporaryDirectory()
        let result = try Self.dialog([("ecovery code", Self.wrong), ("try 2 of 3", "DI " + Self.bracketed)], Self.sign(out))
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        #expect(result.transcript.contains("the envelope did not open"))
        #expect(result.transcript.contains("type the check letters too"))
        #expect(!result.transcript.contains(Self.wrong) && !result.transcript.contains(Self.good))
        #expect(out.listing() == ["body.json", "new-key.pem"])
    }

    /// With the check letters typed, the mistyped group is named before any
    /// key derivation, and asked again.
    @Test func aMistypedGroupWithCheckLettersIsNamed() throws {
        let out = try TemporaryDirectory()
        let typo = Self.bracketed.replacingOccurrences(of: "FGHJK", with: "FGHJL")
        let result = try Self.dialog([("ecovery code", typo), ("try 2 of 3", Self.good)], Self.sign(out))
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        #expect(result.transcript.contains("group 3 of the recovery code does not match its check letter"))
    }

    /// Ctrl-D at the code prompt stops the run without using a try
    /// (finding 11): exit 8, one line, nothing written, no "try 2 of 3".
    @Test func ctrlDAtThePromptStopsWithoutUsingATry() throws {
        let out = try TemporaryDirectory()
        let result = try Self.dialog([("ecovery code", "\u{04}")], Self.sign(out))
        #expect(result.status == 8, Comment(rawValue: result.transcript))
        #expect(result.transcript.contains("stopped at the recovery code prompt (Ctrl-D); no try was used and nothing was written"))
        #expect(!result.transcript.contains("try 2 of 3"))
        #expect(out.listing().isEmpty)
    }

    @Test func threeWrongCodesEndTheRunWithNothingWritten() throws {
        let out = try TemporaryDirectory()
        let result = try Self.dialog([("ecovery code", Self.wrong), ("try 2 of 3", Self.wrong), ("try 3 of 3", Self.wrong)],
                                     Self.sign(out))
        #expect(result.status == 5, Comment(rawValue: result.transcript))
        #expect(!result.transcript.contains("try 4"))
        #expect(out.listing().isEmpty)
    }

    /// The new key's passphrase is asked before the code, so the long code
    /// is not typed for a run that then stops at the passphrase: too short
    /// and mismatched passphrases are asked again, three times in all.
    @Test func passphraseBeforeTheCode() throws {
        let out = try TemporaryDirectory()
        let result = try Self.dialog([("Passphrase for the new key", "short"),
                                      ("Passphrase for the new key", "a long pass one"), ("Same passphrase again", "a long pass two"),
                                      ("Passphrase for the new key", "a long pass one"), ("Same passphrase again", "a long pass three")],
                                     Self.sign(out, extra: ["--encrypt-new-key"]))
        #expect(result.status == 4, Comment(rawValue: result.transcript))
        #expect(result.transcript.contains("the passphrase is shorter than 12 characters; type a longer one"))
        #expect(result.transcript.contains("the two passphrases differ; type them again"))
        #expect(result.transcript.contains("the two passphrases differ; nothing was signed"))
        #expect(!result.transcript.contains("ecovery code"))
        #expect(out.listing().isEmpty)
    }

    /// Copies of the code in memory (issue 13, finding 7): read from
    /// /proc/PID/mem while rkit-sign waits at a prompt. Before: at the
    /// passphrase prompt 2 full copies and 8–9 of the first group. Now none,
    /// at the retry prompt after a wrong code was parsed and used, and at
    /// the QR frames' animation after signing. The credential ID is the control that
    /// the memory was read at all.
    @Test(arguments: [("try 2 of 3", wrong, [String]()), ("keys: space pause", "d1 hqstle abcde fghjk lmnpq rstuv wxyz23", ["--qr", "--qr-part-bytes", "100"])])
    func noCopyOfTheCodeStaysInMemory(_ point: (measureAt: String, typed: String, extra: [String])) throws {
        let out = try TemporaryDirectory()
        var command = Self.sign(out, extra: point.extra)
        if !point.extra.isEmpty { command.removeLast(2) }  // --qr shows the body instead of --out
        let canonical = try RecoveryCode(parsing: point.typed).revealCanonicalText()
        let result = try Self.dialog([("ecovery code", point.typed)], command, measureAt: point.measureAt,
                                     count: [canonical, String(canonical.dropFirst(3).prefix(6)), point.typed, Self.credentialId])
        let counts = result.counts ?? []
        #expect(counts.count == 4, Comment(rawValue: result.transcript))
        guard counts.count == 4 else { return }
        #expect(counts[0] == 0, "full copies of the canonical code")
        #expect(counts[1] == 0, "copies of its first group")
        #expect(counts[2] == 0, "copies of the typed text")
        #expect(counts[3] > 0, "the control: the credential ID must be found in the memory read")
    }

    /// The NEW kit's code (issue 20, finding 6): rkit-sign --new-kit makes
    /// a code and renders the paper (kit.txt, kit.pdf) holding it; at the
    /// QR prompt after signing, no copy of that code (read back from the
    /// written kit.txt) nor of its first group stays in the process's
    /// memory. Before: 6-7 full copies and 11-13 of the first group.
    @Test func noCopyOfTheNewKitsCodeStaysInMemory() throws {
        let out = try TemporaryDirectory()
        var command = Self.sign(out)
        if let at = command.firstIndex(of: "--out") { command.removeSubrange(at...at + 1) }  // --qr shows the body instead of --out
        command += ["--new-kit", out.file("new-kit"), "--org-id", "or-hostile-0001", "--qr", "--qr-part-bytes", "100"]
        var arguments = ["\(ToolRunner.repositoryRoot.path)/Tests/Hostile/pty-drive.py", "--expect", "ecovery code", "--send", Self.good,
                         "--measure-at", "keys: space pause", "--count", Self.credentialId, "--count-code-in", out.file("new-kit/kit.txt")]
        arguments += ["--"] + command
        let result = try ToolRunner.external("python3", arguments)
        let transcript = result.stdout + result.stderr
        let counts = Dialog(status: result.status, transcript: transcript).counts ?? []
        #expect(counts.count == 3, Comment(rawValue: transcript))
        guard counts.count == 3 else { return }
        #expect(counts[0] > 0, "the control: the credential ID must be found in the memory read")
        // The paper's text is wiped where it is held (SecretBytes) and freed
        // heap is overwritten by glibc's allocator (M_PERTURB, tcache scrub in
        // CProcessShims). Under AddressSanitizer the allocator is ASan's, which
        // neither honours those nor returns freed chunks (its quarantine): the
        // copies it keeps are counted there, so there this is a known issue;
        // the normal build (`make unit`) asserts 0.
        let sanitized = ToolRunner.productsDirectory.path.contains(".build-asan")
        withKnownIssue("glibc's free-time perturbation does not apply under AddressSanitizer's allocator", isIntermittent: true) {
            #expect(counts[1] == 0, "full copies of the new kit's code")
            #expect(counts[2] == 0, "copies of its first group")
        } when: { sanitized }
    }

    /// Where the system refuses to lock the code's pages (no CAP_IPC_LOCK,
    /// RLIMIT_MEMLOCK 0), the run works and says so once.
    @Test func unlockableMemoryGivesOneNote() throws {
        let out = try TemporaryDirectory()
        let result = try ToolRunner.external("prlimit", ["--memlock=0:0", try ToolRunner.locate("setpriv"),
                                                         "--bounding-set=-ipc_lock", "--inh-caps=-ipc_lock", "--"]
                                             + Self.sign(out, extra: ["--code-file", "\(Self.inputs)/codes/good.txt"]))
        #expect(result.status == 0, Comment(rawValue: result.stderr))
        // AddressSanitizer (Tests/ASan/run.sh builds into .build-asan)
        // intercepts mlock as a no-op that succeeds: no note can come.
        let sanitized = ToolRunner.productsDirectory.path.contains(".build-asan")
        withKnownIssue("mlock is a no-op under AddressSanitizer", isIntermittent: true) {
            #expect(result.stderr.components(separatedBy: "could not be locked in memory").count == 2, Comment(rawValue: result.stderr))
        } when: { sanitized }
        // With the usual limits (root here, or a limit above a page), no note.
        let other = try TemporaryDirectory()
        let command = Self.sign(other, extra: ["--code-file", "\(Self.inputs)/codes/good.txt"])
        let normal = try ToolRunner.run(command[0], Array(command.dropFirst()))
        #expect(normal.status == 0 && !normal.stderr.contains("could not be locked"), Comment(rawValue: normal.stderr))
    }
}
