import Foundation
import RKitTestSupport
import Testing

/// No core dump and no same-user debugger (issue 13: `Process.harden`,
/// Sources/CProcessShims): seen from outside while rkit-sign waits at the
/// recovery-code prompt on a real pseudo-terminal
/// (Tests/Hostile/pty-drive.py --as-user --inspect-at).
///
/// The tests run as root, who may read and trace anything, so the tool
/// runs as an unprivileged user (nobody) and is started with core dumps
/// allowed: a limit of 0 is then the tool's own doing, and its
/// non-dumpability shows as the kernel's rules for such a process: its
/// /proc files belong to root, and a process of its own user cannot attach
/// with ptrace (EPERM). The control is the same inspection of a plain
/// `sleep` run the same way, which must look dumpable.
@Suite(.serialized) struct ProcessHardeningTests {
    static let nobody: UInt32 = 65534

    struct Inspection: Equatable, CustomStringConvertible {
        var uid = "", core = "", owner = "", ptrace = ""
        var description: String { "uid=\(uid) core=\(core) owner=\(owner) ptrace=\(ptrace)" }
    }

    /// Runs `command` as nobody on a pty and inspects it when `text` appears.
    static func inspect(at text: String, _ command: [String]) throws -> (Inspection?, String) {
        let result = try ToolRunner.external("python3", ["\(ToolRunner.repositoryRoot.path)/Tests/Hostile/pty-drive.py",
                                                         "--as-user", String(nobody), "--inspect-at", text, "--"] + command)
        let transcript = result.stdout + result.stderr
        guard result.status == 0, let line = transcript.split(separator: "\n").last,
              line.hasPrefix("pty-drive: inspect ") else { return (nil, transcript) }
        var found = Inspection()
        for field in line.dropFirst("pty-drive: inspect ".count).split(separator: " ") {
            let pair = field.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            switch pair[0] {
            case "uid": found.uid = pair[1]
            case "core": found.core = pair[1]
            case "owner": found.owner = pair[1]
            case "ptrace": found.ptrace = pair[1]
            default: break
            }
        }
        return (found, transcript)
    }

    @Test func atTheCodePromptRKitSignIsNotDumpable() throws {
        let folder = try TemporaryDirectory()
        let inputs = HostileInputs.committed.path
        let kit = folder.file("kit.json"), challenge = folder.file("challenge.json")
        try FileManager.default.copyItem(atPath: "\(inputs)/kits/kit.json", toPath: kit)
        try FileManager.default.copyItem(atPath: "\(inputs)/challenges/challenge.json", toPath: challenge)
        for path in [folder.path, kit, challenge] {
            try FileManager.default.setAttributes([.ownerAccountID: Self.nobody, .groupOwnerAccountID: Self.nobody], ofItemAtPath: path)
        }
        let tool = ToolRunner.productsDirectory.appendingPathComponent("rkit-sign").path
        // The kernel also makes a process non-dumpable when its user cannot
        // read the program: that must not be what this test sees.
        let readable = try ToolRunner.external("setpriv", ["--reuid=\(Self.nobody)", "--regid=\(Self.nobody)", "--clear-groups",
                                                           "--", "head", "-c", "4", tool])
        #expect(readable.status == 0 && readable.stdout.hasPrefix("\u{7F}ELF"),
                "nobody must be able to read \(tool): \(readable.stderr)")

        let (seen, transcript) = try Self.inspect(at: "ecovery code", [
            tool, "recover", "--kit", kit, "--challenge", challenge, "--origin", "https://app.example.com",
            "--new-key", folder.file("new-key.pem"), "--plain-new-key", "--out", folder.file("body.json")])
        let found = try #require(seen, Comment(rawValue: transcript))
        #expect(found.uid == String(Self.nobody), "the tool must run as nobody")
        #expect(found.core == "0/0", "Max core file size, soft/hard (started unlimited)")
        #expect(found.owner == "0:0", "/proc/PID files of a non-dumpable process belong to root")
        #expect(found.ptrace == "EPERM", "same-user PTRACE_ATTACH")
        #expect(!FileManager.default.fileExists(atPath: folder.file("body.json")))
    }

    /// The control: a process that did not harden itself, run and inspected
    /// the same way, is seen as dumpable, so the checks above can fail.
    @Test func theControlSleepIsSeenDumpable() throws {
        let (seen, transcript) = try Self.inspect(at: "waiting", ["/bin/sh", "-c", "echo waiting; exec sleep 60"])
        let found = try #require(seen, Comment(rawValue: transcript))
        #expect(found == Inspection(uid: String(Self.nobody), core: "unlimited/unlimited",
                                    owner: "\(Self.nobody):\(Self.nobody)", ptrace: "attached"))
    }
}
