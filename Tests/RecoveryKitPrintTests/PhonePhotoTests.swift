import Foundation
import Testing
@testable import RecoveryKitPrint

/// Issue 19 finding 12: the kit's QR is drawn for a phone photo. The
/// printed page is rendered at 100 dpi (a phone photo of an A4 page from
/// arm's length), turned 7° either way and blurred by 1 px with ImageMagick,
/// and zbarimg (the README's reader) must still read the exact QR text.
/// The text is in its final form: the kit's QR text with a 100-character
/// signature field added (the security issue adds one), ASCII.
@Suite struct PhonePhotoTests {
    /// The sample kit's QR text with a signature field of `extra` ASCII
    /// characters inside the JSON object.
    static func finalText(_ kit: PrintableKit, extra: Int = 100) -> String {
        let field = #","s":""# + String(repeating: "Zx9_-Qk3", count: 20).prefix(extra - 7) + #"""#
        var text = kit.qrText
        text.removeLast()
        return text + field + "}"
    }

    static func photo(_ kit: PrintableKit, name: String, degrees: Int) throws -> URL {
        let pdf = try Scratch.write(try KitPDF.render(kit), name + ".pdf")
        let page = pdf.deletingPathExtension().path + "-100dpi"
        try ExternalTool.pdftoppm.run(["-r", "100", "-png", "-f", "1", "-l", "1", "-singlefile", pdf.path, page])
        let photo = URL(fileURLWithPath: pdf.deletingPathExtension().path + "-photo\(degrees).png")
        try ExternalTool.convert.run([page + ".png", "-background", "white", "-rotate", "\(degrees)", "-blur", "0x1", photo.path])
        return photo
    }

    @Test(arguments: [("demo@example.com", Paper.a4), ("demo@example.com", .letter),
                      ("πέτρος.παπαδόπουλος@παράδειγμα.ελ", .a4), ("张伟.李娜@例子.中国", .letter)])
    func blurredTurnedPhotoAt100DpiScans(username: String, paper: Paper) throws {
        var kit = Sample.kit(paper: paper, username: username)
        kit.qrText = Self.finalText(kit)
        #expect(kit.qrText.utf8.allSatisfy { $0 < 0x80 })
        #expect(kit.qrText.utf8.count >= Sample.kit(username: username).qrText.utf8.count + 100)
        for degrees in [7, -7] {
            let photo = try Self.photo(kit, name: "photo-\(paper.rawValue)-\(abs(username.hashValue))", degrees: degrees)
            #expect(try ExternalTool.decodeQR(photo) == kit.qrText, "\(degrees)°")
        }
    }

    /// The module is the measured 11 printer dots (0.93 mm) and the level M.
    @Test func moduleIsElevenDotsAtLevelM() throws {
        var kit = Sample.kit()
        kit.qrText = Self.finalText(kit)
        let qr = try QRMatrix(text: kit.qrText)
        #expect(abs(KitLayout.moduleSize(forSymbolSize: qr.size) - 11 * 72.0 / 300.0) < 1e-9)
        let pdf = String(decoding: try KitPDF.render(kit), as: UTF8.self)
        // The QR runs are drawn 2.64 pt (11 dots) high.
        #expect(pdf.contains(" 2.64 re\n"))
    }
}
