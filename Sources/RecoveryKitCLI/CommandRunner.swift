import ArgumentParser
import CProcessShims
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// Runs a command the rkit way: parse, run, and turn any error into one
/// line on stderr (`rkit-x: message`) and a status from `ExitStatus`.
/// No stack traces; ArgumentParser's usage errors exit 2, not 64.
public enum CommandRunner {
    /// Parses the process arguments as `command`, runs it and exits; `name`
    /// prefixes every error line (`rkit-sign: …`). `arguments` defaults to
    /// the process's own (rkit-sign passes its old mode flags rewritten).
    public static func main<Command: ParsableCommand>(_ command: Command.Type, name: String,
                                                      arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> Never {
        Process.harden()
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
    public static func harden() {
        _ = rkit_disable_dumping()
    }
}

/// stdout for results, stderr for people.
public enum Output {
    public static func error(_ line: String) {
        FileHandleWriter.standardError.write(line + "\n")
    }

    /// stderr without a newline (progress lines).
    public static func errorRaw(_ text: String) {
        FileHandleWriter.standardError.write(text)
    }

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
