/// One named check on one item (a kit or a request). Names are stable
/// identifiers documented in man/rkit-verify.1, so a report line can be
/// looked up; `detail` says what was found, never a secret.
public struct Check: Sendable, Equatable {
    public let name: String
    public let ok: Bool
    public let detail: String

    public init(name: String, ok: Bool, detail: String) {
        self.name = name
        self.ok = ok
        self.detail = detail
    }
}

/// A lint finding: legal, but worth a look (a 12-byte IV, a PEM in another
/// form, unsorted client data). Findings never make an item fail.
public struct Finding: Sendable, Equatable {
    public let name: String
    public let detail: String

    public init(name: String, detail: String) {
        self.name = name
        self.detail = detail
    }
}
