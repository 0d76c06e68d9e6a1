/// PEM text (RFC 7468), the one writer and the public-key reader.
/// Public keys (SubjectPublicKeyInfo): the reference frontend writes one
/// base64 line and no trailing newline; Dfns's docs use 64 columns. rkit
/// writes the former and reads both. Private key files: 64 columns and a
/// final newline, as OpenSSL writes them.
enum PEM {
    /// The five dashes of RFC 7468's encapsulation boundaries.
    static let dashes = String(repeating: "-", count: 5)
    static let header = "\(dashes)BEGIN PUBLIC KEY\(dashes)"
    static let footer = "\(dashes)END PUBLIC KEY\(dashes)"

    static func encodePublicKey(_ der: [UInt8]) -> String {
        let text = der.withUnsafeBytes { write(label: "PUBLIC KEY", der: $0, lineLength: nil, finalNewline: false) }
        return text.withUnsafeBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// `-----BEGIN label-----`, the base64 of `der` in lines of
    /// `lineLength` characters (nil: one line), `-----END label-----`.
    /// Built in one exactly sized `SecretBytes`: no intermediate String or
    /// growing array leaves a copy of a private key behind.
    static func write(label: String, der: UnsafeRawBufferPointer, lineLength: Int? = 64, finalNewline: Bool = true) -> SecretBytes {
        let header = Array("\(dashes)BEGIN \(label)\(dashes)\n".utf8)
        let footer = Array("\(dashes)END \(label)\(dashes)\(finalNewline ? "\n" : "")".utf8)
        let base64Count = Base64.encodedCount(der.count, pad: true)
        let width = lineLength ?? max(base64Count, 1)
        let lines = lineLength == nil ? 1 : (base64Count + width - 1) / width
        let base64 = SecretBytes(zeroedCount: base64Count)
        base64.withUnsafeMutableBytes { Base64.encode(der, alphabet: Base64.standard, pad: true, into: $0) }
        let text = SecretBytes(zeroedCount: header.count + base64Count + lines + footer.count)
        text.withUnsafeMutableBytes { out in
            var offset = 0
            func put(_ bytes: UnsafeRawBufferPointer) {
                UnsafeMutableRawBufferPointer(rebasing: out[offset..<offset + bytes.count]).copyMemory(from: bytes)
                offset += bytes.count
            }
            header.withUnsafeBytes { put($0) }
            base64.withUnsafeBytes { encoded in
                var start = 0
                while start < encoded.count || (lineLength == nil && start == 0) {
                    put(UnsafeRawBufferPointer(rebasing: encoded[start..<min(start + width, encoded.count)]))
                    out[offset] = UInt8(ascii: "\n")
                    offset += 1
                    start += width
                }
            }
            footer.withUnsafeBytes { put($0) }
            precondition(offset == out.count)
        }
        return text
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

    /// The DER of a CERTIFICATE block compiled into rkit (the shipped
    /// attestation roots): a damaged one is a build defect, so it traps.
    static func decodeCertificate(_ text: String) -> [UInt8] {
        let lines = text.split(whereSeparator: \.isNewline).map { String($0.drop(while: { $0 == " " })) }
        guard lines.first == "-----BEGIN CERTIFICATE-----", lines.last == "-----END CERTIFICATE-----",
              let der = try? Base64.decode(lines.dropFirst().dropLast().joined()) else {
            preconditionFailure("a shipped certificate is not PEM")
        }
        return der
    }

    /// True when `text` is exactly the reference frontend's one-line form.
    static func isReferenceForm(_ text: String) -> Bool {
        guard let der = try? decodePublicKey(text) else { return false }
        return text == encodePublicKey(der)
    }
}
