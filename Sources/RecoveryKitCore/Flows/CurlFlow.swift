/// Send a body (rkit-sign curl): the body is checked against the challenge
/// before anything is printed. One stage with a throwing form: `prepare`
/// reads the body and applies the two rules (the credential is one the
/// challenge allows; the body carries this challenge); the tool then
/// prints the command (its act).
public enum CurlFlow {
    public struct Prepared: Sendable {
        public let request: RecoveryRequest
        public let challenge: RecoveryChallenge
    }

    public enum Problem: RecoveryKitError, Equatable {
        /// The body's credential is not among the challenge's allowed ones.
        case credentialNotAllowed(credentialId: String)
        /// A refusing rule (the body was signed for another challenge).
        case refused(FlowFinding)

        public var kind: FailureKind { .verificationFailed }
        public var description: String {
            switch self {
            case let .credentialNotAllowed(id): return "the body is signed by credential \(RecoveryError.short(id)), which this challenge does not allow"
            case let .refused(finding): return finding.error.description
            }
        }
    }

    /// Parses the body (the core's typed errors) and checks it against the challenge.
    public static func prepare(body bytes: [UInt8], challenge: RecoveryChallenge) throws -> Prepared {
        let request = try RecoveryRequest(json: try JSONParser.parse(bytes))
        guard challenge.allowed(id: request.credId) != nil else { throw Problem.credentialNotAllowed(credentialId: request.credId) }
        if let finding = FlowRules.bodyChallenge(request, challenge: challenge), finding.verdict == .refuse {
            throw Problem.refused(finding)
        }
        return Prepared(request: request, challenge: challenge)
    }
}
