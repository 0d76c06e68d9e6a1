/// Checks a `POST /auth/recover/user` body (docs/SCHEME.md §7) against the kit
/// that signs it and, optionally, the recovery challenge response, and
/// reports every check by name (man/rkit-verify.1, CHECKS).
public struct RequestVerifier: Sendable {
    /// The finding of a check made without the recovery challenge.
    public static let noChallengeLint = "lint.no-challenge"

    public let publicKey: P256PublicKey
    /// The kit's credential ID and envelope (with `--kit`); nil with `--public-key`.
    public let credentialId: String?
    public let envelopeText: String?
    public let challenge: RecoveryChallenge?
    /// The kit's username (with `--kit`): the challenge must name the same user (`FlowRules.user`).
    public let username: String?

    /// `publicKey` must have signed the assertion; `credentialId` and
    /// `envelopeText` (from a kit) and `challenge` add the checks that need them.
    public init(publicKey: P256PublicKey, credentialId: String? = nil, envelopeText: String? = nil,
                challenge: RecoveryChallenge? = nil, username: String? = nil) {
        self.publicKey = publicKey
        self.username = username
        self.credentialId = credentialId
        self.envelopeText = envelopeText
        self.challenge = challenge
    }

    /// Checks the request body in `bytes`; `item` names it in the report.
    /// Never throws: every problem is a failed check.
    public func verify(_ bytes: [UInt8], item: String) -> VerificationReport { review(bytes, item: item).report }

    /// `verify`, and each new credential's findings as data (for a review
    /// screen): the same checks, `NewCredentials.evaluate` per credential.
    public func review(_ bytes: [UInt8], item: String) -> (report: VerificationReport, credentials: [NewCredentials.Credential]) {
        var report = VerificationReport(item: item)
        let request: RecoveryRequest
        do {
            var body = try JSONParser.parse(bytes).requireObject("request body")
            // `kind` gets its own check; parse the rest whatever it says.
            if var recovery = body["recovery"]?.objectValue, let kind = recovery["kind"]?.stringValue {
                report.record("assertion.kind", kind == "RecoveryKey",
                              kind == "RecoveryKey" ? "RecoveryKey" : "expected \"RecoveryKey\", found \"\(kind.prefix(40))\"")
                recovery["kind"] = "RecoveryKey"
                body["recovery"] = .object(recovery)
            }
            request = try RecoveryRequest(json: .object(body))
        } catch {
            report.fail("structure", "\(error)")
            return (report, [])
        }
        report.pass("structure", "recovery assertion and \(request.newCredentials.members.count) new credential(s)")
        report.credentialId = request.credId

        if let credentialId {
            report.record("assertion.cred-id", request.credId.isByteIdentical(to: credentialId), request.credId.isByteIdentical(to: credentialId)
                ? "the kit's credential ID" : "the assertion names \(request.credId.prefix(60)), the kit is \(credentialId)")
        }
        // The assertion's origin: every new credential must name the same one.
        let origin = request.checkAssertion(publicKey: publicKey, into: &report).origin
        checkAllowed(request, into: &report)
        if challenge == nil {
            report.warn(RequestVerifier.noChallengeLint, "no recovery challenge: the new credentials' challenge and the allowed credential IDs were not checked")
        }
        let credentials = request.credentials.map { slot, value in
            NewCredentials.evaluate(slot: slot, value, challenge: challenge, origin: origin, into: &report)
        }
        return (report, credentials)
    }

    func checkAllowed(_ request: RecoveryRequest, into report: inout VerificationReport) {
        guard let challenge else { return }
        let entry = challenge.allowed(id: request.credId)
        report.record("challenge.allowed", entry != nil, entry != nil
            ? "credId is among allowedRecoveryCredentials"
            : "credId is not among the \(challenge.allowedRecoveryCredentials.count) allowedRecoveryCredentials")
        guard let entry else { return }
        let serverEnvelope = entry.encryptedRecoveryKey
        var problems: [String] = []
        if !CredentialID.matches(envelopeText: serverEnvelope, id: entry.id) { problems.append("its hash is not the credential ID") }
        if let envelopeText, !envelopeText.isByteIdentical(to: serverEnvelope) { problems.append("it differs from the kit's envelope") }
        report.record("challenge.envelope", problems.isEmpty, problems.isEmpty
            ? "the server's encryptedRecoveryKey belongs to the credential ID\(envelopeText == nil ? "" : " and is the kit's")"
            : "the server's encryptedRecoveryKey: " + problems.joined(separator: "; "))
        checkUser(challenge, into: &report)
    }

    /// The one user rule of every tool (`FlowRules.user`, refusing).
    func checkUser(_ challenge: RecoveryChallenge, into report: inout VerificationReport) {
        guard let username, !username.isEmpty, let named = challenge.user?.name, !named.isEmpty else { return }
        let finding = FlowRules.user(challengeUser: named, credentialUser: username)
        report.record("challenge.user", finding == nil, finding == nil
            ? "the challenge is for the kit's user"
            : "the challenge is for user \"\(RecoveryError.short(named))\", the kit is for \"\(RecoveryError.short(username))\" (compared as the salt compares them)",
            cause: finding?.error)
    }
}
