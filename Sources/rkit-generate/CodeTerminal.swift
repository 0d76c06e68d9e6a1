import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Where `--show-code` shows the code: the controlling terminal itself,
/// so the code reaches the person's screen but never a pipe, a log file
/// or the --json output. Opened before the kit is made, so "no terminal"
/// fails before anything is written.
struct CodeTerminal {
    let fd: Int32

    static func open() throws -> CodeTerminal {
        let fd = Glibc.open("/dev/tty", O_WRONLY | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else {
            throw CLIFailure(.interrupted, "--show-code needs a terminal to show the code on, and there is none; use --code-out FILE instead")
        }
        return CodeTerminal(fd: fd)
    }

    func show(_ code: RecoveryCode) {
        let groups = zip(code.revealGroups(), code.checkCharacters).map { "\($0) [\($1)]" }.joined(separator: "  ")
        var text = Array("""

            Recovery code (write it down or check it against the paper, then clear the screen):

                \(code.revealCanonicalText())

            With check letters (optional to type): \(groups)


            """.utf8)
        _ = text.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        for i in text.indices { text[i] = 0 }
        close(fd)
    }
}
