/// The forms a scanned kit arrives in besides its bare text: what a person
/// gets from `zbarimg page.png > kit-qr.txt` is `QR-Code:` + the QR text
/// (zbarimg's plain output), perhaps with other symbols' lines beside it.
/// The one kit reader unwraps these before reading the JSON.
package enum ScannerOutput {
    package static let qrPrefix = Array("QR-Code:".utf8)

    /// The QR text inside `bytes`: the bytes as given, unless they hold
    /// `TYPE:data` lines of a scanner with exactly one `QR-Code:` line;
    /// then that line's data.
    package static func unwrap(_ bytes: [UInt8]) -> [UInt8] {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // a BOM from an editor
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        let text = bytes[start...]
        // JSON starts with "{": nothing to unwrap (the common case).
        guard !text.isEmpty, text.first != UInt8(ascii: "{") else { return Array(text) }
        let lines = text.split(whereSeparator: { $0 == 0x0A || $0 == 0x0D })
        let qrLines = lines.filter { $0.starts(with: qrPrefix) }
        guard qrLines.count == 1 else { return Array(text) }
        return Array(qrLines[0].dropFirst(qrPrefix.count))
    }
}
