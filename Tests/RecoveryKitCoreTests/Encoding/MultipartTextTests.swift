import Testing
@testable import RecoveryKitCore

/// The multipart QR transport (Encoding/MultipartText): any file's bytes
/// split into RK2 parts, reassembled in any order, byte for byte; mixed,
/// missing or misread parts refused; RK1 parts (one line of text) still read.
@Suite struct MultipartTextTests {
    static let text = JSONText.stringify(["username": "Zoë@example.com", "note": .string(String(repeating: "ünïcode✓ text ", count: 60))])

    /// The files the issue names: a multi-line PEM key, pretty JSON with its
    /// own whitespace and no final newline, CRLF text, and binary bytes.
    static let files: [[UInt8]] = [
        Array("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n".utf8),
        Array("{\n  \"challenge\": \"abc\",\n\t\"user\": {\"name\": \"Zoë\"}   \n}".utf8),
        Array("line one\r\nline two\r\n".utf8),
        (0...255).map(UInt8.init) + [0, 0, 0xFF],
    ]

    @Test(arguments: [1, 16, 50, 300])
    func anyFileCrossesByteForByte(partBytes: Int) throws {
        for file in Self.files {
            let parts = try MultipartText.split(bytes: file, partBytes: partBytes)
            #expect(parts.count == (file.count + partBytes - 1) / partBytes)
            for part in parts {
                #expect(part.hasPrefix("RK2/"))
                #expect(part.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "a part is one line of printable ASCII")
                #expect(part.utf8.count <= MultipartText.maxHeaderLength + (partBytes * 4 + 2) / 3)
            }
            #expect(parts[0].hasPrefix("RK2/1/\(parts.count)/\(MultipartText.checksum(file))/"))
            #expect(try MultipartText.joinBytes(parts) == file)
            var rng = SystemRandomNumberGenerator()
            #expect(try MultipartText.joinBytes(parts.shuffled(using: &rng) + [parts[0]]) == file)
            // As zbarimg prints them, one per line.
            #expect(try MultipartText.joinBytes(MultipartText.parts(in: parts.map { "QR-Code:" + $0 }.joined(separator: "\n"))) == file)
        }
    }

    @Test func partBytesFittingACapacity() throws {
        // Version 4 at level L holds 78 bytes: 25 of header, 53 base64url characters, 39 bytes.
        #expect(MultipartText.partBytes(fitting: 78) == 39)
        #expect(MultipartText.partBytes(fitting: MultipartText.maxHeaderLength) == nil)
        let parts = try MultipartText.split(bytes: [UInt8](repeating: 7, count: 999 * 39), partBytes: 39)
        #expect(parts.map(\.utf8.count).max()! <= 78)
    }

    @Test func textJoinIsUTF8() throws {
        let parts = try MultipartText.split(Self.text, partBytes: 50)
        #expect(try MultipartText.join(parts.reversed()) == Self.text)
        #expect(throws: MultipartError.notText) { try MultipartText.join(try MultipartText.split(bytes: [0xFF, 0xFE], partBytes: 1)) }
    }

    /// RK1 parts, as rkit wrote them before RK2: read as before.
    @Test func readsVersionOneParts() throws {
        let text = "{\"a\":\"Zoë\",\"b\":[1,2,3]}"
        let sum = MultipartText.checksum(text)
        let parts = ["RK1/1/2/\(sum)/{\"a\":\"Zoë\",", "RK1/2/2/\(sum)/\"b\":[1,2,3]}"]
        #expect(MultipartText.looksLikeParts(parts[1]))
        #expect(try MultipartText.join(parts.reversed()) == text)
        let rk2 = try MultipartText.split(text, partBytes: 10)
        #expect(throws: MultipartError.self) { try MultipartText.joinBytes([parts[0], rk2[1]]) }
    }

    @Test func refusesMissingMixedAndMisreadParts() throws {
        let parts = try MultipartText.split(Self.text, partBytes: 100)
        #expect(throws: MultipartError.missing([2, 4], count: parts.count)) {
            try MultipartText.join(parts.enumerated().filter { $0.offset != 1 && $0.offset != 3 }.map(\.element))
        }
        let other = try MultipartText.split(Self.text + "!", partBytes: 100)
        #expect(throws: MultipartError.self) { try MultipartText.join([parts[0], other[1]]) }
        let mixed = #expect(throws: MultipartError.self) { try MultipartText.join(Array(parts.dropLast()) + [other.last!]) }
        #expect(mixed?.description.contains("parts of different texts are mixed") == true)
        // A misread payload (same header): the checksum catches it.
        var misread = parts
        misread[1] = String(misread[1].dropLast()) + (misread[1].last == "A" ? "B" : "A")
        #expect(throws: MultipartError.self) { try MultipartText.join(misread) }
        #expect(throws: MultipartError.invalidPayload(index: 1, count: 1)) { try MultipartText.joinBytes(["RK2/1/1/abcdefabcdef/a+b"]) }
        #expect(throws: MultipartError.self) { try MultipartText.join(["RK2/2/1/abcdefabcdef/eA"]) }
    }
}
