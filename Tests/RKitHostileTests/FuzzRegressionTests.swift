import Foundation
import RKitTestSupport
import Testing
@testable import RecoveryKitCore

/// Inputs the fuzzer found (Fuzz/regressions/<target>/), run through the
/// same code path as the fuzz target, so a fixed crash stays fixed.
@Suite struct FuzzRegressionTests {
    static func regression(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("Fuzz/regressions/\(path)")))
    }

    /// A part whose payload began with a combining mark (U+0347) fused with
    /// the "/" before it into one Character, so the header split found four
    /// fields and the part was refused: rkit-sign could not read its own
    /// --qr output for such a body. Fixed by splitting on scalars. RK2 parts
    /// are ASCII, but RK1 parts (text payloads) are still read: the
    /// regression input is cut into RK1 parts as rkit wrote them.
    @Test func combiningMarkStartsAPart() throws {
        let bytes = try FuzzRegressionTests.regression("multipart/combining-mark-starts-a-part.txt")
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = FuzzRegressionTests.versionOneParts(text, partBytes: 16 + Int(bytes[0]))
        #expect(parts.contains { $0.unicodeScalars.split(separator: "/", maxSplits: 4).last?.first?.properties.isGraphemeExtend == true })
        #expect(try MultipartText.join(parts.reversed()) == text)
        #expect(try MultipartText.join(MultipartText.parts(in: parts.joined(separator: "\n"))) == text)
        #expect(try MultipartText.joinBytes(try MultipartText.split(text, partBytes: 16).reversed()) == Array(text.utf8))
    }

    @Test func combiningMarkMinimal() throws {
        let text = String(repeating: "a", count: 16) + "\u{0347}b"
        let parts = FuzzRegressionTests.versionOneParts(text, partBytes: 16)
        #expect(parts.count == 2)
        #expect(try MultipartText.join(parts) == text)
    }

    /// RK1 parts as rkit wrote them: slices of at most `partBytes` UTF-8
    /// bytes, cut between scalars.
    static func versionOneParts(_ text: String, partBytes: Int) -> [String] {
        var chunks: [String] = [], current = "", size = 0
        for scalar in text.unicodeScalars {
            let length = String(scalar).utf8.count
            if size + length > partBytes { chunks.append(current); current = ""; size = 0 }
            current.unicodeScalars.append(scalar)
            size += length
        }
        if !current.isEmpty { chunks.append(current) }
        let sum = MultipartText.checksum(text)
        return chunks.enumerated().map { "RK1/\($0.offset + 1)/\(chunks.count)/\(sum)/\($0.element)" }
    }
}
