import CProcessShims
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
        try readCode(codeFile: codeFile, tries: 1, prompt: prompt) { $0 }
    }

    /// The recovery code and what `open` makes of it (e.g. the opened
    /// envelope). On a terminal a mistake does not end the run: a code that
    /// does not parse, or that `open` finds wrong (`.wrongSecret`: the
    /// envelope did not open), is asked again, `tries` times in all; a
    /// wrong code typed without check letters gets the hint to type them.
    /// From a file, one try. The typed bytes are read into locked, wiped
    /// memory and parsed there (`RecoveryCode(parsingUTF8:)`): no Swift
    /// `String` of the code is made.
    public static func readCode<T>(codeFile: String?, tries: Int, prompt: String = "Recovery code: ",
                                   open: (RecoveryCode) throws -> T) throws -> T {
        if let codeFile {
            var bytes = try InputFile.read(codeFile, what: "recovery code", limit: 4096)
            defer { cleanse(&bytes) }
            if bytes.withUnsafeBytes({ ShareInput.looksLikeShare($0) }) {
                throw CLIFailure.usage("\(codeFile == "-" ? "standard input" : codeFile) holds share words, not a recovery code: give each share with --share-file FILE")
            }
            let code = try bytes.withUnsafeBytes { try parseFirstLine($0) }
            noteUnlockedMemory()
            do { return try open(code) } catch {
                // The same hint as on a terminal (finding 7).
                let failure = CLIFailure.from(error)
                guard failure.status == .wrongSecret else { throw error }
                throw CLIFailure(.wrongSecret, failure.message + RecoveryCode.wrongCodeHint(checkLettersTyped: code.checkLettersTyped))
            }
        }
        var attempt = 1
        while true {
            let last = attempt >= tries
            let shown = attempt == 1 ? prompt : "Recovery code (try \(attempt) of \(tries)): "
            let (buffer, length) = try readLineFromTerminal(prompt: shown, what: "recovery code")
            // Share words typed where the code is asked: the kit's code was
            // split; the others are asked for one by one.
            if buffer.withUnsafeBytes({ ShareInput.looksLikeShare(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }) {
                let code = try ShareInput.typedCode(first: (buffer, length), readLine: ShareInput.terminalLine)
                noteUnlockedMemory()
                return try ShareInput.open(code, open)
            }
            let code: RecoveryCode
            do {
                guard length > 0 else { throw CLIFailure(.malformedInput, "no recovery code was typed") }
                code = try buffer.withUnsafeBytes { try parseFirstLine(UnsafeRawBufferPointer(rebasing: $0[0..<length])) }
            } catch where !last {
                Output.error("\(CommandRunner.toolName): \(CLIFailure.from(error).message); type it again")
                attempt += 1
                continue
            }
            noteUnlockedMemory()
            do {
                return try open(code)
            } catch {
                let failure = CLIFailure.from(error)
                guard failure.status == .wrongSecret else { throw error }
                let hint = RecoveryCode.wrongCodeHint(checkLettersTyped: code.checkLettersTyped)
                if last { throw CLIFailure(.wrongSecret, failure.message + hint) }
                Output.error("\(CommandRunner.toolName): \(failure.message)\(hint); type it again")
                attempt += 1
            }
        }
    }

    /// The first line of `bytes` (a code file may end with a newline).
    static func parseFirstLine(_ bytes: UnsafeRawBufferPointer) throws -> RecoveryCode {
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        do { return try RecoveryCode(parsingUTF8: UnsafeRawBufferPointer(rebasing: bytes[0..<end])) } catch {
            throw CLIFailure.from(error)
        }
    }

    nonisolated(unsafe) static var notedUnlocked = false

    /// One note per run when the code's memory could not be locked.
    static func noteUnlockedMemory() {
        guard SecretBytes.lockFailures > 0, !notedUnlocked else { return }
        notedUnlocked = true
        Output.error("\(CommandRunner.toolName): note: the recovery code could not be locked in memory (the locked-memory limit, ulimit -l, is too low); it may be written to swap if memory runs short")
    }

    /// A secret as bytes (first line, without the newline), e.g. a
    /// passphrase. The caller wipes them.
    public static func readSecret(file: String?, prompt: String, what: String) throws -> [UInt8] {
        if let file {
            return try InputFile.read(file, what: what, limit: 4096)
        }
        let (buffer, length) = try readLineFromTerminal(prompt: prompt, what: what)
        if length == 0 { throw CLIFailure(.malformedInput, "no \(what) was typed") }
        return buffer.withUnsafeBytes { Array($0[0..<length]) }
    }

    /// The settings to restore from the signal handler. On the heap, not a
    /// Swift global: AddressSanitizer saw the global `termios` registered
    /// with 57 bytes while tcgetattr-sized copies write 60.
    nonisolated(unsafe) static let savedTerminal = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) static var terminalFD: Int32 = -1

    /// One line typed on the terminal with echo off, into locked memory
    /// that is wiped when dropped; the line's length (0: nothing typed).
    static func readLineFromTerminal(prompt: String, what: String) throws -> (SecretBytes, Int) {
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
        rkit_terminal_saved(fd, &original)
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
            rkit_terminal_restored()
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
        _ = TerminalText.backstop(prompt).withCString { Glibc.write(fd, $0, strlen($0)) }
        // Room for the longest accepted line, in locked memory wiped when
        // dropped: no growing array leaves copies of the code behind.
        let line = SecretBytes(zeroedCount: 4097)
        var length = 0
        var byte: UInt8 = 0
        while true {
            let n = Glibc.read(fd, &byte, 1)
            if n < 0 && errno == EINTR { continue }
            if n == 0 && length == 0 {
                // Ctrl-D on an empty line: the person stops; that is no try
                // at a code (finding 11).
                _ = Glibc.write(fd, "\n", 1)
                throw CLIFailure(.interrupted, "stopped at the \(what) prompt (Ctrl-D); no try was used and nothing was written")
            }
            if n <= 0 || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            line.withUnsafeMutableBytes { $0[length] = byte }
            length += 1
            if length >= 4097 { break }
        }
        byte = 0
        _ = Glibc.write(fd, "\n", 1)
        return (line, length)
    }
}
