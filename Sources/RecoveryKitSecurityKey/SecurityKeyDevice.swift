/// One security key as libfido2 lists it (or a `unix:` test socket).
public struct SecurityKeyDevice: Sendable, Equatable {
    /// The path to open: `/dev/hidrawN`, or `unix:PATH` for the test transport.
    public let path: String
    /// The product and manufacturer strings as the key's USB descriptor gives them (untrusted text).
    public let product: String
    public let manufacturer: String

    public init(path: String, product: String, manufacturer: String) {
        self.path = path
        self.product = product
        self.manufacturer = manufacturer
    }

    /// `PATH (MANUFACTURER PRODUCT)`, for a list of keys.
    public var shortDescription: String {
        let name = [manufacturer, product].filter { !$0.isEmpty }.joined(separator: " ")
        return name.isEmpty ? path : "\(path) (\(name))"
    }

    /// The prefix of the test transport: a Unix stream socket carrying raw
    /// 64-byte CTAPHID reports both ways.
    public static let unixPrefix = "unix:"

    /// Whether `path` names the Unix-socket test transport.
    public static func isUnixSocket(_ path: String) -> Bool { path.hasPrefix(unixPrefix) }
}
