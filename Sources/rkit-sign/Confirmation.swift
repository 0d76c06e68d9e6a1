import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// Credentials rkit did not make (`--new-credentials`) are signed only
/// when the person confirms them after the review: on a terminal by typing
/// the kit tag (printed on both halves of the paper kit, so confirming
/// needs the paper, not a reflex "y"), without one by
/// `--accept-new-credentials SHA256` naming exactly the file's bytes. No
/// blanket yes: a script confirms the one file it produced.
enum Confirmation {
    static func sha256Hex(_ bytes: [UInt8]) -> String { Hex.encode(SHA256Digest.hash(bytes)) }

    static func confirm(file: String, bytes: [UInt8], accepted: String?, credentialId: String) throws {
        let digest = sha256Hex(bytes)
        if let accepted {
            let given = accepted.trimmingWhitespace().lowercased()
            guard given.utf8.elementsEqual(digest.utf8) else {
                throw CLIFailure.usage("--accept-new-credentials \(TerminalText.sanitize(accepted, maxLength: 70)) is not the SHA-256 of \(file) (\(digest)); nothing was signed")
            }
            return
        }
        let tag = PrintableKit.kitTag(credentialId: credentialId)
        guard isatty(0) == 1, let typed = try readLine(prompt: "To sign the credentials from \(file) shown above, type the kit tag printed on your paper kit (\(tag), upper and lower case as printed), or press Enter to stop: ") else {
            throw CLIFailure.usage("the credentials in \(file) need confirming: run on a terminal and type the kit tag, or give --accept-new-credentials \(digest) (the file's SHA-256); nothing was signed")
        }
        guard typed.utf8.elementsEqual(tag.utf8) else {
            // The tag is the start of a base64url ID: its case matters (finding 10).
            let caseOnly = typed.lowercased() == tag.lowercased()
            throw CLIFailure.usage("not confirmed (the kit tag is \(tag)\(caseOnly ? ", with upper and lower case as printed" : "")): the credentials in \(file) were not signed; nothing was written")
        }
    }

    /// One line typed on the controlling terminal (echo on), or nil when
    /// there is none.
    static func readLine(prompt: String) throws -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < 256 {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            line.append(byte)
        }
        return String(decoding: line, as: UTF8.self).trimmingWhitespace()
    }
}
