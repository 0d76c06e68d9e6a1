/// WinAnsiEncoding (PDF 1.4 appendix D), the text encoding of the
/// non-embedded standard fonts. Text with characters outside it is drawn in
/// an embedded font (`EmbeddedFonts`) or spelled out (`PaperText`).
enum WinAnsi {
    /// Unicode scalars for codes 0x80...0x9F (the Windows-1252 block);
    /// 0 marks the five undefined codes.
    private static let high: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    /// The WinAnsi byte for a scalar, or nil if it cannot be shown.
    /// Control characters are not printable and return nil.
    static func code(for scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        switch v {
        case 0x20...0x7E, 0xA0...0xFF: return UInt8(v)
        default:
            if let i = high.firstIndex(of: v), v != 0 { return UInt8(0x80 + i) }
            return nil
        }
    }

    /// Bytes for a PDF string of text that is all WinAnsi (`Font.drawsEmbedded`
    /// is false for it); anything else would be a layout bug, and is
    /// written as `?` rather than crash a kit.
    static func encode(_ text: String) -> [UInt8] {
        text.unicodeScalars.map { code(for: $0) ?? UInt8(ascii: "?") }
    }
}
