import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// `rkit-verify kit FILE...`: validates kits, one or thousands, in parallel.
struct KitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kit",
        abstract: "Validate recovery kits (kit.json, QR text, or RecoveryKey credentials).",
        discussion: """
            Without a code, checks everything anyone can check: structure, credential ID, envelope, public key,
            attestation. With --code-file (one kit) or --codes (many), also opens each envelope and compares the
            key inside with the kit's public key. One line per kit; a bad line of the codes file is
            reported with its number and skipped, and the batch goes on. At the end the failures
            again, then 'N passed, M failed' with the counts of unregistered kits, kits not fully
            checked and skipped codes lines. Check names are explained in rkit-verify(1).
            """
    )

    @Argument(help: "Kit files: kit.json, QR text, or a bare RecoveryKey credential object ('-' for standard input).")
    var files: [String] = []

    /// The code of the one kit (`--code-file`); without it no envelope is opened.
    @OptionGroup var code: CodeSource

    @Option(help: ArgumentHelp("Codes of many kits: lines '<credentialId> <code>'; blank lines and # comments ignored.", valueName: "FILE"))
    var codes: String?

    @Option(help: "Username for bare credentials, which carry none (needed to open them with a code).")
    var username: String?

    @Flag(name: .shortAndLong, help: "Print every check and warning of every kit.")
    var verbose = false

    @Flag(help: "One JSON object per kit per line on stdout, then one {\"summary\":{…}} line (format in rkit-verify(1)); the closing line goes to stderr.")
    var json = false

    @Flag(name: .shortAndLong, help: "Print only the kits that fail (and the closing line).")
    var quiet = false

    /// Usage mistakes, before anything is read (exit 2).
    func validate() throws {
        try CommandRunner.validating { try checkUsage() }
    }

    func checkUsage() throws {
        let codeFile = code.codeFile
        guard !files.isEmpty else { throw CLIFailure.usage("give at least one kit file", seeHelp: true) }
        if codeFile != nil && codes != nil { throw CLIFailure.usage("--code-file and --codes cannot be combined", seeHelp: true) }
        if codeFile != nil && files.count > 1 { throw CLIFailure.usage("--code-file is for one kit; use --codes FILE for several", seeHelp: true) }
        if quiet && (verbose || json) { throw CLIFailure.usage("--quiet cannot be combined with \(verbose ? "--verbose" : "--json")", seeHelp: true) }
        try StandardInput.requireAtMostOne(files + [codeFile, codes], wording: .quotedWithHelp)
    }

    func run() throws {
        let (codes, badLines) = try readCodes()
        let verifier = KitVerifier(codes: codes, username: username)
        let files = self.files
        var tally = Tally()
        var usedCodeIds = Set<String>()
        let progress = ProgressLine(total: files.count, label: "verifying kits")
        ParallelBatch.run(count: files.count, work: { index in
            KitCommand.verify(files[index], with: verifier)
        }, emit: { index, report in
            tally.add(report)
            if let id = report.codeListId { usedCodeIds.insert(id) }
            progress.beforeOutput()
            if json {
                Output.out(report.jsonLine + "\n")
            } else if !quiet || !report.ok {
                Output.out(report.humanLines(verbose: verbose).joined(separator: "\n") + "\n")
            }
            progress.update(done: index + 1)
        })
        progress.clear()
        if case let .list(list) = verifier.codes, let note = KitCommand.unusedCodesNote(list, used: usedCodeIds, path: self.codes!) {
            Output.error("rkit-verify: note: \(note)")
        }
        if tally.partly > 0 && !quiet {
            Output.error("rkit-verify: note: \(tally.partly) kit\(tally.partly == 1 ? "" : "s") passed without the code and \(tally.partly == 1 ? "was" : "were") not fully checked (see the brackets on \(tally.partly == 1 ? "its line" : "their lines"))")
        }
        // The failures again at the end, where a long batch's reader looks.
        if !json && !quiet && files.count > 1 && !tally.failures.isEmpty {
            Output.out("Failed (\(tally.failures.count)):\n" + tally.failures.map { "  " + $0.line }.joined(separator: "\n") + "\n")
        }
        let summary = tally.closingLine(badLines: badLines.count) + "\n"
        if json {
            Output.out(JSONText.stringify(tally.summaryJSON(badLines: badLines)) + "\n")
            Output.errorRaw(summary)
        } else {
            Output.out(summary)
        }
        if tally.unreadable > 0 { throw ExitCode(ExitStatus.unreadableInput.rawValue) }
        if tally.failed > 0 { throw ExitCode(ExitStatus.checkFailed.rawValue) }
        if !badLines.isEmpty { throw ExitCode(ExitStatus.malformedInput.rawValue) }
    }

    /// What a batch counts, in output order (the emit closure runs in order).
    struct Tally {
        var passed = 0, failed = 0, unreadable = 0
        /// Passed without the code, not fully checked.
        var partly = 0
        /// Passed, but a kit.json Dfns does not know (no attestation).
        var unregistered = 0
        var failures: [(file: String, line: String)] = []

        mutating func add(_ report: VerificationReport) {
            if report.ok { passed += 1 } else { failed += 1 }
            if report.ok, report.hasUnchecked { partly += 1 }
            if report.ok, report.notices.contains(where: { $0.name == KitVerifier.notRegistered }) { unregistered += 1 }
            if report.isUnreadable { unreadable += 1 }
            if !report.ok { failures.append((report.item, report.humanLines(verbose: false)[0])) }
        }

        /// `N passed, M failed`, then what else a reader must know.
        func closingLine(badLines: Int) -> String {
            var extra: [String] = []
            if unregistered > 0 { extra.append("\(unregistered) unregistered") }
            if partly > 0 { extra.append("\(partly) not fully checked (no code)") }
            if badLines > 0 { extra.append("\(badLines) codes line\(badLines == 1 ? "" : "s") skipped") }
            return "\(passed) passed, \(failed) failed" + (extra.isEmpty ? "" : "; " + extra.joined(separator: ", "))
        }

        func summaryJSON(badLines: [CodeListError]) -> JSONValue {
            .object(["summary": .object([
                "passed": .number(Double(passed)), "failed": .number(Double(failed)),
                "unregistered": .number(Double(unregistered)), "notFullyChecked": .number(Double(partly)),
                "failures": .array(failures.map { .string($0.file) }),
                "skippedCodesLines": .array(badLines.map { .object(["line": .number(Double($0.line)), "problem": .string($0.description)]) }),
            ])])
        }
    }

    /// The lines of the codes file that no kit used, by line number (the
    /// codes themselves are never shown).
    static func unusedCodesNote(_ list: RecoveryCodeList, used: Set<String>, path: String) -> String? {
        let unused = list.order.filter { !used.contains($0) }.compactMap { list.lineNumbers[$0] }.sorted()
        guard !unused.isEmpty else { return nil }
        let shown = unused.prefix(20).map(String.init).joined(separator: ", ") + (unused.count > 20 ? ", …" : "")
        return "\(unused.count) line\(unused.count == 1 ? "" : "s") of \(path) matched none of the kits given (line\(unused.count == 1 ? "" : "s") \(shown))"
    }

    /// Reads one kit file. A file that cannot be read is reported as an
    /// item (check `read`) so the rest of the batch is still verified.
    static func verify(_ path: String, with verifier: KitVerifier) -> VerificationReport {
        let bytes: [UInt8]
        do { bytes = try DocumentReader.read(path, what: "kit file").bytes } catch let failure as CLIFailure {
            if failure.status == .unreadableInput { return .unreadable(item: path, reason: failure.message) }
            var report = VerificationReport(item: path)
            report.fail("structure", failure.message)
            return report
        } catch {
            return .unreadable(item: path, reason: "\(error)")
        }
        return verifier.verify(bytes, item: path, registration: registration(beside: path))
    }

    /// The attestation.json `rkit-sign attest` wrote beside a kit.json (its
    /// own name, in the same folder), when there is one (finding 3: a kit
    /// registered after it was made is reported as registered).
    static func registration(beside path: String) -> (name: String, bytes: [UInt8])? {
        guard path != "-" else { return nil }
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let name = (folder == "." && !path.hasPrefix("./") ? "" : folder + "/") + KitFolder.attestationJSON
        guard name != path, let bytes = try? InputFile.read(name, what: "attestation", limit: 1 << 20) else { return nil }
        return (name, bytes)
    }

    /// The codes, and the lines of the codes file that were skipped (each
    /// reported now on stderr by its number, never its code).
    func readCodes() throws -> (KitVerifier.Codes, [CodeListError]) {
        if code.isGiven { return (.single(try code.read()), []) }
        guard let codes else { return (.none, []) }
        if codes != "-" { warnIfShared(codes) }
        var bytes = try InputFile.read(codes, what: "codes file")
        defer { cleanse(&bytes) }
        let list: RecoveryCodeList
        do { list = try RecoveryCodeList(parsing: bytes, skippingBadLines: true) } catch {
            throw CLIFailure.from(error, context: codes)
        }
        // Not one usable line (a binary file, the wrong file): that is no
        // codes file, and checking every kit against nothing helps nobody.
        if list.codes.isEmpty, let first = list.problems.first {
            throw CLIFailure.from(first, context: codes)
        }
        for problem in list.problems {
            Output.error("rkit-verify: \(codes): \(CoreMessages.message(problem)); the line is skipped, the batch goes on")
        }
        return (.list(list), list.problems)
    }

    /// Codes are secrets: say so when the file is readable by others.
    func warnIfShared(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & 0o077 != 0 else { return }
        let mode = String(info.st_mode & 0o777, radix: 8)
        Output.error("rkit-verify: warning: \(path) holds recovery codes and is readable by group or others (mode \(mode)); run chmod 600 \(path)")
    }
}
