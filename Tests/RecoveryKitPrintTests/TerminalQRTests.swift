import Foundation
import Testing
@testable import RecoveryKitPrint

@Suite struct TerminalQRTests {
    /// Hand-checked mapping for a 3×3 matrix: ink (a glyph) is a LIGHT module,
    /// blank is DARK; quiet zone 4 modules; the last line's lower half lies
    /// below the picture and stays blank.
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
        #expect(TerminalQR.render(matrix: m) == expected)
    }

    @Test func darkAsForegroundIsTheInverse() {
        let m = QRMatrix(rows: ["##.", "#..", "..#"])
        let lines = TerminalQR.render(matrix: m, darkAsForeground: true).split(separator: "\n")
        #expect(lines[2] == "    " + "█▀ " + "    ")
        #expect(lines[3] == "    " + "  ▀" + "    ")
        #expect(lines[5] == String(repeating: " ", count: 11))
    }

    @Test func structureOfARealKitQR() throws {
        let text = Sample.qrText()
        let qr = try QRMatrix(text: text)
        let out = try TerminalQR.render(text: text)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == (qr.size + 8 + 1) / 2)
        #expect(lines.allSatisfy { $0.count == qr.size + 8 })
        #expect(out.allSatisfy { "▀▄█ \n".contains($0) })
    }

    /// Rasterises the terminal text the way a dark terminal shows it (glyph =
    /// white, blank = black background) and has zbar read it back.
    @Test(arguments: [false, true])
    func zbarReadsARasterisedTerminalQR(darkAsForeground: Bool) throws {
        let text = Sample.qrText()
        let out = TerminalQR.render(matrix: try QRMatrix(text: text), darkAsForeground: darkAsForeground)
        let lines = out.split(separator: "\n").map(Array.init)
        let scale = 4
        let width = lines[0].count * scale, height = lines.count * 2 * scale
        // With dark modules as foreground, the terminal is light: glyph = black.
        let ink: UInt8 = darkAsForeground ? 0 : 255, paper: UInt8 = darkAsForeground ? 255 : 0
        var pixels = [UInt8](repeating: paper, count: width * height)
        for (row, line) in lines.enumerated() {
            for (col, ch) in line.enumerated() {
                let halves: (Bool, Bool) = switch ch {
                case "█": (true, true)
                case "▀": (true, false)
                case "▄": (false, true)
                default: (false, false)
                }
                for (half, on) in [(0, halves.0), (1, halves.1)] where on {
                    for dy in 0..<scale { for dx in 0..<scale {
                        pixels[((row * 2 + half) * scale + dy) * width + col * scale + dx] = ink
                    } }
                }
            }
        }
        // A light border, as a scanner would see around a dark-terminal window.
        let image = Array("P5\n\(width) \(height)\n255\n".utf8) + pixels
        let url = try Scratch.write(image, "terminal-\(darkAsForeground ? "light" : "dark").pgm")
        #expect(try ExternalTool.decodeQR(url) == text)
    }
}
