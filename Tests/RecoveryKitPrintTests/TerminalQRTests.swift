import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitPrint

@Suite struct TerminalQRTests {
    /// Hand-checked mapping for a 3×3 matrix in the plain dark-terminal
    /// style: a glyph is a LIGHT module, blank is DARK; quiet zone 4 modules;
    /// the last line's lower half lies below the picture and stays blank.
    @Test func halfBlockMappingIsExact() {
        let m = QRMatrix(rows: ["##.", "#..", "..#"])
        let q = String(repeating: "█", count: 4)
        let full = String(repeating: "█", count: 11)
        let expected = [
            full,                   // rows 0-1 (quiet)
            full,                   // rows 2-3 (quiet)
            q + " ▄█" + q,          // matrix rows 0-1
            q + "██▄" + q,          // matrix row 2 + quiet row
            full,                   // rows 8-9 (quiet)
            String(repeating: "▀", count: 11), // row 10 + nothing
        ].joined(separator: "\n") + "\n"
        #expect(TerminalQR.render(matrix: m, style: .plainForDarkTerminal) == expected)
    }

    /// The default: dark modules as black glyphs on a bright-white cell
    /// background, every line opening and closing its own colours.
    @Test func colouredStyleSetsItsOwnColoursOnEveryLine() {
        let m = QRMatrix(rows: ["##.", "#..", "..#"])
        let lines = TerminalQR.render(matrix: m).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines.allSatisfy { $0.hasPrefix("\u{1B}[30;107m") && $0.hasSuffix("\u{1B}[0m") })
        let bare = lines.map { $0.dropFirst(TerminalQR.colourStart.count).dropLast(TerminalQR.colourEnd.count) }
        #expect(bare[0] == Substring(String(repeating: " ", count: 11)))
        #expect(bare[2] == "    " + "█▀ " + "    ")
        #expect(bare[3] == "    " + "  ▀" + "    ")
        #expect(TerminalQR.render(matrix: m, style: .plainForLightTerminal) == bare.joined(separator: "\n") + "\n")
    }

    @Test func structureOfARealKitQR() throws {
        let text = Sample.qrText()
        let qr = try QRMatrix(text: text)
        let out = try TerminalQR.render(text: text, style: .plainForDarkTerminal)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == TerminalQR.lines(size: qr.size))
        #expect(lines.allSatisfy { $0.count == TerminalQR.columns(size: qr.size) })
        #expect(out.allSatisfy { "▀▄█ \n".contains($0) })
    }

    /// Reproduces the light-terminal finding: the plain rendering is drawn in
    /// the terminal's own colours, so on a light terminal the finder
    /// patterns' corners come out light and the quiet zone dark (inverted).
    /// The coloured rendering is the same picture on both: dark corner,
    /// light quiet zone, and zbar reads the exact text back.
    @Test(arguments: TerminalScreen.Theme.all)
    func colouredQRScansOnDarkAndLightTerminals(theme: TerminalScreen.Theme) throws {
        let text = Sample.qrText()
        let matrix = try QRMatrix(text: text, level: .L)
        let q = TerminalQR.quietZone
        let coloured = TerminalScreen(TerminalQR.render(matrix: matrix), theme: theme)
        #expect(coloured.module(q, q, column: 0, line: 0) < 0x40, "finder corner must be dark on a \(theme.name) terminal")
        #expect(coloured.module(0, 0, column: 0, line: 0) > 0xC0, "quiet zone must be light on a \(theme.name) terminal")
        let dir = try Scratch.directory().path
        #expect(try coloured.scan(writingTo: "\(dir)/terminal-coloured-\(theme.name).pgm") == [text])

        let plain = TerminalScreen(TerminalQR.render(matrix: matrix, style: .plainForDarkTerminal), theme: theme)
        let inverted = plain.module(q, q, column: 0, line: 0) > plain.module(0, 0, column: 0, line: 0)
        #expect(inverted == (theme.name == "light"), "the plain dark-terminal style is inverted exactly on light terminals")
    }

    /// Sizes: a version-v code takes 25+4v columns and ceil((25+4v)/2) lines.
    @Test func largestVersionFitsTheWindow() {
        #expect(TerminalQR.largestVersion(columns: 80, lines: 21) == 4)   // 41 × 21
        #expect(TerminalQR.largestVersion(columns: 80, lines: 20) == 3)
        #expect(TerminalQR.largestVersion(columns: 45, lines: 100) == 5)  // 45 columns
        #expect(TerminalQR.largestVersion(columns: 20, lines: 20) == nil)
        for version in [1, 4, 10, 40] {
            let capacity = QRMatrix.byteCapacity(version: version, level: .L)
            let fits = try? QRMatrix(text: String(repeating: "x", count: capacity), level: .L)
            let over = try? QRMatrix(text: String(repeating: "x", count: capacity + 1), level: .L)
            #expect(fits?.version == version)
            #expect(over == nil || over!.version > version)
        }
        #expect(QRMatrix.byteCapacity(version: 4, level: .L) == 78)  // ISO/IEC 18004 table 7
    }
}
