import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitSecurityKey

/// rkit-sign's words for a security key: its name in a review, its errors
/// with the next step, the PIN prompt and the touch line. Texts from the
/// key (product, manufacturer) are untrusted and escaped.
enum SecurityKeyWords {
    static func shown(_ text: String, _ max: Int = 80) -> String { TerminalText.sanitize(text, maxLength: max) }

    /// `MANUFACTURER PRODUCT (DEVICE), AAGUID …`.
    static func name(_ made: RecoverFlow.SecurityKeyPasskey) -> String {
        name(device: made.device, product: made.product, manufacturer: made.manufacturer) + ", AAGUID \(shown(made.aaguid, 40))"
    }

    static func name(device: String, product: String, manufacturer: String) -> String {
        let label = [manufacturer, product].filter { !$0.isEmpty }.map { shown($0) }.joined(separator: " ")
        return (label.isEmpty ? "(no name)" : label) + " (\(shown(device, 200)))"
    }

    /// The one line for a key that cannot go on, with the next step.
    static func failure(_ error: SecurityKeyError, device: String?) -> CLIFailure {
        switch error {
        case .noDevice:
            return CLIFailure(.malformedInput, "no FIDO2 security key is plugged in: plug in your security key (or name it: --security-key /dev/hidrawN); nothing was signed")
        case let .severalDevices(devices):
            return CLIFailure(.malformedInput, "\(devices.count) security keys are plugged in (\(devices.map { shown($0.shortDescription, 120) }.joined(separator: "; "))): name one with --security-key PATH, or unplug the others; nothing was signed")
        case .cannotOpen:
            return CLIFailure(.malformedInput, "\(shown(error.description, 300)); check that the key is plugged in and that you may open it (udev rules, or run as root); nothing was signed")
        case .pinNotSet:
            return CLIFailure(.malformedInput, "the security key has no PIN, and the sign-in requires one: set a PIN first (e.g. 'fido2-token -S \(shown(device ?? "DEVICE", 200))' or the key maker's tool), then run this again; nothing was signed")
        case .pinBlocked:
            return CLIFailure(.wrongSecret, "the security key's PIN is blocked (too many wrong PINs): only a reset of the key unblocks it, which erases its passkeys ('fido2-token -R'); or use another key; nothing was signed")
        case .pinAuthBlocked:
            return CLIFailure(.wrongSecret, "the security key refuses PINs until it is unplugged: unplug it, plug it in again and run this again; nothing was signed")
        case let .pinInvalid(retries):
            let left = retries.map { "; \($0) \($0 == 1 ? "try" : "tries") left before the key locks" } ?? ""
            return CLIFailure(.wrongSecret, "wrong PIN for the security key\(left); nothing was signed")
        case .userPresenceTimeout:
            return CLIFailure(.malformedInput, "the security key was not touched in time: run this again and touch the key when asked; nothing was signed")
        case .credentialExcluded:
            return CLIFailure(.malformedInput, "the security key already holds a login for this account (the challenge excludes it): use another security key; nothing was signed")
        case .unsupportedAlgorithm:
            return CLIFailure(.malformedInput, "the security key cannot make an ES256 (P-256) passkey: use another security key; nothing was signed")
        case .notFIDO2:
            return CLIFailure(.malformedInput, "the security key speaks only U2F, not FIDO2: a passkey needs a FIDO2 key; nothing was signed")
        default:
            return CLIFailure(.malformedInput, "\(shown(error.description, 300)); nothing was signed")
        }
    }
}
