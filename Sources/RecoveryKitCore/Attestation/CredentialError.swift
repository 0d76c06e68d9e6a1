/// Why a credential, client data or recovery request is not acceptable.
public enum CredentialError: RecoveryKitError, Equatable {
    case missingField(String)
    case wrongType(field: String, expected: String)
    case invalidValue(field: String, why: String)
    case signatureInvalid(String)
    /// The assertion's signed challenge is not the body's `newCredentials`.
    case changedAfterSigning

    public var kind: FailureKind {
        switch self {
        case .signatureInvalid, .changedAfterSigning: return .verificationFailed
        default: return .malformedInput
        }
    }

    public var description: String {
        switch self {
        case let .missingField(field): return "missing field \"\(field)\""
        case let .wrongType(field, expected): return "field \"\(field)\" must be \(expected)"
        case let .invalidValue(field, why): return "field \"\(field)\" is invalid: \(why)"
        case let .signatureInvalid(what): return "the signature of the \(what) does not verify"
        case .changedAfterSigning:
            return "the signed challenge does not match newCredentials: the new credentials were changed after signing"
        }
    }
}

/// Typed access to fields of parsed JSON, with errors that name the path.
extension JSONObject {
    func string(_ key: String, at path: String = "") throws -> String {
        let name = path.isEmpty ? key : "\(path).\(key)"
        guard let value = self[key] else { throw CredentialError.missingField(name) }
        guard let string = value.stringValue else { throw CredentialError.wrongType(field: name, expected: "a string") }
        return string
    }

    func object(_ key: String, at path: String = "") throws -> JSONObject {
        let name = path.isEmpty ? key : "\(path).\(key)"
        guard let value = self[key] else { throw CredentialError.missingField(name) }
        guard let object = value.objectValue else { throw CredentialError.wrongType(field: name, expected: "an object") }
        return object
    }
}

extension JSONValue {
    /// The value as an object, or a typed error naming `what` it should be.
    public func requireObject(_ what: String) throws -> JSONObject {
        guard let object = objectValue else { throw CredentialError.wrongType(field: what, expected: "a JSON object") }
        return object
    }
}
