internal import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` and frees it. Keys are immutable once
/// built, and OpenSSL allows concurrent signing and verifying with one key.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { EVP_PKEY_free(pointer) }

    /// Parses DER with an OpenSSL `d2i_*` function and requires that every
    /// byte was consumed (trailing garbage is a different document).
    static func decode(_ der: UnsafeRawBufferPointer,
                       _ parse: (UnsafeMutablePointer<UnsafePointer<UInt8>?>, Int) -> OpaquePointer?) -> EVPKey? {
        guard let base = der.baseAddress, der.count > 0 else { return nil }
        let start = base.assumingMemoryBound(to: UInt8.self)
        var cursor: UnsafePointer<UInt8>? = UnsafePointer(start)
        guard let key = parse(&cursor, der.count) else { ERR_clear_error(); return nil }
        let wrapped = EVPKey(key)
        guard cursor == UnsafePointer(start) + der.count else { return nil }
        return wrapped
    }

    /// Short name of the key type ("id-ecPublicKey", "ED25519", "rsaEncryption").
    var typeName: String {
        let id = EVP_PKEY_get_base_id(pointer)
        if let name = OBJ_nid2sn(id) { return String(cString: name) }
        return "an unknown key type"
    }

    var isEC: Bool { EVP_PKEY_get_base_id(pointer) == EVP_PKEY_EC }

    /// The named curve ("prime256v1"), or nil for non-EC keys.
    var groupName: String? {
        var buffer = [CChar](repeating: 0, count: 80)
        var length = 0
        guard EVP_PKEY_get_group_name(pointer, &buffer, buffer.count, &length) == 1 else { ERR_clear_error(); return nil }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Runs `check` (public, private or pairwise) in a fresh context.
    func passes(_ check: (OpaquePointer) -> Int32) -> Bool {
        guard let ctx = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else { return false }
        defer { EVP_PKEY_CTX_free(ctx) }
        let ok = check(ctx) == 1
        ERR_clear_error()
        return ok
    }

    /// A big-number parameter as fixed-width big-endian bytes, written into
    /// `out` (used for the private scalar and the point coordinates).
    func copyParameter(_ name: String, into out: UnsafeMutableRawBufferPointer) -> Bool {
        var number: OpaquePointer? = nil
        guard EVP_PKEY_get_bn_param(pointer, name, &number) == 1, let bn = number else { ERR_clear_error(); return false }
        defer { BN_clear_free(bn) }
        return BN_bn2binpad(bn, out.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(out.count)) == Int32(out.count)
    }

    /// The uncompressed public point 04 || X || Y.
    func uncompressedPoint() -> [UInt8]? {
        var point = [UInt8](repeating: 0, count: 65)
        point[0] = 0x04
        let ok = point.withUnsafeMutableBytes { bytes in
            copyParameter("qx", into: UnsafeMutableRawBufferPointer(rebasing: bytes[1..<33]))
                && copyParameter("qy", into: UnsafeMutableRawBufferPointer(rebasing: bytes[33..<65]))
        }
        return ok ? point : nil
    }
}
