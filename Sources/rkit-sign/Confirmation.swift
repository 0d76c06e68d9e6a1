import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// Credentials rkit did not make (`--new-credentials`) are signed only
/// when the person confirms them after the review: on a terminal by typing
/// the kit tag printed on the paper kit (never shown by rkit-sign when it
/// asks, so confirming needs the paper, not a reflex), without one by
/// `--accept-new-credentials SHA256` naming exactly the file's bytes (the
/// refusal names the option, never the digest to paste: issue 20,
/// finding 1). No blanket yes: a script confirms the one file it produced.
/// Every path shown goes through the terminal sanitizer (finding 2).
enum Confirmation {
    static func sha256Hex(_ bytes: [UInt8]) -> String { Hex.encode(SHA256Digest.hash(bytes)) }

    static func confirm(file: String, bytes: [UInt8], accepted: String?, credentialId: String) throws {
        let shownFile = TerminalText.sanitize(file, maxLength: 200)
        if let accepted {
            let given = accepted.trimmingWhitespace().lowercased()
            guard given.utf8.elementsEqual(sha256Hex(bytes).utf8) else {
                throw CLIFailure.usage("--accept-new-credentials \(TerminalText.sanitize(accepted, maxLength: 70)) is not the SHA-256 of \(shownFile) as read here; nothing was signed")
            }
            return
        }
        let tag = PrintableKit.kitTag(credentialId: credentialId)
        guard isatty(0) == 1, let typed = try readLine(prompt: "To sign the credentials from \(shownFile) shown above, type the kit tag printed on your paper kit (8 characters, on both halves), or press Enter to stop: ") else {
            throw CLIFailure.usage("the credentials in \(shownFile) need confirming: run on a terminal and type the kit tag from your paper kit, or give --accept-new-credentials with the SHA-256 of the file you made (sha256sum on this machine); nothing was signed")
        }
        guard typed.utf8.elementsEqual(tag.utf8) else {
            throw CLIFailure.usage("not confirmed (that is not the kit tag on the paper kit): the credentials in \(shownFile) were not signed; nothing was written")
        }
    }

    /// One line typed on the controlling terminal (echo on), or nil when
    /// there is none.
    static func readLine(prompt: String) throws -> String? {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        // The prompt quotes a path: through the one sanitizer, as every line is.
        _ = TerminalText.backstop(prompt).withCString { Glibc.write(fd, $0, strlen($0)) }
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
