import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import RecoveryKitPrint

@Suite struct KitSVGTests {
    /// Collects all character data, so tests can check that escaped user text
    /// comes back exactly after XML parsing.
    final class TextCollector: NSObject, XMLParserDelegate {
        var text = ""
        var groups = 0
        var error: Error?
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "g", attributes["id"]?.hasPrefix("page") == true { groups += 1 }
        }
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
    }

    private func parse(_ svg: String) throws -> TextCollector {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = TextCollector()
        parser.delegate = collector
        let ok = parser.parse()
        #expect(ok, "SVG is not well-formed XML: \(String(describing: parser.parserError ?? collector.error))")
        return collector
    }

    /// rsvg-convert at zoom 3: 1 pt = 4 px, so a ~2 pt module is ~7 px (≥3 px needed).
    @Test(arguments: Paper.allCases)
    func rasterisedSVGDecodesToTheKitText(paper: Paper) throws {
        let kit = Sample.kit(paper: paper)
        let svg = try KitSVG.render(kit)
        let url = try Scratch.write(Array(svg.utf8), "kit-\(paper.rawValue).svg")
        let png = url.deletingPathExtension().appendingPathExtension("svg.png")
        try ExternalTool.rsvgConvert.run(["--zoom", "3", "--background-color", "white", "-o", png.path, url.path])
        #expect(try ExternalTool.decodeQR(png) == kit.qrText)
        let text = try parse(svg).text
        for group in kit.codeGroups { #expect(text.contains(group)) }
        #expect(text.contains(kit.credentialId))
    }

    @Test func specialCharactersInUserTextAreEscaped() throws {
        let name = #"a&b<c>"d'e@example.com"#
        var kit = Sample.kit(username: name)
        kit.orgId = "or-<&>"
        let svg = try KitSVG.render(kit)
        #expect(!svg.contains(name))
        #expect(svg.contains("a&amp;b&lt;c&gt;&quot;d&apos;e@example.com"))
        let text = try parse(svg).text
        #expect(text.contains(name))
        #expect(text.contains("or-<&>"))
    }

    @Test func unicodeUsernameIsShownAsIsAndControlsAreVisible() throws {
        let svg = try KitSVG.render(Sample.kit(username: "иван@пример.рф"))
        #expect(try parse(svg).text.contains("иван@пример.рф"))
        let withControl = try KitSVG.render(Sample.kit(username: "bad\u{1}name@example.com"))
        let text = try parse(withControl).text
        #expect(text.contains(#"bad\u{1}name@example.com"#))
    }

    @Test func splitKitStacksTwoPages() throws {
        let kit = Sample.kit(paper: .letter, split: true)
        let svg = try KitSVG.render(kit)
        _ = try Scratch.write(Array(svg.utf8), "kit-letter-split.svg")
        #expect(try parse(svg).groups == 2)
        #expect(svg.contains(#"height="1584pt""#))
    }
}
