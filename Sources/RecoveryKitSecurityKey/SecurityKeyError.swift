/// Why a security key could not be used, as facts. The command line words
/// them with the next step (RecoveryKitCLI/CoreMessages.swift); nothing
/// here names an option or an exit code.
public enum SecurityKeyError: Error, Sendable, Equatable {
    /// No FIDO2 security key is plugged in (libfido2 found none).
    case noDevice
    /// Several keys are plugged in and none was named.
    case severalDevices([SecurityKeyDevice])
    /// The named device could not be opened (`reason` from libfido2 or the socket).
    case cannotOpen(path: String, reason: String)
    /// The key needs its PIN for this and none was given.
    case pinRequired
    /// The PIN was wrong; `retriesLeft` as the key reports it (nil when it would not say).
    case pinInvalid(retriesLeft: Int?)
    /// Too many wrong PINs: the key refuses PINs until it is reset.
    case pinBlocked
    /// Too many wrong PINs in a row for now: unplug the key and plug it in again.
    case pinAuthBlocked
    /// The key has no PIN, and the relying party requires user verification.
    case pinNotSet
    /// The PIN does not meet the key's PIN policy (too short, …).
    case pinPolicy
    /// Nobody touched the key in time (or the touch was refused).
    case userPresenceTimeout
    /// The key already holds a credential the relying party listed in excludeCredentials.
    case credentialExcluded
    /// The key cannot make an ES256 (P-256) credential.
    case unsupportedAlgorithm
    /// The key does not speak FIDO2 (CTAP2), only U2F.
    case notFIDO2
    /// The key's answer could not be read into an attestation object.
    case malformedAnswer(String)
    /// Any other libfido2 error: its code and libfido2's name for it.
    case device(code: Int, name: String)
}

extension SecurityKeyError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .noDevice: return "no FIDO2 security key is plugged in"
        case let .severalDevices(devices):
            return "\(devices.count) security keys are plugged in: " + devices.map(\.shortDescription).joined(separator: "; ")
        case let .cannotOpen(path, reason): return "cannot open security key \(path): \(reason)"
        case .pinRequired: return "the security key needs its PIN"
        case let .pinInvalid(retries):
            return "wrong PIN for the security key" + (retries.map { "; \($0) \($0 == 1 ? "try" : "tries") left before the key locks" } ?? "")
        case .pinBlocked: return "the security key's PIN is blocked (too many wrong PINs); only a reset of the key (which erases its credentials) unlocks it"
        case .pinAuthBlocked: return "the security key refuses PINs until it is unplugged and plugged in again (three wrong PINs in a row)"
        case .pinNotSet: return "the security key has no PIN, and the sign-in requires one"
        case .pinPolicy: return "the PIN does not meet the security key's PIN rules"
        case .userPresenceTimeout: return "the security key was not touched in time"
        case .credentialExcluded: return "the security key already holds a login for this account (the challenge excludes it)"
        case .unsupportedAlgorithm: return "the security key cannot make an ES256 (P-256) credential"
        case .notFIDO2: return "the security key speaks only U2F, not FIDO2"
        case let .malformedAnswer(why): return "the security key's answer is not a usable credential: \(why)"
        case let .device(code, name): return "the security key failed: \(name) (libfido2 error \(code))"
        }
    }
}
