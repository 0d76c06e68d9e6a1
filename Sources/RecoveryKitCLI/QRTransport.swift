import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// Carries any file across the air gap as BBQr frames (`BBQr`: `B$…`,
/// compressed when that helps), each frame the largest QR code that fits
/// the terminal with its one-line caption, in colours that read the same on
/// dark and light terminals; on a terminal the frames animate
/// (`QRAnimation`), elsewhere each is written once. Puts scanned frames (or
/// rkit's older RK2 parts) back together, byte for byte.
public enum QRTransport {
    /// Level L: a screen is not smudged like paper, and smaller codes fit
    /// more terminals (BBQr recommends it).
    public static let level = QRMatrix.Level.L
    /// Lines a frame takes besides its code: the caption.
    public static let captionLines = 1
    /// The smallest code used, whatever the terminal: below version 3 a
    /// frame holds too little to be worth scanning (version 3: 33×17 + caption).
    public static let smallestVersion = 3
    /// `--qr-version`'s range.
    public static let versions = 1...40
    static let quietZone = TerminalQR.screenQuietZone

    /// How the frames of one file are shown on one terminal.
    public struct Plan: Sendable, Equatable {
        /// The QR version of every frame.
        public var version: Int
        /// Columns and lines of each code, quiet zone included (without the caption).
        public var columns: Int
        public var lines: Int
        /// What to tell the person when the codes cannot fit the terminal.
        public var warning: String?
    }

    /// The largest version whose code and caption fit `size`.
    public static func fittingVersion(_ size: TerminalSize) -> Int? {
        TerminalQR.largestVersion(columns: size.columns, lines: size.rows - captionLines, quietZone: quietZone)
    }

    /// The smallest version whose frames carry `bytes` data bytes each
    /// (`--qr-part-bytes`: Base32, 8 characters per 5 bytes, after the
    /// 8-character header); nil when none does.
    public static func version(holding bytes: Int) -> Int? {
        let characters = (bytes + 4) / 5 * 8
        return versions.first { BBQr.dataCharacters(inCapacity: QRMatrix.alphanumericCapacity(version: $0, level: level)) ?? 0 >= characters }
    }

    /// The version for `terminal` (the largest that fits with its caption),
    /// or the given `version` (`--qr-version`).
    public static func plan(terminal: TerminalSize?, version given: Int? = nil) -> Plan {
        let size = terminal ?? .fallback
        let version = given ?? max(smallestVersion, fittingVersion(size) ?? 0)
        let modules = QRMatrix.size(version: version)
        var plan = Plan(version: version, columns: TerminalQR.columns(size: modules, quietZone: quietZone),
                        lines: TerminalQR.lines(size: modules, quietZone: quietZone))
        if terminal != nil, plan.columns > size.columns || plan.lines + captionLines > size.rows {
            let best = fittingVersion(size).map { "; version \($0) fits" } ?? ""
            plan.warning = "each QR frame (version \(version)) is \(plan.columns) columns × \(plan.lines + captionLines) lines with its caption, "
                + "but the terminal is \(size.columns)×\(size.rows)\(best); enlarge the window (or lower --qr-version), or the codes will not scan"
        }
        return plan
    }

    /// The BBQr frames of `bytes` for codes of `version`.
    public static func frames(bytes: [UInt8], version: Int) throws -> [String] {
        guard let perFrame = BBQr.dataCharacters(inCapacity: QRMatrix.alphanumericCapacity(version: version, level: level)) else {
            throw CLIFailure.usage("a version-\(version) QR code is too small for a frame; use --qr-version 2 or more")
        }
        do { return try BBQr.split(bytes: bytes, perFrame: perFrame) } catch { throw CLIFailure.from(error) }
    }

    /// The line above each code: the frame's number (from 1) and
    /// total, and the file's SHA-256 (first 12 hex digits) for the person to
    /// compare with what the other side prints after joining.
    public static func caption(frame: Int, of count: Int, digest: String) -> String {
        "frame \(frame)/\(count)  SHA-256 \(digest)"
    }

    /// Shows `bytes` as BBQr frames on standard output: animated on a
    /// terminal, else every frame once, caption then code. `version`
    /// (`--qr-version`) or `partBytes` (`--qr-part-bytes`) override the
    /// terminal's size. `tool` prefixes warnings.
    public static func show(bytes: [UInt8], partBytes: Int? = nil, version: Int? = nil, tool: String) throws {
        let terminal = TerminalSize.of(1)
        var chosen = version
        if chosen == nil, let partBytes {
            guard let fits = self.version(holding: partBytes) else {
                throw CLIFailure.usage("--qr-part-bytes \(partBytes) is more than a version-40 QR frame holds")
            }
            chosen = fits
        }
        let plan = plan(terminal: terminal, version: chosen)
        let frames = try frames(bytes: bytes, version: plan.version)
        if let warning = plan.warning { Output.error("\(tool): warning: \(warning)") }
        let digest = MultipartText.checksum(bytes)
        var pictures: [String] = []
        for (index, frame) in frames.enumerated() {
            do {
                let matrix = try QRMatrix(alphanumeric: frame, version: plan.version, level: level)
                pictures.append(TerminalQR.render(matrix: matrix, quietZone: quietZone))
            } catch {
                throw CLIFailure(.malformedInput, "frame \(index + 1) does not fit in a QR code (\(error)); use a smaller --qr-version")
            }
        }
        let captions = frames.indices.map { caption(frame: $0 + 1, of: frames.count, digest: digest) }
        if isatty(1) == 1, frames.count > 1, let animation = QRAnimation(tool: tool) {
            Output.error("\(tool): \(bytes.count) bytes in \(frames.count) BBQr frames (version \(plan.version)); "
                + "file SHA-256 \(digest); keys: space pause, n/→ next, p/← previous, q quit")
            try animation.run(captions: captions, pictures: pictures)
            Output.error("\(tool): showed \(frames.count) frames; after joining, the other side prints SHA-256 \(digest)...")
            return
        }
        for index in frames.indices {
            Output.out(captions[index] + "\n" + pictures[index])
        }
    }

    /// The file's bytes from the frames (or older parts) in `texts` (each
    /// one or more lines, bare, as zbarimg prints them, or as `zbarcam
    /// --raw` does), in any order. Parts of the older `RK1` form held one
    /// line of text without its newline: it is given back with one.
    public static func join(texts: [String]) throws -> [UInt8] {
        let parts = texts.flatMap(MultipartText.parts(in:))
        var bytes: [UInt8]
        do { bytes = try MultipartText.joinBytes(parts) } catch { throw CLIFailure.from(error) }
        if parts.first?.hasPrefix(MultipartText.textTag + "/") == true { bytes.append(UInt8(ascii: "\n")) }
        return bytes
    }

    /// Standard input, whole, as `InputFile` reads it; but when it carries
    /// BBQr frames (one a line, as `zbarcam --raw` pipes them from a webcam)
    /// reading stops as soon as every frame of the first series is in:
    /// zbarcam never ends by itself. On a terminal, stderr counts the frames.
    public static func readStandardInput(what: String, tool: String? = nil, limit: Int = InputFile.defaultLimit) throws -> [UInt8] {
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        let showProgress = tool != nil && isatty(2) == 1 && isatty(0) != 1
        var shown = ""
        var framed: Bool? = nil  // decided on the first whole line
        defer { if !shown.isEmpty { Output.errorRaw("\n") } }
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIFailure(.unreadableInput, "\(what) standard input could not be read (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            text += chunk[0..<n]
            if text.count > limit {
                let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : limit >= 1 << 10 ? "\(limit >> 10) KiB" : "\(limit) bytes"
                throw CLIFailure(.unreadableInput, "\(what) standard input is larger than \(size); it cannot be a recovery document")
            }
            if framed == false { continue }
            // Whole lines only: the last may still be arriving.
            guard chunk[0..<n].contains(UInt8(ascii: "\n")), let end = text.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            let lines = MultipartText.parts(in: String(decoding: text[...end], as: UTF8.self))
            guard let first = lines.first else { continue }
            framed = BBQr.looksLikeFrame(first.drop { $0 == " " || $0 == "\t" })
            guard framed == true, let progress = BBQr.progress(lines) else { continue }
            if showProgress, let tool {
                let line = "\(tool): \(progress.seen) of \(progress.total) frames read"
                if line != shown { Output.errorRaw("\r" + line + "\u{1B}[K"); shown = line }
            }
            if progress.seen == progress.total { break }
        }
        // The wording of InputFile's, so every input says it alike.
        if text.isEmpty { throw CLIFailure(.malformedInput, "\(what) standard input is empty") }
        return text
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
}
