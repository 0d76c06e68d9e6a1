import Testing
@testable import RecoveryKitCore

/// The strict CBOR reader: RFC 8949 Appendix A examples it must read (and
/// write back byte for byte), and every refusal with its exact error.
@Suite struct CBORTests {
    static func bytes(_ hex: String) -> [UInt8] { try! Hex.decode(hex) }

    @Test(arguments: [
        ("00", CBORValue.unsigned(0)), ("17", .unsigned(23)), ("1818", .unsigned(24)), ("1903e8", .unsigned(1000)),
        ("1a000f4240", .unsigned(1_000_000)), ("1bffffffffffffffff", .unsigned(UInt64.max)),
        ("20", .negative(0)), ("3863", .negative(99)), ("3bffffffffffffffff", .negative(UInt64.max)),
        ("40", .bytes([])), ("4401020304", .bytes([1, 2, 3, 4])), ("60", .text("")), ("6449455446", .text("IETF")),
        ("62c3bc", .text("\u{FC}")), ("f4", .bool(false)), ("f5", .bool(true)), ("f6", .null),
        ("83010203", .array([.unsigned(1), .unsigned(2), .unsigned(3)])),
        ("a201020304", .map(CBORMap([(.unsigned(1), .unsigned(2)), (.unsigned(3), .unsigned(4))]))),
        ("a26161016162820203", .map(CBORMap([(.text("a"), .unsigned(1)), (.text("b"), .array([.unsigned(2), .unsigned(3)]))]))),
    ])
    func readsAndWritesBack(hex: String, expected: CBORValue) throws {
        let value = try CBOR.decode(Self.bytes(hex))
        #expect(value == expected)
        #expect(Hex.encode(value.encoded) == hex)
    }

    @Test func integersAsSwiftValues() throws {
        #expect(try CBOR.decode(Self.bytes("3863")).intValue == -100)
        #expect(CBORValue.int(-7) == .negative(6))
        #expect(CBORValue.int(-7).intValue == -7)
        #expect(try CBOR.decode(Self.bytes("1bffffffffffffffff")).intValue == nil)
        #expect(try CBOR.decode(Self.bytes("3b7fffffffffffffff")).intValue == Int64.min)
    }

    @Test(arguments: [
        ("f7", CBORError.unsupported(offset: 0, what: "undefined")),
        ("f820", .unsupported(offset: 0, what: "a simple value")),
        ("f0", .unsupported(offset: 0, what: "a simple value")),
        ("f93c00", .unsupported(offset: 0, what: "a floating-point number")),
        ("fb3ff199999999999a", .unsupported(offset: 0, what: "a floating-point number")),
        ("c11a514b67b0", .unsupported(offset: 0, what: "a tag")),
        ("a18001", .unsupported(offset: 1, what: "a map key that is an array")),
        ("a1f501", .unsupported(offset: 1, what: "a map key that is a boolean")),
        ("5f42010243030405ff", .indefiniteLength(offset: 0, majorType: 2)),
        ("7f657374726561646d696e67ff", .indefiniteLength(offset: 0, majorType: 3)),
        ("8201" + "9f0203ff", .indefiniteLength(offset: 2, majorType: 4)),
        ("bf6346756ef563416d7421ff", .indefiniteLength(offset: 0, majorType: 5)),
        ("ff", .indefiniteLength(offset: 0, majorType: 7)),
        ("1f", .reservedAdditionalInfo(offset: 0, value: 31)),
        ("3f", .reservedAdditionalInfo(offset: 0, value: 31)),
        ("1817", .nonShortestForm(offset: 0)),
        ("190017", .nonShortestForm(offset: 0)),
        ("1a0000ffff", .nonShortestForm(offset: 0)),
        ("1b00000000ffffffff", .nonShortestForm(offset: 0)),
        ("380a", .nonShortestForm(offset: 0)),
        ("580141", .nonShortestForm(offset: 0)),
        ("81" + "98010a", .nonShortestForm(offset: 1)),
        ("1c", .reservedAdditionalInfo(offset: 0, value: 28)),
        ("fe", .reservedAdditionalInfo(offset: 0, value: 30)),
        ("", .truncated(offset: 0, needed: 1)),
        ("1903", .truncated(offset: 1, needed: 1)),
        ("44010203", .truncated(offset: 1, needed: 1)),
        ("830102", .truncated(offset: 1, needed: 1)),
        ("a10102a1", .trailingBytes(offset: 3, count: 1)),
        ("0000", .trailingBytes(offset: 1, count: 1)),
        ("a201020103", .duplicateKey(offset: 3)),
        ("a2636b65790163", .truncated(offset: 7, needed: 3)),
        ("a2636b657901636b657902", .duplicateKey(offset: 6)),
        ("a2410101410102", .duplicateKey(offset: 4)),
        ("61ff", .invalidUTF8(offset: 1)),
        ("63eda080", .invalidUTF8(offset: 1)),
        ("62c0af", .invalidUTF8(offset: 1)),
    ])
    func refuses(hex: String, expected: CBORError) {
        #expect(throws: expected) { try CBOR.decode(Self.bytes(hex)) }
    }

    /// Keys that are canonically equivalent text but other bytes are two
    /// keys (Swift's `String ==` would call them equal), and lookups are
    /// by bytes.
    @Test func textComparesByBytes() throws {
        let composed = "\u{E9}", decomposed = "e\u{301}"
        #expect(composed == decomposed)
        #expect(CBORValue.text(composed) != CBORValue.text(decomposed))
        let bytes = CBORValue.map(CBORMap([(.text(composed), .unsigned(1)), (.text(decomposed), .unsigned(2))])).encoded
        let map = try #require(try CBOR.decode(bytes).mapValue)
        #expect(map.count == 2)
        #expect(map[composed] == .unsigned(1))
        #expect(map[decomposed] == .unsigned(2))
        #expect(map["\u{212A}ey"] == nil)
    }

    @Test func nestingIsBounded() throws {
        let deepest = [UInt8](repeating: 0x81, count: 15) + [0x80]
        #expect(try CBOR.decode(deepest) != .null)
        #expect(throws: CBORError.tooDeep(limit: 16)) { try CBOR.decode([UInt8](repeating: 0x81, count: 16) + [0x80]) }
        #expect(throws: CBORError.tooDeep(limit: 16)) { try CBOR.decode([UInt8](repeating: 0x81, count: 200_000)) }
        #expect(throws: CBORError.tooDeep(limit: 16)) { try CBOR.decode([UInt8](repeating: 0xa1, count: 200_000)) }
        #expect(throws: CBORError.tooDeep(limit: 2)) { try CBOR.decode(Self.bytes("818180"), maxDepth: 2) }
    }

    /// A declared length far beyond the input is refused before anything
    /// is allocated.
    @Test func hugeDeclaredLengths() {
        #expect(throws: CBORError.truncated(offset: 9, needed: Int.max / 2)) { try CBOR.decode(Self.bytes("5bffffffffffffffff")) }
        #expect(throws: CBORError.truncated(offset: 9, needed: Int.max / 2)) { try CBOR.decode(Self.bytes("9bffffffffffffffff")) }
        #expect(throws: CBORError.truncated(offset: 5, needed: 4_294_967_295)) { try CBOR.decode(Self.bytes("9affffffff")) }
        #expect(throws: CBORError.truncated(offset: 1, needed: 2)) { try CBOR.decode(Self.bytes("a2" + "0102")) }
    }

    @Test func sizeIsBounded() {
        #expect(throws: CBORError.tooLarge(limit: 4)) { try CBOR.decode(Self.bytes("4401020304"), maxBytes: 4) }
        #expect(throws: CBORError.tooLarge(limit: CBOR.defaultMaxBytes)) {
            try CBOR.decode([0x5a, 0x00, 0x10, 0x00, 0x00] + [UInt8](repeating: 0, count: 1 << 20))
        }
    }

    @Test func decodeItemReportsWhereItEnds() throws {
        let input = Self.bytes("ffff" + "a10102" + "00")
        let (value, end) = try CBOR.decodeItem(input, at: 2)
        #expect(value == .map(CBORMap([(.unsigned(1), .unsigned(2))])))
        #expect(end == 5)
        #expect(throws: CBORError.truncated(offset: 2, needed: 1)) { try CBOR.decodeItem(Self.bytes("ff8201"), at: 1) }
        #expect(throws: CBORError.truncated(offset: 1, needed: 1)) { try CBOR.decodeItem(Self.bytes("ff"), at: 1) }
    }

    @Test func errorsAreMalformedInput() {
        #expect(CBORError.duplicateKey(offset: 3).kind == .malformedInput)
        #expect(CBORError.duplicateKey(offset: 3).description == "CBOR map has the key at offset 3 twice; refusing an ambiguous document")
    }
}
