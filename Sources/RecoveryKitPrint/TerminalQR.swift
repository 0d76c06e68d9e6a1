/// Renders a QR for a terminal using Unicode half blocks, two module rows per
/// text line.
///
/// Convention: a *printed* glyph cell (foreground) is a LIGHT module, a blank
/// cell (the terminal's background) is a DARK module. On a dark-background
/// terminal that gives dark modules on a light field, which is what scanners
/// expect, without ANSI colour codes. On a light-background terminal the
/// picture is inverted (light modules on dark); most phone scanners (zbar,
/// iOS and Android cameras) accept inverted codes, but if yours does not,
/// use `render(matrix:darkAsForeground: true)`.
/// The 4-module quiet zone is drawn as light too, so it shows as a frame.
public enum TerminalQR {
    public static func render(text: String, level: QRMatrix.Level = .M) throws(PrintError) -> String {
        render(matrix: try QRMatrix(text: text, level: level))
    }

    /// - Parameter darkAsForeground: `false` (default) = dark modules are blank
    ///   cells (for dark terminals); `true` = dark modules are glyphs (for
    ///   light terminals).
    public static func render(matrix: QRMatrix, darkAsForeground: Bool = false) -> String {
        let quiet = 4
        let span = matrix.size + 2 * quiet
        var lines: [String] = []
        lines.reserveCapacity((span + 1) / 2)
        var y = 0
        while y < span {
            var line = ""
            for x in 0..<span {
                // Cells below the last row (odd span) count as quiet zone.
                let top = isInk(matrix, x - quiet, y - quiet, darkAsForeground)
                let bottom = y + 1 < span ? isInk(matrix, x - quiet, y + 1 - quiet, darkAsForeground) : false
                switch (top, bottom) {
                case (true, true): line.append("█")
                case (true, false): line.append("▀")
                case (false, true): line.append("▄")
                case (false, false): line.append(" ")
                }
            }
            lines.append(line)
            y += 2
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func isInk(_ m: QRMatrix, _ x: Int, _ y: Int, _ darkAsForeground: Bool) -> Bool {
        let inSymbol = x >= 0 && y >= 0 && x < m.size && y < m.size
        let dark = inSymbol && m[x, y]
        return darkAsForeground ? dark : !dark
    }
}
