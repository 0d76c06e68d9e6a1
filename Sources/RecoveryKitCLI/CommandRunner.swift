import ArgumentParser
import CProcessShims
import Synchronization
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command the rkit way: parse, run, and turn any error into one
/// line on stderr (`rkit-x: message`) and a status from `ExitStatus`.
/// No stack traces; ArgumentParser's usage errors exit 2, not 64.
public enum CommandRunner {
    /// The running tool's name, for lines printed before it ends.
    public nonisolated(unsafe) static var toolName = "rkit"

    /// The rkit failure a `validate()` threw (ArgumentParser wraps errors
    /// thrown there, dropping their status): set by `CommandRunner.validating`.
    public nonisolated(unsafe) static var validationFailure: CLIFailure?

    /// Runs a command's option rules (its `validate()`): a `CLIFailure`
    /// thrown there keeps its message and exit status.
    public static func validating(_ rules: () throws -> Void) throws {
        do { try rules() } catch let failure as CLIFailure {
            validationFailure = failure
            throw failure
        }
    }

    /// The failure `command`'s option rules raise for `arguments` (its
    /// `validate()`, with rkit's status and message), or nil when they
    /// parse; another parse error becomes an internal-error failure. For
    /// option parsing in-process (the tools' tests): the failure passes
    /// through the process-wide `validationFailure`, so parses that run at
    /// once in several threads are serialized here.
    public static func optionFailure<Command: ParsableCommand>(_ command: Command.Type, _ arguments: [String]) -> CLIFailure? {
        optionParsing.withLock { _ in
            validationFailure = nil
            defer { validationFailure = nil }
            do { _ = try command.parseAsRoot(arguments) } catch {
                return validationFailure ?? CLIFailure(.internalError, "\(error)")
            }
            return nil
        }
    }

    private static let optionParsing = Mutex(())

    /// Parses the process arguments as `command`, runs it and exits; `name`
    /// prefixes every error line (`rkit-sign: …`). `arguments` defaults to
    /// the process's own (rkit-sign passes its old mode flags rewritten).
    public static func main<Command: ParsableCommand>(_ command: Command.Type, name: String,
                                                      arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        toolName = name
        Process.harden()
        ArgumentRedaction.collect(Array(CommandLine.arguments.dropFirst()) + arguments)
        // Ctrl-C (and SIGTERM, SIGHUP) end a run with the documented status
        // 8, not the shell's 130 (finding 10). Prompts and OutputFiles.commit
        // set their own handlers for their span and put this one back; a
        // signal OutputFiles held is re-raised into it.
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number) { _ in _exit(ExitStatus.interrupted.rawValue) }
        }
        // Without arguments there is nothing to do: the usage, on stderr,
        // exit 2, the same for all three tools (finding 10). Shown as lines
        // (Output.error would escape each newline, as it must for one line).
        if arguments.isEmpty {
            Output.errorLines(command.helpMessage().split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            exit(ExitStatus.usage.rawValue)
        }
        do {
            var parsed = try command.parseAsRoot(arguments)
            try parsed.run()
            exit(0)
        } catch let failure as CLIFailure {
            fail(name, failure)
        } catch let typed as RecoveryKitError {
            fail(name, CLIFailure.from(typed))
        } catch let early as ExitCode {
            exit(early.rawValue)
        } catch {
            // ArgumentParser's own outcomes: help and version requests
            // (exit 0, full text on stdout) and usage errors (exit 2).
            let code = command.exitCode(for: error)
            if code == .success {
                print(command.fullMessage(for: error))
                exit(0)
            }
            // A rule of a command's validate(), with its own status.
            if let failure = validationFailure { fail(name, failure) }
            // Only ArgumentParser's own errors are usage errors; anything
            // else escaping a command is a bug, reported without its text
            // (which could hold input) and with the internal status.
            guard code == .validationFailure else {
                fail(name, CLIFailure(.internalError, "unexpected error (\(type(of: error))); please report it"))
            }
            let message = command.message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            fail(name, CLIFailure.usage(message, seeHelp: true))
        }
    }

    public static func fail(_ name: String, _ failure: CLIFailure) -> Never {
        Output.error("\(name): \(failure.message)\(failure.pointsToHelp ? " (see '\(name) --help')" : "")")
        exit(failure.status.rawValue)
    }
}

/// Process-wide protections applied before any secret is read.
public enum Process {
    /// No core dumps and no ptrace-style attach by same-user processes
    /// (PR_SET_DUMPABLE 0), so a crash or a debugger cannot copy the code.
    /// Fatal signals end the process at once, by rkit's own handlers
    /// installed here, after the Swift runtime started (issue 20, finding
    /// 9): its interactive crash handler, which offered to show memory at
    /// the code prompt, never runs; a terminal a prompt silenced gets its
    /// echo back first.
    public static func harden() {
        _ = rkit_disable_dumping()
        _ = rkit_install_fatal_handlers()
        _ = rkit_wipe_freed_memory()
    }

    /// Once the secrets are done with (written, wiped), before a prompt
    /// that follows them: no freed heap chunk still holds their text
    /// (issue 20, finding 6; freed chunks are overwritten from `harden` on,
    /// and this clears the ones glibc caches without overwriting).
    public static func scrubFreedMemory() {
        rkit_scrub_freed_memory()
    }
}

/// stdout for results, stderr for people. What a person reads passes
/// `TerminalText.backstop` here, at the one chokepoint, so text from an
/// input (a username, a relying party, a kind, an origin, a token) can
/// never move the cursor, erase a warning or fake a line, whatever message
/// quotes it and whether or not that message sanitized it. Machine output
/// (`out`) stays byte-exact.
public enum Output {
    /// One line for a person on stderr (an error, warning, note or
    /// summary): a control character inside it, a newline included, is
    /// shown escaped, so the line stays one line.
    public static func error(_ line: String) {
        FileHandleWriter.standardError.write(person(line) + "\n")
    }

    /// A line for a person: any recovery code given as an argument
    /// redacted (`ArgumentRedaction`), then the terminal backstop.
    static func person(_ line: String) -> String {
        TerminalText.backstop(ArgumentRedaction.redact(line))
    }

    /// Several lines for a person on stderr (a review), each as `error`.
    public static func errorLines(_ lines: [String]) {
        FileHandleWriter.standardError.write(lines.map { person($0) + "\n" }.joined())
    }

    /// Terminal control rkit makes itself (the progress line's `\r` and
    /// erase, a terminal QR picture): never text from an input.
    public static func errorRaw(_ text: String) {
        FileHandleWriter.standardError.write(text)
    }

    /// Lines for a person on stdout (rkit-verify's report, a summary, a
    /// command to copy), each as `error`.
    public static func show(_ lines: [String]) {
        FileHandleWriter.standardOutput.write(lines.map { person($0) + "\n" }.joined())
    }

    /// Machine output, byte-exact (a body, JSON lines, joined QR text):
    /// its format escapes what it must (JSON escapes every C0 control).
    public static func out(_ text: String) {
        FileHandleWriter.standardOutput.write(text)
    }
}

struct FileHandleWriter {
    let fd: Int32
    static let standardOutput = FileHandleWriter(fd: 1)
    static let standardError = FileHandleWriter(fd: 2)

    func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue } else { return } }
            bytes = bytes.dropFirst(n)
        }
    }
}
