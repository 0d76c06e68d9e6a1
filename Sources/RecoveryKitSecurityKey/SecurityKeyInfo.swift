/// What a security key says about itself (CTAP2 authenticatorGetInfo via
/// `fido_dev_get_cbor_info`), for the review before anything is asked.
public struct SecurityKeyInfo: Sendable, Equatable {
    /// The 16-byte AAGUID naming the model (all zeros when withheld).
    public let aaguid: [UInt8]
    /// The CTAP versions it speaks ("FIDO_2_0", "FIDO_2_1", "U2F_V2", …).
    public let versions: [String]
    /// Its options in the order the key lists them ("rk", "up", "uv", "clientPin", …).
    public let options: [(name: String, value: Bool)]

    public init(aaguid: [UInt8], versions: [String], options: [(name: String, value: Bool)]) {
        self.aaguid = aaguid
        self.versions = versions
        self.options = options
    }

    public static func == (a: SecurityKeyInfo, b: SecurityKeyInfo) -> Bool {
        a.aaguid == b.aaguid && a.versions == b.versions && a.options.map(\.name) == b.options.map(\.name)
            && a.options.map(\.value) == b.options.map(\.value)
    }

    public func option(_ name: String) -> Bool? { options.first { $0.name == name }?.value }

    /// `clientPin`: true = a PIN is set, false = the key takes a PIN but has
    /// none yet, nil = the key has no PIN support.
    public var pinSet: Bool? { option("clientPin") }
    /// Whether the key can keep a discoverable (resident) credential.
    public var residentKeys: Bool { option("rk") == true }
    /// Whether the key verifies the user itself (fingerprint, …).
    public var builtInVerification: Bool { option("uv") == true }

    /// The AAGUID as lower-case UUID text (8-4-4-4-12).
    public var aaguidText: String {
        let hex = aaguid.map { byte in String(byte, radix: 16).count == 1 ? "0" + String(byte, radix: 16) : String(byte, radix: 16) }.joined()
        guard hex.count == 32 else { return hex }
        var parts: [Substring] = []
        var rest = Substring(hex)
        for length in [8, 4, 4, 4, 12] { parts.append(rest.prefix(length)); rest = rest.dropFirst(length) }
        return parts.joined(separator: "-")
    }
}
