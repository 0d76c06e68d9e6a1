internal import COpenSSL

/// Certificate path validation by OpenSSL (`X509_verify_cert`): whether a
/// leaf certificate chains, through the untrusted certificates that came
/// with it, to one trusted root. Signatures, validity periods (against
/// this machine's clock), basic constraints and path length are checked
/// as OpenSSL's default verification does; no revocation (offline).
enum X509Chain {
    /// Whether `leaf` validates to `root`, with `intermediates` as
    /// untrusted helpers. Any unreadable certificate is "no".
    static func validates(leaf: [UInt8], intermediates: [[UInt8]], root: [UInt8]) -> Bool {
        defer { ERR_clear_error() }
        guard let leafCertificate = read(leaf) else { return false }
        defer { X509_free(leafCertificate) }
        guard let rootCertificate = read(root) else { return false }
        defer { X509_free(rootCertificate) }
        guard let store = X509_STORE_new() else { return false }
        defer { X509_STORE_free(store) }
        guard X509_STORE_add_cert(store, rootCertificate) == 1 else { return false }
        guard let untrusted = OPENSSL_sk_new_null() else { return false }
        var held: [OpaquePointer] = []
        defer {
            OPENSSL_sk_free(untrusted)
            held.forEach { X509_free($0) }
        }
        for der in intermediates {
            guard let certificate = read(der) else { return false }
            held.append(certificate)
            guard OPENSSL_sk_push(untrusted, UnsafeRawPointer(certificate)) > 0 else { return false }
        }
        guard let context = X509_STORE_CTX_new() else { return false }
        defer { X509_STORE_CTX_free(context) }
        guard X509_STORE_CTX_init(context, store, leafCertificate, untrusted) == 1 else { return false }
        return X509_verify_cert(context) == 1
    }

    static func read(_ der: [UInt8]) -> OpaquePointer? {
        der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            var cursor: UnsafePointer<UInt8>? = base
            guard let certificate = d2i_X509(nil, &cursor, buffer.count) else { return nil }
            guard cursor == base + buffer.count else { X509_free(certificate); return nil }
            return certificate
        }
    }
}
