/// Everything the paper shows, already computed by the caller (the crypto core
/// builds the QR text and the check characters). Keeping this a plain value
/// means the print module never sees key material beyond what gets printed.
public struct PrintableKit: Sendable {
    /// The account's e-mail address; may contain non-ASCII characters.
    public var username: String
    public var orgId: String?
    /// Application origin, e.g. `https://app.example.com`.
    public var origin: String?
    /// The Dfns application ID the kit records (`rkit-generate --app-id`):
    /// the printed steps send it from the kit's QR.
    public var appId: String?
    /// base64url credential ID (43 characters).
    public var credentialId: String
    /// The six code groups WITHOUT the `D1-` prefix, e.g. `["9W32PF", "6QFU8", ...]`.
    public var codeGroups: [String]
    /// One check character per group, printed small beside it (optional to type).
    public var checkCharacters: [Character]
    /// What the QR carries: the compact kit JSON.
    public var qrText: String
    /// Creation date as printed, e.g. `2026-11-23`.
    public var createdAt: String
    public var paper: Paper
    /// Put the code half on its own page instead of below a cut line.
    public var splitCodePage: Bool
    /// False for a kit made without a registration challenge: Dfns does not
    /// know it yet, and the paper says so in large type with the command
    /// that registers it (`RecoverySteps.notRegistered`).
    public var registered: Bool

    /// Set when the code was split into share papers: the kit then
    /// carries no code (`codeGroups` empty) and says what it needs instead.
    public var shares: Shares?

    /// What the kit paper says about its code's shares.
    public struct Shares: Sendable {
        /// How many share papers there are, in how many groups.
        public var total: Int
        public var groupCount: Int
        /// "You need 2 of the 3 shares." (the caller's wording of the split).
        public var need: String
        public init(total: Int, groupCount: Int, need: String) {
            self.total = total
            self.groupCount = groupCount
            self.need = need
        }
    }

    public init(username: String, orgId: String? = nil, origin: String? = nil, appId: String? = nil,
                credentialId: String, codeGroups: [String], checkCharacters: [Character],
                qrText: String, createdAt: String, paper: Paper = .a4, splitCodePage: Bool = false,
                registered: Bool = true) {
        self.username = username
        self.orgId = orgId
        self.origin = origin
        self.appId = appId
        self.credentialId = credentialId
        self.codeGroups = codeGroups
        self.checkCharacters = checkCharacters
        self.qrText = qrText
        self.createdAt = createdAt
        self.paper = paper
        self.splitCodePage = splitCodePage
        self.registered = registered
    }

    /// The full recovery code as typed: `D1-` + groups joined by `-`.
    public var recoveryCode: String { "D1-" + codeGroups.joined(separator: "-") }

    /// Short tag printed on both halves so they can be matched by eye once cut
    /// apart, without putting the username on the code half.
    public var kitTag: String { PrintableKit.kitTag(credentialId: credentialId) }

    /// The kit tag of the kit with `credentialId` (the one definition;
    /// rkit-sign asks for it to confirm credentials it did not make).
    public static func kitTag(credentialId: String) -> String { String(credentialId.prefix(8)) }

    /// Rejects kits that would print something misleading (wrong group count,
    /// missing check letters), before any drawing happens.
    func validate() throws(PrintError) {
        if shares != nil {
            guard codeGroups.isEmpty, checkCharacters.isEmpty else { throw .invalidKit("a kit whose code is split into shares carries no code") }
            guard !credentialId.isEmpty else { throw .invalidKit("the credential ID is empty") }
            guard !qrText.isEmpty else { throw .invalidKit("the QR text is empty") }
            return
        }
        guard codeGroups.count == 6, codeGroups.allSatisfy({ !$0.isEmpty && $0.count <= 8 }) else {
            throw .invalidKit("the recovery code must have 6 groups of at most 8 characters (got \(codeGroups.count))")
        }
        guard checkCharacters.count == codeGroups.count || checkCharacters.isEmpty else {
            throw .invalidKit("expected \(codeGroups.count) check characters, got \(checkCharacters.count)")
        }
        guard !credentialId.isEmpty else { throw .invalidKit("the credential ID is empty") }
        guard !qrText.isEmpty else { throw .invalidKit("the QR text is empty") }
    }
}
