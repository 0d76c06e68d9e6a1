/// Why a kit file or kit QR text could not be read. Cases carry the facts;
/// `description` is the one-line message (no command-line advice: the CLI
/// adds that).
public enum KitError: RecoveryKitError, Equatable {
    /// Why a document is not a kit at all.
    public enum NotAKit: Sendable, Equatable {
        case json(JSONError)
        case notObject(found: String)
        case notRecoveryKey(kind: String)
        case noFormatKey
    }

    /// Which part of a kit is damaged.
    public enum Damage: Sendable, Equatable {
        case missing(String)
        /// A field that breaks the rule its command-line option meets.
        case invalidField(String, why: String)
        case notString(String, found: String)
        case notObject(String)
        case missingObject(String)
        case envelope(EnvelopeError)
        case attestation(any RecoveryKitError)
        case credential(any RecoveryKitError)

        public static func == (a: Damage, b: Damage) -> Bool { "\(a)" == "\(b)" }
    }

    case unrecognized(NotAKit)
    case unsupportedFormat(String)
    /// QR text with an `rk` version this rkit does not read (as JSON text).
    case unsupportedQRVersion(String)
    case damaged(Damage)
    case selfCheckFailed(String)

    public var kind: FailureKind {
        switch self {
        case .selfCheckFailed: return .system
        default: return .malformedInput
        }
    }

    public var description: String {
        switch self {
        case let .unrecognized(why): return "not a recovery kit: \(why); give kit.json or the text of the kit's QR code"
        case let .unsupportedFormat(found): return "kit format \"\(found.prefix(40))\" is not one this rkit reads (it reads \(RecoveryKit.format) and QR version 1)"
        case let .unsupportedQRVersion(found): return KitError.unsupportedFormat("QR \(found)").description
        case let .damaged(why): return "the kit is damaged: \(why)"
        case let .selfCheckFailed(why): return "internal self-check failed, nothing was written: \(why)"
        }
    }
}

extension KitError.NotAKit: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .json(error): return "\(error)"
        case let .notObject(found): return "expected a JSON object, found \(found)"
        case let .notRecoveryKey(kind): return "a \(kind) credential holds no encrypted private key"
        case .noFormatKey: return "no \"format\", \"rk\" or \"credentialKind\" field"
        }
    }
}

extension KitError.Damage: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .missing(key): return "missing \"\(key)\""
        case let .invalidField(key, why): return "\"\(key)\" is refused: \(why)"
        case let .notString(key, found): return "\"\(key)\" must be a string, found \(found)"
        case let .notObject(key): return "\"\(key)\" must be an object"
        case let .missingObject(key): return "missing \"\(key)\" object"
        case let .envelope(error): return "\(error)"
        case let .attestation(error): return "attestation: \(error)"
        case let .credential(error): return "credential: \(error)"
        }
    }
}
