/// Why a kit file or kit QR text could not be read.
public enum KitError: RecoveryKitError, Equatable {
    case unrecognized(String)
    case unsupportedFormat(String)
    case field(String)
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
        case let .field(why): return "the kit is damaged: \(why)"
        case let .selfCheckFailed(why): return "internal self-check failed, nothing was written: \(why)"
        }
    }
}
