import RecoveryKitCore

/// The one reader of every document a tool is given (kit, challenge, body,
/// credentials, registration response, codes list, public key): a path,
/// `-` for standard input, or scanned QR parts spread over one or more
/// files (`MultipartText`: whatever part forms it reads), each with or
/// without the scanner's `QR-Code:` prefix. Bounded (`InputFile`), and
/// every failure is one `CLIFailure` naming the input.
///
/// Secrets (the recovery code, a passphrase) are not documents: they go
/// through `SecretInput` (wiped, locked memory) via `CodeSource`.
public enum DocumentReader {
    public struct Document: Sendable {
        /// The document's bytes (for QR parts: the joined file; otherwise
        /// exactly the bytes read, unless a lone `QR-Code:` line was unwrapped).
        public let bytes: [UInt8]
        /// How to name it in a message: the path, or `(from QR parts)`.
        public let name: String
        /// Whether it was joined from QR parts.
        public let fromParts: Bool
    }

    /// Reads the document named once (`path`).
    public static func read(_ path: String, what: String, limit: Int = InputFile.defaultLimit) throws -> Document {
        try read([path], what: what, limit: limit)
    }

    /// Reads the document named by `paths`: one file, or QR parts in any
    /// number of files (an option given several times).
    /// `option` names the option in the message when a file is given twice.
    public static func read(_ paths: [String], what: String, option: String? = nil, limit: Int = InputFile.defaultLimit) throws -> Document {
        guard !paths.isEmpty else { throw CLIFailure.usage("no \(what) file was given") }
        var texts: [(path: String, bytes: [UInt8])] = []
        for path in paths { texts.append((path, try InputFile.read(path, what: what, limit: limit))) }
        let asText = texts.map { String(decoding: $0.bytes, as: UTF8.self) }
        if asText.contains(where: MultipartText.looksLikeParts) {
            do {
                let joined = try MultipartText.join(asText.flatMap(MultipartText.parts(in:)))
                return Document(bytes: Array(joined.utf8), name: "(from QR parts)", fromParts: true)
            } catch { throw CLIFailure.from(error, context: what) }
        }
        guard texts.count == 1 else {
            throw CLIFailure.usage("\(option ?? "the " + what) is given \(texts.count) times but the files are not QR parts; give the \(what) file once")
        }
        return Document(bytes: unwrapScanned(texts[0].bytes), name: texts[0].path, fromParts: false)
    }

    /// A document scanned with zbarimg (`QR-Code:` and the text): the text.
    /// Anything else is returned byte for byte.
    static func unwrapScanned(_ bytes: [UInt8]) -> [UInt8] {
        let start = bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? bytes.count
        guard bytes[start...].starts(with: ScannerOutput.qrPrefix) else { return bytes }
        return ScannerOutput.unwrap(bytes)
    }
}
