import Testing
@testable import RecoveryKitCore

/// The multipart QR transport (Encoding/MultipartText): split, reassemble
/// in any order, and refuse mixed, missing or misread parts.
@Suite struct MultipartTextTests {
    static let text = JSONText.stringify(["username": "Zoë@example.com", "note": .string(String(repeating: "ünïcode✓ text ", count: 60))])

    @Test(arguments: [16, 50, 400])
    func roundTripInAnyOrder(partBytes: Int) throws {
        let parts = try MultipartText.split(Self.text, partBytes: partBytes)
        #expect(parts.count > 1)
        for part in parts {
            #expect(part.hasPrefix("RK1/"))
            let payload = part.split(separator: "/", maxSplits: 4)[4]
            #expect(payload.utf8.count <= partBytes)
        }
        #expect(parts[0].hasPrefix("RK1/1/\(parts.count)/\(MultipartText.checksum(Self.text))/"))
        #expect(try MultipartText.join(parts) == Self.text)
        #expect(try MultipartText.join(parts.reversed()) == Self.text)
        var rng = SystemRandomNumberGenerator()
        #expect(try MultipartText.join(parts.shuffled(using: &rng) + [parts[0]]) == Self.text)
    }

    @Test func refusesMissingMixedAndMisreadParts() throws {
        let parts = try MultipartText.split(Self.text, partBytes: 100)
        #expect(throws: MultipartError.missing([2, 4], count: parts.count)) {
            try MultipartText.join(parts.enumerated().filter { $0.offset != 1 && $0.offset != 3 }.map(\.element))
        }
        let other = try MultipartText.split(Self.text + "!", partBytes: 100)
        #expect(throws: MultipartError.self) { try MultipartText.join([parts[0], other[1]]) }
        do {
            _ = try MultipartText.join(Array(parts.dropLast()) + [other.last!])
            Issue.record("mixed parts were accepted")
        } catch let error as MultipartError {
            #expect(error.description.contains("parts of different texts are mixed"))
        }
        // A misread payload (same header): the checksum catches it.
        var misread = parts
        misread[1] = String(misread[1].dropLast()) + (misread[1].last == "x" ? "y" : "x")
        #expect(throws: MultipartError.self) { try MultipartText.join(misread) }
        #expect(throws: MultipartError.self) { try MultipartText.join(["RK1/2/1/abcdefabcdef/x"]) }
        #expect(throws: MultipartError.self) { try MultipartText.split("two\nlines") }
    }
}
