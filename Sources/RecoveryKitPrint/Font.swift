/// The three text styles of the kit, drawn in the standard PDF fonts when
/// the text is WinAnsi. Standard ("base 14") fonts are never embedded, so
/// every PDF reader has them and the file stays small and inspectable; text
/// outside WinAnsi (a Greek, Cyrillic or Chinese username) is drawn in the
/// style's embedded font instead (`EmbeddedFonts`).
enum Font: Sendable, CaseIterable {
    case helvetica, helveticaBold
    /// For the recovery code and IDs. The code alphabet has no I, O, 0 or 1,
    /// so Courier's plain glyphs are unambiguous enough, and bold survives a
    /// faint printer; fixed width keeps groups aligned.
    case courierBold

    var pdfName: String {
        switch self {
        case .helvetica: "Helvetica"
        case .helveticaBold: "Helvetica-Bold"
        case .courierBold: "Courier-Bold"
        }
    }

    /// Resource name inside the PDF page.
    var resourceName: String {
        switch self {
        case .helvetica: "F1"
        case .helveticaBold: "F2"
        case .courierBold: "F3"
        }
    }

    /// CSS for the SVG, with metric-compatible fallbacks.
    var svgFamily: String {
        switch self {
        case .helvetica, .helveticaBold: "Helvetica, Arial, 'Nimbus Sans', 'Liberation Sans', sans-serif"
        case .courierBold: "'Courier New', Courier, 'Nimbus Mono PS', 'Liberation Mono', monospace"
        }
    }

    var isBold: Bool { self != .helvetica }

    /// True when `text` is drawn in an embedded font (`EmbeddedFonts`):
    /// it has a character outside WinAnsi and the font files are there.
    /// A text op is drawn in one or the other as a whole, so one line never
    /// mixes Helvetica with DejaVu.
    static func drawsEmbedded(_ text: String) -> Bool {
        !text.unicodeScalars.allSatisfy { WinAnsi.code(for: $0) != nil } && EmbeddedFonts.shared != nil
    }

    /// Width of `text` at `size` points, as the PDF draws it: standard
    /// metrics for WinAnsi text, the shaped embedded glyphs otherwise.
    /// Without the font files, characters outside WinAnsi count as 1 em,
    /// which errs on the side of wrapping.
    func width(_ text: String, size: Double) -> Double {
        if Font.drawsEmbedded(text), let fonts = EmbeddedFonts.shared {
            return fonts.width(text, style: self, size: size)
        }
        var units = 0.0
        for scalar in text.unicodeScalars {
            switch self {
            case .courierBold:
                units += 600
            case .helvetica, .helveticaBold:
                if let code = WinAnsi.code(for: scalar), code >= 32 {
                    let table = self == .helvetica ? HelveticaWidths.regular : HelveticaWidths.bold
                    units += Double(table[Int(code) - 32])
                } else {
                    units += 1000
                }
            }
        }
        return units * size / 1000
    }
}
