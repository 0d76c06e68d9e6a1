import Foundation
import RKitTestSupport
import Testing

/// Issue 20, finding 5: `make dist MINISIGN_KEY=…` signs SHA256SUMS
/// (Scripts/sign-sums.sh, called by Scripts/dist.sh). With a throwaway
/// key: the signature verifies with minisign and its public key, names the
/// comment given, and fails once SHA256SUMS changes or under another key.
@Suite struct ReleaseSigningTests {
    @Test func signedChecksumsVerifyAndAChangeIsRefused() throws {
        let directory = try TemporaryDirectory()
        let keys = try ToolRunner.external("minisign", ["-G", "-W", "-p", directory.file("rkit.pub"), "-s", directory.file("rkit.key")])
        #expect(keys.status == 0, "\(keys.stderr)")
        let sums = try directory.write("SHA256SUMS", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  rkit-0.1.0-linux-x86_64.tar.gz\n")
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Scripts/sign-sums.sh").path
        let signed = try ToolRunner.external("bash", [script, sums, directory.file("rkit.key"), "rkit 0.1.0 linux-x86_64 commit abc"])
        #expect(signed.status == 0, "\(signed.stdout)\(signed.stderr)")
        #expect(directory.exists("SHA256SUMS.minisig"))

        let verified = try ToolRunner.external("minisign", ["-V", "-p", directory.file("rkit.pub"), "-m", sums])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("Trusted comment: rkit 0.1.0 linux-x86_64 commit abc"), "\(verified.stdout)")

        // Another key's public key does not verify it.
        _ = try ToolRunner.external("minisign", ["-G", "-W", "-p", directory.file("other.pub"), "-s", directory.file("other.key")])
        let otherKey = try ToolRunner.external("minisign", ["-V", "-p", directory.file("other.pub"), "-m", sums])
        #expect(otherKey.status != 0)

        // One changed byte of SHA256SUMS: refused.
        _ = try directory.write("SHA256SUMS", "8f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08  rkit-0.1.0-linux-x86_64.tar.gz\n")
        let changed = try ToolRunner.external("minisign", ["-V", "-p", directory.file("rkit.pub"), "-m", sums])
        #expect(changed.status != 0)
        #expect((changed.stdout + changed.stderr).contains("Signature verification failed"))
    }

    /// Without a key the script refuses with one line, and writes nothing.
    @Test func aMissingKeyIsOneLine() throws {
        let directory = try TemporaryDirectory()
        let sums = try directory.write("SHA256SUMS", "x\n")
        let script = ToolRunner.repositoryRoot.appendingPathComponent("Scripts/sign-sums.sh").path
        let result = try ToolRunner.external("bash", [script, sums, directory.file("none.key")])
        #expect(result.status == 1)
        #expect(result.stderr == "Scripts/sign-sums.sh: the minisign secret key \(directory.file("none.key")) does not exist\n")
        #expect(!directory.exists("SHA256SUMS.minisig"))
    }
}
