/// PEM text of SubjectPublicKeyInfo. The reference frontend writes one
/// base64 line and no trailing newline; Dfns's docs use 64 columns. rkit
/// writes the former and reads both.
enum PEM {
    static let header = "-----BEGIN PUBLIC KEY-----"
    static let footer = "-----END PUBLIC KEY-----"

    static func encodePublicKey(_ der: [UInt8]) -> String {
        header + "\n" + Base64.encode(der) + "\n" + footer
    }

    /// Accepts the one-line and the wrapped forms, LF or CRLF, with or
    /// without a trailing newline; nothing before the header or after the
    /// footer but whitespace.
    static func decodePublicKey(_ text: String) throws -> [UInt8] {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let content = Array(lines.drop(while: { $0.allSatisfy(\.isWhitespace) }).reversed()
            .drop(while: { $0.allSatisfy(\.isWhitespace) }).reversed())
        guard content.count >= 3 else { throw KeyError.notPEM("expected a header line, base64 lines and a footer line") }
        guard content.first == header else { throw KeyError.notPEM("the first line must be \(header)") }
        guard content.last == footer else { throw KeyError.notPEM("the last line must be \(footer)") }
        let body = content.dropFirst().dropLast().joined()
        do {
            return try Base64.decode(body)
        } catch {
            throw KeyError.notPEM("the base64 body is invalid (\(error))")
        }
    }

    /// True when `text` is exactly the reference frontend's one-line form.
    static func isReferenceForm(_ text: String) -> Bool {
        guard let der = try? decodePublicKey(text) else { return false }
        return text == encodePublicKey(der)
    }
}
