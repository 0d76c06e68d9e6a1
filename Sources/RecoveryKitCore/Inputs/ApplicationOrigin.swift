/// The application origin that goes into client data (`origin`), checked
/// and written the way a browser serializes it: `https://host[:port]`, or
/// `http://localhost[:port]` for development (WebAuthn allows no other
/// plain-http origin). A path, query, user name or non-ASCII host is a
/// mistake that would make every signature fail on the server, so it is
/// refused here rather than discovered after recovery.
///
/// Normalization a browser would do anyway: scheme and host lower-cased, a
/// single trailing `/` and a default port (443, 80) dropped.
package enum ApplicationOrigin {
    package static func normalized(_ input: String) throws -> String {
        guard let colon = input.firstIndex(of: ":"), input[colon...].hasPrefix("://") else { throw OriginError.noScheme }
        let scheme = input[..<colon].lowercased()
        guard scheme == "https" || scheme == "http" else { throw OriginError.scheme(String(scheme.prefix(20))) }
        var rest = input[input.index(colon, offsetBy: 3)...]
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        if let bad = rest.firstIndex(where: { "/?#".contains($0) }) { throw OriginError.path(String(rest[bad...].prefix(40))) }
        if rest.contains("@") { throw OriginError.userInfo }
        var host = rest.lowercased()
        var port: Int? = nil
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") {
            let digits = host[host.index(after: colon)...]
            guard !digits.isEmpty, digits.count <= 5, digits.allSatisfy { (c: Character) in c.isASCII }, let value = Int(digits), (1...65535).contains(value) else {
                throw OriginError.port(String(digits.prefix(10)))
            }
            port = value
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw OriginError.noHost }
        let isIPv6 = host.hasPrefix("[") && host.hasSuffix("]")
        if !isIPv6 {
            for scalar in host.unicodeScalars where !(scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == ".")) {
                throw scalar.isASCII ? OriginError.hostCharacter(Character(scalar)) : OriginError.nonASCIIHost
            }
        }
        let local = host == "localhost" || host.hasSuffix(".localhost") || host == "127.0.0.1" || host == "[::1]"
        if scheme == "http" && !local { throw OriginError.plainHTTP }
        let defaultPort = scheme == "https" ? 443 : 80
        let portText = port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(portText)"
    }

    /// The host of a normalized origin, for comparing with a relying
    /// party ID.
    package static func host(of origin: String) -> String {
        var rest = origin.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first.map(String.init) ?? ""
        if !rest.hasSuffix("]"), let colon = rest.lastIndex(of: ":") { rest = String(rest[..<colon]) }
        return rest
    }

    /// WebAuthn's rule: the origin's host is the RP ID or a subdomain of it
    /// (a registrable-domain suffix of the host). The one home of the rule:
    /// rkit-sign refuses an origin that breaks it, rkit-generate warns.
    /// Compared as UTF-8 bytes (the RP ID comes from the online machine: a
    /// canonically equivalent look-alike is no match); only ASCII letters
    /// of the RP ID are folded to lower case, as the host already is.
    package static func matches(_ origin: String, relyingPartyId rpId: String) -> Bool {
        let host = Array(host(of: origin).utf8)
        let rp = Array(rpId.utf8).map { (65...90).contains($0) ? $0 + 32 : $0 }
        guard !rp.isEmpty, rp.first != UInt8(ascii: "."), host.count >= rp.count else { return false }
        if host == rp { return true }
        return host.count > rp.count && Array(host.suffix(rp.count)) == rp
            && host[host.count - rp.count - 1] == UInt8(ascii: ".")
    }
}
