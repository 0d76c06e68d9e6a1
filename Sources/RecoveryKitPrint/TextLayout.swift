/// Line breaking and placement of text for `KitLayout`. Standard PDF fonts are
/// not embedded, so nothing downstream wraps text for us: widths come from the
/// Helvetica/Courier metrics and every line is placed explicitly.
struct TextBlock: Sendable {
    var font: Font
    var size: Double
    var gray: Gray = 0
    /// Distance between baselines.
    var leading: Double

    init(_ font: Font, _ size: Double, gray: Gray = 0, leading: Double? = nil) {
        self.font = font
        self.size = size
        self.gray = gray
        self.leading = leading ?? (size * 1.25).rounded(.up)
    }

    /// Height from the top of the first line to the baseline of the first line.
    var ascent: Double { size * 0.76 }

    /// Greedy word wrap; a word wider than the line (an e-mail address, an ID,
    /// a URL) is broken between characters rather than allowed to run off the
    /// page.
    func wrap(_ text: String, width: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        func fits(_ s: String) -> Bool { font.width(s, size: size) <= width }
        for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if fits(candidate) { current = candidate; continue }
            if !current.isEmpty { lines.append(current); current = "" }
            if fits(word) { current = word; continue }
            // Break the long word between characters, never inside a
            // `\u{...}` escape (see `WinAnsi`), which must stay readable.
            for unit in Self.breakUnits(word) {
                if fits(current + unit) { current += unit } else {
                    if !current.isEmpty { lines.append(current) }
                    current = unit
                }
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// A shell command wrapped to `width`. Every line but the last ends in
    /// a backslash, so a person who types the printed lines one by one at a
    /// shell still runs one command (a break between words keeps its space
    /// before the backslash; a break inside a word joins it again).
    func wrapCommand(_ command: String, width: Double) -> [String] {
        let lines = wrap(command, width: width - font.width(" \\", size: size))
        var rest = Substring(command)
        var out: [String] = []
        for (i, line) in lines.enumerated() {
            rest = rest.dropFirst(line.count)
            if i == lines.count - 1 { out.append(line); break }
            if rest.first == " " {
                rest = rest.dropFirst()
                out.append(line + " \\")
            } else {
                out.append(line + "\\")
            }
        }
        return out
    }

    /// Single characters, except that `\u{...}` escapes are one unit.
    static func breakUnits(_ word: String) -> [String] {
        var units: [String] = []
        var rest = Substring(word)
        while let first = rest.first {
            if rest.hasPrefix("\\u{"), let close = rest.firstIndex(of: "}") {
                units.append(String(rest[...close]))
                rest = rest[rest.index(after: close)...]
            } else {
                units.append(String(first))
                rest = rest.dropFirst()
            }
        }
        return units
    }

    func height(lines: Int) -> Double { ascent + Double(max(lines - 1, 0)) * leading + size * 0.24 }
}

extension PageDrawing {
    /// Draws `text` wrapped to `width` with its top at `top`; returns the y just
    /// below the last line.
    @discardableResult
    mutating func paragraph(_ text: String, x: Double, top: Double, width: Double, _ style: TextBlock) -> Double {
        lines(style.wrap(text, width: width), x: x, top: top, style)
    }

    /// Lines already broken (e.g. by `wrapCommand`), one under the other.
    @discardableResult
    mutating func lines(_ lines: [String], x: Double, top: Double, _ style: TextBlock) -> Double {
        for (i, line) in lines.enumerated() {
            ops.append(.text(line, x: x, y: top + style.ascent + Double(i) * style.leading,
                             font: style.font, size: style.size, gray: style.gray))
        }
        return top + style.height(lines: lines.count)
    }

    mutating func text(_ text: String, x: Double, baseline: Double, _ style: TextBlock) {
        ops.append(.text(text, x: x, y: baseline, font: style.font, size: style.size, gray: style.gray))
    }
}
