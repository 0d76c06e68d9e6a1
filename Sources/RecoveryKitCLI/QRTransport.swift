import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// Carries any file across the air gap as terminal QR codes (`RK2` parts,
/// `MultipartText`), each code sized to the terminal it is shown on, in
/// colours that read the same on dark and light terminals; and puts the
/// scanned parts back together, byte for byte.
public enum QRTransport {
    /// Level L: a screen is not smudged like paper, and smaller codes fit
    /// more terminals.
    public static let level = QRMatrix.Level.L
    /// Lines a part takes besides its code: its heading above, the prompt
    /// and the cursor's line below.
    public static let extraLines = 3
    /// The smallest code used, whatever the terminal: below version 3 a part
    /// holds too little to be worth scanning (version 3 needs 33×20).
    public static let smallestVersion = 3

    /// How the parts of one file are shown on one terminal.
    public struct Plan: Sendable, Equatable {
        public var partBytes: Int
        /// Columns and lines of each code, quiet zone included (the
        /// largest: the last part may be smaller).
        public var columns: Int
        public var lines: Int
        /// What to tell the person when the codes cannot fit the terminal.
        public var warning: String?
    }

    /// The part size for `terminal` (the largest code that fits whole, with
    /// its heading and prompt), or the given `partBytes` (`--qr-part-bytes`).
    public static func plan(terminal: TerminalSize?, partBytes given: Int? = nil) -> Plan {
        let size = terminal ?? .fallback
        let partBytes: Int
        if let given {
            partBytes = given
        } else {
            let version = max(smallestVersion, TerminalQR.largestVersion(columns: size.columns, lines: size.rows - extraLines) ?? 0)
            partBytes = MultipartText.partBytes(fitting: QRMatrix.byteCapacity(version: version, level: level))!
        }
        // The code of a full part: its header is at most the longest header.
        let longest = MultipartText.maxHeaderLength + (partBytes * 4 + 2) / 3
        let version = (1...40).first { QRMatrix.byteCapacity(version: $0, level: level) >= longest } ?? 40
        let modules = QRMatrix.size(version: version)
        var plan = Plan(partBytes: partBytes, columns: TerminalQR.columns(size: modules), lines: TerminalQR.lines(size: modules))
        if terminal != nil, plan.columns > size.columns || plan.lines + extraLines > size.rows {
            plan.warning = "each QR part is \(plan.columns) columns × \(plan.lines + extraLines) lines with its heading, "
                + "but the terminal is \(size.columns)×\(size.rows); enlarge the window (or lower --qr-part-bytes), or the codes will not scan"
        }
        return plan
    }

    /// Shows `bytes` as QR parts on standard output, one code per screen on
    /// a terminal (the next after Enter). `tool` prefixes warnings.
    public static func show(bytes: [UInt8], partBytes: Int? = nil, tool: String) throws {
        let terminal = TerminalSize.of(1)
        let plan = plan(terminal: terminal, partBytes: partBytes)
        let parts: [String]
        do { parts = try MultipartText.split(bytes: bytes, partBytes: plan.partBytes) } catch { throw CLIFailure.from(error) }
        if let warning = plan.warning { Output.error("\(tool): warning: \(warning)") }
        let interactive = isatty(1) == 1 && isatty(0) == 1
        if interactive, parts.count > 1 {
            Output.error("\(tool): \(bytes.count) bytes in \(parts.count) QR parts at this window size (a larger window makes fewer); press Enter to start")
            waitForEnter()
        }
        for (index, part) in parts.enumerated() {
            let picture: String
            do { picture = try TerminalQR.render(text: part, level: level) } catch {
                throw CLIFailure(.malformedInput, "part \(index + 1) does not fit in a QR code (\(error)); use a smaller --qr-part-bytes")
            }
            // On a terminal each part starts on a clear screen, so its top
            // line is never scrolled away.
            let clear = interactive ? "\u{1B}[H\u{1B}[2J" : ""
            Output.out(clear + "part \(index + 1) of \(parts.count)  (\(MultipartText.tag), checksum \(MultipartText.checksum(bytes)))\n" + picture)
            if interactive, index + 1 < parts.count {
                Output.error("scan part \(index + 1) of \(parts.count), then press Enter for the next")
                waitForEnter()
            }
        }
    }

    /// The file's bytes from the parts in `texts` (each one or more lines
    /// of parts, bare or as zbarimg prints them), in any order. Parts of
    /// the older `RK1` form held one line of text without its newline: it
    /// is given back with one.
    public static func join(texts: [String]) throws -> [UInt8] {
        let parts = texts.flatMap(MultipartText.parts(in:))
        var bytes: [UInt8]
        do { bytes = try MultipartText.joinBytes(parts) } catch { throw CLIFailure.from(error) }
        if parts.first?.hasPrefix(MultipartText.textTag + "/") == true { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// Writes bytes to standard output as they are (no newline added).
    public static func writeOut(_ bytes: [UInt8]) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let n = rest.withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(.writeFailed, "cannot write to standard output (\(String(cString: strerror(errno))))")
            }
            rest = rest.dropFirst(n)
        }
    }

    private static func waitForEnter() {
        var byte: UInt8 = 0
        while read(0, &byte, 1) == 1, byte != UInt8(ascii: "\n") {}
    }
}
