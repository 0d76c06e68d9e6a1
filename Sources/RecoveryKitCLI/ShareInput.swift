import RecoveryKitCore
import RecoveryKitPrint

/// Reads a recovery code given as SLIP-0039 shares: from `--share-file`
/// files (one share each; lines starting with `#` are comments, so a share
/// paper's .txt is itself a share file), or typed on the terminal one share
/// at a time with echo off. Each share is checked as it is read (its words,
/// its checksum, that it belongs with the ones before); errors name the
/// share and the word by position, never a word. Nothing is asked for a
/// secret before the problem is reported.
package enum ShareInput {
    /// The code the share files give. Every file is read and checked before
    /// they are combined; one line names the first problem.
    package static func code(shareFiles: [String]) throws -> RecoveryCode {
        var shares: [Share] = []
        for (i, file) in shareFiles.enumerated() {
            var bytes = try InputFile.read(file, what: "share file", limit: 1 << 16)
            defer { cleanse(&bytes) }
            do {
                shares.append(try bytes.withUnsafeBytes { try RecoveryCodeShares.share(parsingUTF8: $0, share: i + 1) })
            } catch {
                throw CLIFailure.from(error, context: "--share-file \(file)")
            }
            if let problem = RecoveryCodeShares.progress(shares), !problem.isMissing {
                throw CLIFailure.from(problem, context: "--share-file \(file)")
            }
        }
        do { return try RecoveryCodeShares.combine(shares) } catch { throw CLIFailure.from(error) }
    }

    /// What `open` makes of the code the shares gave. A wrong code (the
    /// envelope did not open) means shares of another kit: said so.
    package static func open<T>(_ code: RecoveryCode, _ open: (RecoveryCode) throws -> T) throws -> T {
        do { return try open(code) } catch {
            let failure = CLIFailure.from(error)
            guard failure.status == .wrongSecret else { throw error }
            throw CLIFailure(.wrongSecret, "the shares combine into a recovery code, but not this kit's: they are shares of another kit (compare the kit tag on the share papers with the kit's)")
        }
    }

    /// The split the share files record (`# rkit-split: …`, written by
    /// rkit-generate): the first one found; nil when none records it.
    package static func recordedPlan(shareFiles: [String]) throws -> SharePlan? {
        for file in shareFiles where file != "-" {
            var bytes = try InputFile.read(file, what: "share file", limit: 1 << 16)
            defer { cleanse(&bytes) }
            for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                let text = line.drop { $0 == " " || $0 == "\t" }
                guard text.hasPrefix("#") else { continue }
                let body = text.dropFirst().drop { $0 == " " }
                guard body.hasPrefix(ShareText.splitKey) else { continue }
                let value = String(body.dropFirst(ShareText.splitKey.count)).trimmingWhitespace()
                do { return try SharePlan(recorded: value) } catch {
                    throw CLIFailure(.malformedInput, "--share-file \(file): its \(ShareText.splitKey) line is not a split (\(error))")
                }
            }
        }
        return nil
    }

    /// Whether typed text looks like share words rather than a code: eight
    /// or more words of four letters or more (a code has at most six groups
    /// of letters; a share has 23 words).
    package static func looksLikeShare(_ text: String) -> Bool {
        text.split(whereSeparator: \.isWhitespace).filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) }.count >= 8
    }

    /// The same over typed bytes.
    static func looksLikeShare(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var words = 0, run = 0, letters = true
        for byte in bytes {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                if run >= 4 && letters { words += 1 }
                run = 0
                letters = true
            } else {
                run += 1
                letters = letters && ((0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte))
            }
        }
        if run >= 4 && letters { words += 1 }
        return words >= 8
    }

    /// Collects typed shares: `first` (already typed, when the person typed
    /// share words where the code was asked) and then one share per line
    /// from `readLine` until they give the code. A share that is refused is
    /// said why and asked again, `tries` times in a row at most.
    /// A typed line in locked memory, wiped when dropped, and its length.
    package typealias Line = (bytes: SecretBytes, count: Int)

    package static func typedCode(first: Line?, tries: Int = 3, readLine: (String) throws -> Line?) throws -> RecoveryCode {
        if let refusal = typedSharesRefusal { throw CLIFailure.usage(refusal) }
        var shares: [Share] = []
        var pending = first
        var failures = 0
        while true {
            let number = shares.count + 1
            let line: Line
            if let typed = pending {
                line = typed
                pending = nil
            } else {
                guard let typed = try readLine(failures > 0 ? "Share \(number) again: " : prompt(number, shares)),
                      typed.bytes.withUnsafeBytes({ $0[0..<typed.count].contains { $0 != 0x20 && !(0x09...0x0D).contains($0) } }) else {
                    throw CLIFailure(.malformedInput, "no share was typed; " + (shares.isEmpty ? "type a share's words" : (RecoveryCodeShares.progress(shares)?.description ?? "")))
                }
                line = typed
            }
            do {
                let share = try line.bytes.withUnsafeBytes {
                    try RecoveryCodeShares.share(parsingUTF8: UnsafeRawBufferPointer(rebasing: $0[0..<line.count]), share: number)
                }
                if let problem = RecoveryCodeShares.progress(shares + [share]), !problem.isMissing { throw problem }
                shares.append(share)
                failures = 0
            } catch {
                failures += 1
                let message = CLIFailure.from(error).message
                if failures >= tries { throw CLIFailure(CLIFailure.from(error).status, message) }
                Output.error("\(CommandRunner.toolName): \(message); type share \(number) again")
                continue
            }
            if let missing = RecoveryCodeShares.progress(shares) {
                let rest: String
                if case let .tooFewShares(nil, have, need) = missing {
                    rest = need - have == 1 ? "1 more share needed" : "\(need - have) more shares needed"
                } else {
                    rest = missing.description
                }
                Output.error("\(CommandRunner.toolName): share \(number) is good (checksum correct); \(rest)")
                continue
            }
            Output.error("\(CommandRunner.toolName): share \(number) is good; the shares are complete")
            do { return try RecoveryCodeShares.combine(shares) } catch { throw CLIFailure.from(error) }
        }
    }

    /// Set by a command that cannot take typed shares as they are (rkit-sign
    /// --new-kit without --new-shares: the new split is unknown): the line
    /// to stop with when share words are typed, before the other shares.
    nonisolated(unsafe) package static var typedSharesRefusal: String?

    static func prompt(_ number: Int, _ shares: [Share]) -> String {
        let first = shares.first
        let words = Share.wordCount(secretBytes: RecoveryCodeShares.secretBytes)
        if let first, first.groupCount == 1 {
            return "Share \(number) of the \(first.memberThreshold) needed (\(words) words; 4 letters each are enough): "
        }
        return "Share \(number) (\(words) words; 4 letters each are enough): "
    }

    /// Reads a share line on the terminal with echo off, into locked memory.
    package static func terminalLine(_ prompt: String) throws -> Line? {
        let (buffer, length) = try SecretInput.readLineFromTerminal(prompt: prompt, what: "share")
        return length > 0 ? (buffer, length) : nil
    }
}

extension ShareError {
    /// Whether this only says that more shares are needed.
    var isMissing: Bool {
        switch self {
        case .tooFewShares, .tooFewGroups, .noShares: return true
        default: return false
        }
    }
}
