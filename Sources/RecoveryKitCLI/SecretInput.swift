import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a recovery code (or a passphrase) without it ever being in argv:
/// from `--code-file PATH`, from stdin with `--code-file -`, or from the
/// terminal with echo turned off (restored on every exit path, Ctrl-C
/// included). The bytes read are wiped after parsing.
public enum SecretInput {
    /// The recovery code from `codeFile` (`-`: standard input) or, when nil,
    /// typed on the terminal after `prompt` with echo off.
    public static func readCode(codeFile: String?, prompt: String = "Recovery code: ") throws -> RecoveryCode {
        var bytes = try readSecret(file: codeFile, prompt: prompt, what: "recovery code")
        defer { cleanse(&bytes) }
        // First line only: a code file may end with a newline.
        let line = bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        guard let text = String(validating: line, as: UTF8.self) else {
            throw CLIFailure(.malformedInput, "the recovery code is not UTF-8 text")
        }
        return try RecoveryCode(parsing: text)
    }

    /// A secret as bytes (first line, without the newline), e.g. a
    /// passphrase. The caller wipes them.
    public static func readSecret(file: String?, prompt: String, what: String) throws -> [UInt8] {
        if let file {
            return try InputFile.read(file, what: what, limit: 4096)
        }
        return try readFromTerminal(prompt: prompt, what: what)
    }

    /// The settings to restore from the signal handler. On the heap, not a
    /// Swift global: AddressSanitizer saw the global `termios` registered
    /// with 57 bytes while tcgetattr-sized copies write 60.
    nonisolated(unsafe) static let savedTerminal = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static var terminalFD: Int32 = -1

    static func readFromTerminal(prompt: String, what: String) throws -> [UInt8] {
        let fd = open("/dev/tty", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else {
            throw CLIFailure(.interrupted, "no terminal to ask for the \(what); use --code-file FILE, or --code-file - to read it from standard input")
        }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else {
            throw CLIFailure(.interrupted, "cannot turn off echo on this terminal; use --code-file FILE instead")
        }
        savedTerminal.pointee = original
        terminalFD = fd
        let restoreAndExit: @convention(c) (Int32) -> Void = { signal in
            _ = tcsetattr(SecretInput.terminalFD, TCSAFLUSH, SecretInput.savedTerminal)
            _ = Glibc.write(SecretInput.terminalFD, "\n", 1)
            _exit(ExitStatus.interrupted.rawValue)
        }
        let previousInt = signal(SIGINT, restoreAndExit)
        let previousTerm = signal(SIGTERM, restoreAndExit)
        let previousHup = signal(SIGHUP, restoreAndExit)
        let previousQuit = signal(SIGQUIT, restoreAndExit)
        // Ctrl-Z would stop us with echo off, and the shell's own terminal
        // settings would then echo the rest of the code after `fg`.
        let previousStop = signal(SIGTSTP, SIG_IGN)
        // A parent may have started us with these signals blocked (Swift's
        // Process does): Ctrl-C would then do nothing at the prompt.
        var interrupts = sigset_t()
        var previousMask = sigset_t()
        sigemptyset(&interrupts)
        for number in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { sigaddset(&interrupts, number) }
        pthread_sigmask(SIG_UNBLOCK, &interrupts, &previousMask)
        defer {
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
            var saved = original
            _ = tcsetattr(fd, TCSAFLUSH, &saved)
            signal(SIGINT, previousInt)
            signal(SIGTERM, previousTerm)
            signal(SIGHUP, previousHup)
            signal(SIGQUIT, previousQuit)
            signal(SIGTSTP, previousStop)
        }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        silent.c_lflag |= tcflag_t(ICANON)
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else {
            throw CLIFailure(.interrupted, "cannot turn off echo on this terminal; use --code-file FILE instead")
        }
        _ = prompt.withCString { Glibc.write(fd, $0, strlen($0)) }
        // Room for the longest accepted line up front: a growing array
        // would leave unwiped copies of the code in freed memory.
        var line: [UInt8] = []
        line.reserveCapacity(4097)
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            line.append(byte)
            if line.count > 4096 { break }
        }
        byte = 0
        _ = Glibc.write(fd, "\n", 1)
        if line.isEmpty { throw CLIFailure(.malformedInput, "no \(what) was typed") }
        return line
    }
}
