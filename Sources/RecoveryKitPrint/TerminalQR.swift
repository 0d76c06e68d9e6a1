/// Renders a QR for a terminal using Unicode half blocks, two module rows per
/// text line, with its 4-module quiet zone drawn.
///
/// By default (`.colours`) every line sets its own colours: glyphs (dark
/// modules) black, the cell background (light modules and the quiet zone)
/// bright white, reset at the end of the line. So the code reads the same on
/// a dark and on a light terminal: left to the terminal's own colours, one of
/// the two shows it inverted, which many phone scanners refuse. The plain
/// styles (no escape sequences) are for a terminal of a known background.
public enum TerminalQR {
    public enum Style: Sendable, Equatable {
        /// Explicit black-on-white colours (SGR 30;107); any terminal.
        case colours
        /// No colours: glyphs are light modules, for light-on-dark terminals.
        case plainForDarkTerminal
        /// No colours: glyphs are dark modules, for dark-on-light terminals.
        case plainForLightTerminal
    }

    /// The escape sequence that starts each line in `.colours` style, and the one that ends it.
    public static let colourStart = "\u{1B}[30;107m"
    public static let colourEnd = "\u{1B}[0m"
    public static let quietZone = 4

    /// The quiet zone of a frame on a screen (BBQr frames): a lit screen's
    /// edge is contrast enough, and 2 modules let version 6 fit 80×24.
    public static let screenQuietZone = 2

    public static func render(text: String, level: QRMatrix.Level = .M, style: Style = .colours) throws(PrintError) -> String {
        render(matrix: try QRMatrix(text: text, level: level), style: style)
    }

    /// Text columns a symbol of `size` modules takes, quiet zone included.
    public static func columns(size: Int, quietZone: Int = quietZone) -> Int { size + 2 * quietZone }
    /// Text lines a symbol of `size` modules takes, quiet zone included.
    public static func lines(size: Int, quietZone: Int = quietZone) -> Int { (size + 2 * quietZone + 1) / 2 }

    /// The largest QR version whose terminal picture fits in `columns` ×
    /// `lines`; nil when not even version 1 fits.
    public static func largestVersion(columns: Int, lines: Int, quietZone: Int = quietZone) -> Int? {
        let fitting = (1...40).filter { self.columns(size: QRMatrix.size(version: $0), quietZone: quietZone) <= columns
            && self.lines(size: QRMatrix.size(version: $0), quietZone: quietZone) <= lines }
        return fitting.last
    }

    public static func render(matrix: QRMatrix, style: Style = .colours, quietZone: Int = quietZone) -> String {
        let quiet = quietZone
        let span = matrix.size + 2 * quiet
        let darkIsGlyph = style != .plainForDarkTerminal
        var lines: [String] = []
        lines.reserveCapacity((span + 1) / 2)
        var y = 0
        while y < span {
            var line = style == .colours ? colourStart : ""
            for x in 0..<span {
                // Cells below the last row (odd span) count as quiet zone.
                let top = isGlyph(matrix, x - quiet, y - quiet, darkIsGlyph)
                let bottom = y + 1 < span ? isGlyph(matrix, x - quiet, y + 1 - quiet, darkIsGlyph) : false
                switch (top, bottom) {
                case (true, true): line.append("█")
                case (true, false): line.append("▀")
                case (false, true): line.append("▄")
                case (false, false): line.append(" ")
                }
            }
            if style == .colours { line += colourEnd }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isGlyph(_ m: QRMatrix, _ x: Int, _ y: Int, _ darkIsGlyph: Bool) -> Bool {
        let dark = m[x, y]  // outside the symbol: light
        return darkIsGlyph ? dark : !dark
    }
}
