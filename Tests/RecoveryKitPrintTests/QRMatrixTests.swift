import Testing
@testable import RecoveryKitPrint

@Suite struct QRMatrixTests {
    @Test func realisticKitTextGivesAScannableSize() throws {
        let text = Sample.qrText() + String(repeating: " ", count: max(0, 550 - Sample.qrText().count))
        #expect(text.utf8.count >= 450)
        let qr = try QRMatrix(text: text)
        // ~550 bytes at level M: version 18 (89 modules); anything in 17...19 is sane.
        #expect((17...19).contains(qr.version))
        #expect(qr.size == 17 + 4 * qr.version)
    }

    @Test func levelMIsTheDefaultAndHigherLevelsAreLarger() throws {
        let m = try QRMatrix(text: Sample.qrText())
        let explicitM = try QRMatrix(text: Sample.qrText(), level: .M)
        let h = try QRMatrix(text: Sample.qrText(), level: .H)
        #expect(m == explicitM)
        #expect(h.size > m.size)
    }

    @Test func tooLongTextThrowsTheTypedError() {
        let text = String(repeating: "a", count: 2332)
        #expect(throws: PrintError.textTooLongForQR(bytes: 2332, maxBytes: 2331, level: .M)) {
            try QRMatrix(text: text)
        }
        let message = PrintError.textTooLongForQR(bytes: 2332, maxBytes: 2331, level: .M).description
        #expect(message.contains("too long"))
    }

    @Test func largestLevelMTextStillEncodes() throws {
        let qr = try QRMatrix(text: String(repeating: "a", count: 2331))
        #expect(qr.version == 40)
        #expect(qr.size == 177)
    }

    @Test func emptyTextIsRejected() {
        #expect(throws: PrintError.emptyQRText) { try QRMatrix(text: "") }
    }

    @Test func darkRunsCoverExactlyTheDarkModules() throws {
        let qr = try QRMatrix(text: Sample.qrText())
        var covered = Set<Int>()
        for run in qr.darkRuns {
            for x in run.x..<(run.x + run.length) {
                #expect(qr[x, run.y])
                covered.insert(run.y * qr.size + x)
            }
        }
        var dark = 0
        for y in 0..<qr.size { for x in 0..<qr.size where qr[x, y] { dark += 1 } }
        #expect(covered.count == dark)
        // Finder pattern corner is dark, outside the symbol is light.
        #expect(qr[0, 0])
        #expect(!qr[-1, 0] && !qr[qr.size, 0])
    }

    /// Alphanumeric capacities at level L as ISO/IEC 18004 table 7 (and
    /// BBQr's size table) gives them; a frame series keeps one version, and
    /// a lower-case or other byte-mode character is refused.
    @Test func alphanumericModeAtAFixedVersion() throws {
        for (version, characters) in [(1, 25), (6, 195), (14, 667), (24, 1704), (27, 2132), (40, 4296)] {
            #expect(QRMatrix.alphanumericCapacity(version: version, level: .L) == characters, "version \(version)")
        }
        let small = try QRMatrix(alphanumeric: "B$ZJ0100ABC", version: 6, level: .L)
        #expect(small.version == 6 && small.size == 41)
        #expect(try QRMatrix(alphanumeric: String(repeating: "7", count: 196), version: 6, level: .L).version == 7)
        #expect(throws: PrintError.notAlphanumeric) { try QRMatrix(alphanumeric: "b$zj", version: 6) }
        #expect(throws: PrintError.self) { try QRMatrix(alphanumeric: String(repeating: "A", count: 4297), version: 40) }
    }
}
