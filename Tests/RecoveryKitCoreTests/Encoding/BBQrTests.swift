import Testing
@testable import RecoveryKitCore
import RKitTestSupport

/// BBQr frames (Encoding/BBQr, Base32, RawDeflate): any file in frames of a
/// fixed size, back in any order with repeats, byte for byte; missing,
/// foreign and damaged frames named (from 1); inflation bounded; rkit's
/// older RK2 parts still read through the same entry point. (The
/// independent judge, bitcoin-qr-tools, is Tests/BBQr/interop.py.)
@Suite struct BBQrTests {
    /// RFC 4648 section 10, without the padding BBQr omits.
    @Test func base32MatchesRFC4648() {
        let vectors = ["": "", "f": "MY", "fo": "MZXQ", "foo": "MZXW6", "foob": "MZXW6YQ", "fooba": "MZXW6YTB", "foobar": "MZXW6YTBOI"]
        for (plain, encoded) in vectors {
            #expect(Base32.encode(Array(plain.utf8)) == encoded)
            #expect(Base32.decode(Array(encoded.utf8)) == Array(plain.utf8))
            #expect(Base32.decode(Array(encoded.lowercased().utf8)) == Array(plain.utf8))
        }
        #expect(Base32.decode(Array("MZXW1".utf8)) == nil)      // "1" is not Base32
        #expect(Base32.decode(Array("MZX".utf8)) == nil)        // 3 characters end on no whole byte
        #expect(Base32.decode(Array("M7".utf8)) == nil)         // unused low bits set: misread
    }

    static let files: [[UInt8]] = MultipartTextTests.files + [
        Array(("[" + String(repeating: "{\"kind\":\"RecoveryKey\",\"value\":\"abc\"},", count: 200) + "{}]").utf8),
    ]

    @Test(arguments: [8, 16, 184, 1696])
    func anyFileCrossesInAnyOrder(perFrame: Int) throws {
        var rng = SeededGenerator(seed: UInt64(perFrame))
        for file in Self.files {
            let frames = try BBQr.split(bytes: file, perFrame: perFrame)
            #expect(frames.allSatisfy { $0.count <= BBQr.headerLength + perFrame })
            // Every frame but the last the same length; the series the same.
            #expect(Set(frames.dropLast().map(\.count)).count <= 1)
            #expect(Set(frames.map { $0.prefix(6) }).count == 1)
            #expect(frames.last!.count <= frames.first!.count)
            #expect(try BBQr.join(frames.shuffled(using: &rng) + [frames[frames.count / 2]]).bytes == file)
            #expect(try MultipartText.joinBytes(MultipartText.parts(in: frames.map { "QR-Code:" + $0 }.joined(separator: "\r\n"))) == file)
            #expect(MultipartText.looksLikeParts(frames[0]) && MultipartText.looksLikeParts("QR-Code:" + frames[0]))
        }
    }

    @Test func typeAndEncodingFollowTheFile() throws {
        let json = try BBQr.split(bytes: Self.files[4], perFrame: 184)
        #expect(json[0].hasPrefix("B$ZJ"))
        #expect(try BBQr.join(json).fileType == .json)
        let pem = try BBQr.split(bytes: Self.files[0], perFrame: 184)
        #expect(pem[0].hasPrefix("B$") && pem[0].dropFirst(3).hasPrefix("U"))
        // Bytes that do not compress go as plain Base32.
        var rng = SeededGenerator(seed: 9)
        let noise = (0..<600).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let frames = try BBQr.split(bytes: noise, perFrame: 184)
        #expect(frames[0].hasPrefix("B$2B"))
        #expect(try BBQr.join(frames).bytes == noise)
        // Total and index in base 36: 40 frames is "14".
        let many = try BBQr.split(bytes: noise, perFrame: 24)
        #expect(many.count == 40 && many[0].hasPrefix("B$2B1400") && many[39].hasPrefix("B$2B1413"))
    }

    @Test func missingForeignAndDamagedFramesAreNamed() throws {
        let file = Self.files[4] + Array("tail".utf8)
        let frames = try BBQr.split(bytes: file, perFrame: 16)
        let n = frames.count
        #expect(n >= 6)
        #expect(throws: MultipartError.missingFrames([2, 5], count: n)) {
            try BBQr.join(frames.enumerated().filter { ![1, 4].contains($0.offset) }.map(\.element))
        }
        let other = try BBQr.split(bytes: Self.files[0], perFrame: 16)
        #expect(throws: MultipartError.frameOfAnotherFile(frame: 2, count: other.count, series: String(other[1].prefix(6)), expected: String(frames[0].prefix(6)))) {
            try BBQr.join(frames + [other[1]])
        }
        var damaged = frames
        damaged[2] = String(damaged[2].prefix(10)) + "0" + damaged[2].dropFirst(11)  // "0" is not Base32
        #expect(throws: MultipartError.damagedFrame(frame: 3, count: n)) { try BBQr.join(damaged) }
        var short = frames
        short[1] = String(short[1].dropLast(8))
        #expect(throws: MultipartError.damagedFrame(frame: 2, count: n)) { try BBQr.join(short) }
        var changed = frames
        changed.append(String(frames[3].dropLast()) + (frames[3].last == "A" ? "B" : "A"))
        #expect(throws: MultipartError.frameGivenTwice(frame: 4, count: n)) { try BBQr.join(changed) }
        #expect(throws: MultipartError.notAPart(shown: "hello")) { try MultipartText.joinBytes(frames + ["hello"]) }
        #expect(throws: MultipartError.mixedFormats) { try MultipartText.joinBytes([frames[0], try MultipartText.split(bytes: file)[0]]) }
        #expect(throws: MultipartError.unsupportedFrame(shown: "B$QJ0100AAAA")) { try BBQr.join(["B$QJ0100AAAA"]) }
        #expect(throws: MultipartError.invalidIndexOrCount(shown: "B$2J0101AAAA")) { try BBQr.join(["B$2J0101AAAA"]) }
    }

    /// A valid Z stream damaged in a way Base32 cannot see stops inflating,
    /// and rkit says which frames to scan again.
    @Test func aStreamThatDoesNotInflateIsRefused() throws {
        let compressed = RawDeflate.compress(Self.files[4])!
        var broken = compressed
        broken[2] ^= 0xFF
        broken[3] ^= 0xFF
        let text = Base32.encode(broken)
        let frames = stride(from: 0, to: text.count, by: 64).enumerated().map { index, start in
            "B$ZJ" + BBQr.base36((text.count + 63) / 64) + BBQr.base36(index)
                + String(text.dropFirst(start).prefix(64))
        }
        #expect(throws: MultipartError.self) { try BBQr.join(frames) }
        if case .failure(.damaged) = RawDeflate.inflate(broken, limit: 1 << 20) {} else { Issue.record("a damaged stream inflated") }
        if case .failure(.damaged) = RawDeflate.inflate(Array(compressed.dropLast(4)), limit: 1 << 20) {} else { Issue.record("a truncated stream inflated") }
        #expect(try RawDeflate.inflate(compressed, limit: 1 << 20).get() == Self.files[4])
    }

    /// 16 MiB of zeros deflate to about 16 KB; joined, rkit stops at its 4 MiB limit.
    @Test func inflationIsBounded() throws {
        let bomb = RawDeflate.compress([UInt8](repeating: 0, count: 16 << 20))!
        #expect(bomb.count < 40_000)
        if case .failure(.tooLarge(limit: 1 << 20)) = RawDeflate.inflate(bomb, limit: 1 << 20) {} else { Issue.record("the bomb inflated past its limit") }
        let text = Base32.encode(bomb)
        let per = 1696
        let count = (text.count + per - 1) / per
        let frames = (0..<count).map { index in
            "B$ZB" + BBQr.base36(count) + BBQr.base36(index) + String(text.dropFirst(index * per).prefix(per))
        }
        #expect(throws: MultipartError.tooLarge(limit: BBQr.maxFileBytes)) { try BBQr.join(frames) }
    }
}

