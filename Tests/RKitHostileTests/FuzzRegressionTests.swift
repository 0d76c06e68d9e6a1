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
    /// --qr output for such a body. Fixed by splitting on scalars.
    @Test func combiningMarkStartsAPart() throws {
        let bytes = try FuzzRegressionTests.regression("multipart/combining-mark-starts-a-part.txt")
        let text = String(decoding: bytes, as: UTF8.self)
        let parts = try MultipartText.split(text, partBytes: 16 + Int(bytes[0]))
        #expect(parts.contains { $0.unicodeScalars.split(separator: "/", maxSplits: 4).last?.first?.properties.isGraphemeExtend == true })
        #expect(try MultipartText.join(parts.reversed()) == text)
        #expect(try MultipartText.join(MultipartText.parts(in: parts.joined(separator: "\n"))) == text)
    }

    @Test func combiningMarkMinimal() throws {
        let text = String(repeating: "a", count: 16) + "\u{0347}b"
        let parts = try MultipartText.split(text, partBytes: 16)
        #expect(parts.count == 2)
        #expect(try MultipartText.join(parts) == text)
    }
}
