import ArgumentParser
import RecoveryKitCore

/// `--origin URL` as typed. Parsing never fails here, so a bad origin is
/// refused by `normalized()` as one rkit usage line (exit 2) naming the
/// rule, the same in every tool.
public struct OriginArgument: ExpressibleByArgument, Sendable {
    public let text: String

    public init?(argument: String) { text = argument }

    /// The origin in the one form client data carries (`ApplicationOrigin`).
    public func normalized() throws -> String {
        do { return try ApplicationOrigin.normalized(text) } catch let error as OriginError {
            throw CLIFailure.usage("--origin \(text): \(error)")
        }
    }
}

/// `--org-id ID` as typed; `validated()` applies the one org-ID rule
/// (`OrgID`) and words its refusal.
public struct OrgIDArgument: ExpressibleByArgument, Sendable {
    public let text: String

    public init?(argument: String) { text = argument }

    public func validated() throws -> String {
        guard OrgID.isValid(text) else { throw CLIFailure.usage(CoreMessages.orgIDRequirement) }
        return text
    }
}
