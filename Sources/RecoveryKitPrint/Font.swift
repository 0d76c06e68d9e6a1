/// The three standard PDF fonts the kit uses. Standard ("base 14") fonts are
/// never embedded, so every PDF reader has them and the file stays small and
/// inspectable; the price is the WinAnsi repertoire (see `WinAnsi`).
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

    /// Width of `text` at `size` points. Characters outside WinAnsi (only
    /// possible in SVG text) are counted as 1 em, which over-estimates and so
    /// errs on the side of wrapping.
    func width(_ text: String, size: Double) -> Double {
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
