import Foundation

/// Draws terminal text as a terminal would show it, to an image zbar can
/// read: what a phone sees when the person points it at the screen. Used to
/// prove the terminal QR codes scan on dark AND light terminals.
///
/// It understands what rkit prints: the half blocks `▀ ▄ █`, spaces, the
/// SGR colour sequences (`ESC [ … m`: reset, 30–37/90–97 foreground,
/// 40–47/100–107 background, 39/49 defaults), and line feeds. Any other
/// character is drawn as a foreground blob in the middle of its cell (text).
/// Each cell is `scale` pixels wide and `2 × scale` high; the image is a
/// binary PGM (P5), which zbarimg reads directly (no converter needed).
public struct TerminalScreen {
    /// The terminal's own colours (grey levels): default foreground and
    /// background, and its 16-colour palette. A theme may remap the palette
    /// (Solarized's "black" is dark blue-grey): the grey levels stand for that.
    public struct Theme: Sendable {
        public var name: String
        public var foreground: UInt8
        public var background: UInt8
        public var palette: [UInt8]  // 0–7 normal, 8–15 bright

        /// Light text on a dark window (most terminal defaults).
        public static let dark = Theme(name: "dark", foreground: 0xD0, background: 0x1C,
                                       palette: [0x2E, 0x80, 0x70, 0xA0, 0x50, 0x60, 0x90, 0xD3,
                                                 0x55, 0xA0, 0x90, 0xC0, 0x70, 0x80, 0xB0, 0xFF])
        /// Dark text on a light window (macOS Terminal's "Basic", GNOME's light).
        public static let light = Theme(name: "light", foreground: 0x1A, background: 0xFC,
                                        palette: [0x00, 0x70, 0x60, 0x90, 0x40, 0x50, 0x80, 0xC0,
                                                  0x40, 0x90, 0x80, 0xB0, 0x60, 0x70, 0xA0, 0xF8])
        public static let all = [dark, light]
    }

    public let width: Int
    public let height: Int
    public private(set) var pixels: [UInt8]

    /// Renders `text` on a terminal of `theme`, with `margin` cells of the
    /// window's background around it (the window a phone sees the code in).
    public init(_ text: String, theme: Theme, scale: Int = 4, margin: Int = 2) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(Self.cells)
        let columns = (lines.map { $0.filter { !$0.isSGR }.count }.max() ?? 0) + 2 * margin
        let rows = lines.count + 2 * margin
        width = columns * scale
        height = rows * 2 * scale
        pixels = [UInt8](repeating: theme.background, count: width * height)
        var state = (fg: theme.foreground, bg: theme.background)
        for (row, line) in lines.enumerated() {
            var col = 0
            for cell in line {
                guard case let .glyph(character) = cell else {
                    if case let .sgr(codes) = cell { for code in codes { state = Self.apply(code, to: state, theme: theme) } }
                    continue
                }
                let x0 = (col + margin) * scale
                let y0 = (row + margin) * 2 * scale
                col += 1
                fill(x0, y0, scale, 2 * scale, state.bg)
                switch character {
                case "█": fill(x0, y0, scale, 2 * scale, state.fg)
                case "▀": fill(x0, y0, scale, scale, state.fg)
                case "▄": fill(x0, y0 + scale, scale, scale, state.fg)
                case " ": break
                default: fill(x0 + scale / 4, y0 + scale / 2, max(1, scale / 2), scale, state.fg)
                }
            }
        }
    }

    enum Cell {
        case glyph(Character)
        case sgr([Int])
        var isSGR: Bool { if case .sgr = self { true } else { false } }
    }

    static func cells(_ line: Substring) -> [Cell] {
        var cells: [Cell] = []
        var rest = line[...]
        while let first = rest.first {
            if first == "\u{1B}", rest.dropFirst().first == "[", let end = rest.firstIndex(of: "m") {
                let body = rest[rest.index(rest.startIndex, offsetBy: 2)..<end]
                cells.append(.sgr(body.isEmpty ? [0] : body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }))
                rest = rest[rest.index(after: end)...]
            } else {
                cells.append(.glyph(first))
                rest = rest.dropFirst()
            }
        }
        return cells
    }

    static func apply(_ code: Int, to state: (fg: UInt8, bg: UInt8), theme: Theme) -> (fg: UInt8, bg: UInt8) {
        var state = state
        switch code {
        case 0: state = (theme.foreground, theme.background)
        case 30...37: state.fg = theme.palette[code - 30]
        case 90...97: state.fg = theme.palette[code - 90 + 8]
        case 39: state.fg = theme.foreground
        case 40...47: state.bg = theme.palette[code - 40]
        case 100...107: state.bg = theme.palette[code - 100 + 8]
        case 49: state.bg = theme.background
        default: break
        }
        return state
    }

    private mutating func fill(_ x: Int, _ y: Int, _ w: Int, _ h: Int, _ value: UInt8) {
        for yy in y..<min(height, y + h) { for xx in x..<min(width, x + w) { pixels[yy * width + xx] = value } }
    }

    /// The grey level at the centre of the module `(mx, my)` of a QR whose
    /// top-left quiet-zone corner is the cell (`column`, `line`).
    public func module(_ mx: Int, _ my: Int, column: Int, line: Int, scale: Int = 4, margin: Int = 2) -> UInt8 {
        let x = (column + margin) * scale + mx * scale + scale / 2
        let y = (line + margin) * 2 * scale + my * scale + scale / 2
        return pixels[y * width + x]
    }

    /// The image as a binary PGM.
    public var pgm: [UInt8] { Array("P5\n\(width) \(height)\n255\n".utf8) + pixels }

    /// Writes the image to `path` and has zbarimg read the QR codes in it:
    /// their texts, one per code (none: an empty list).
    public func scan(writingTo path: String) throws -> [String] {
        try Data(pgm).write(to: URL(fileURLWithPath: path))
        let result = try ToolRunner.external("zbarimg", ["--nodbus"] + QRScanner.arguments + [path])
        guard result.status == 0 else { return [] }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// The blocks of rkit's QR-part output: each `part i of n` heading and
    /// the code's lines below it, up to the next heading.
    public static func partBlocks(_ output: String) -> [String] {
        var blocks: [String] = []
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let visible = line.replacingOccurrences(of: "\u{1B}[H\u{1B}[2J", with: "")
            // A BBQr frame's caption ("frame 1/7  SHA-256 …") or an older part's heading.
            if visible.hasPrefix("frame ") || visible.hasPrefix("part ") { blocks.append(visible + "\n"); continue }
            guard !blocks.isEmpty else { continue }
            blocks[blocks.count - 1] += line + "\n"
        }
        // The output's final newline ends the last line; it is not a line.
        return blocks.map { block in
            var block = block
            while block.hasSuffix("\n\n") { block.removeLast() }
            return block
        }
    }
}
