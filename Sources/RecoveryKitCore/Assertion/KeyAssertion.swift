/// A Dfns key assertion (`credentialAssertion` of a `Key` or `RecoveryKey`
/// credential): `key.get` client data carrying a challenge, and the
/// credential key's ECDSA P-256 signature over those exact bytes
/// (docs/SCHEME.md §7). Nothing here is specific to recovery: the recovery
/// request signs the text of its new credentials with it (its challenge is
/// base64url of that text); another Dfns challenge can be signed the same way.
///
/// ```
/// {"credId":…,"clientData":<base64url>,"signature":<base64url DER>}
/// ```
public struct KeyAssertion: Sendable {
    public let credId: String
    /// The client data's exact bytes, as signed.
    public let clientData: [UInt8]
    public let signature: [UInt8]

    public init(credId: String, clientData: [UInt8], signature: [UInt8]) {
        self.credId = credId
        self.clientData = clientData
        self.signature = signature
    }

    /// Signs `key.get` client data whose challenge is `challenge`, as given
    /// (already in the form the server compares), for `origin`.
    public static func sign(challenge: String, credId: String, privateKey: P256PrivateKey, origin: String,
                            order: ClientData.KeyOrder = .frontend) throws -> KeyAssertion {
        let clientData = Array(ClientData.text(type: ClientData.get, challenge: challenge, origin: origin, order: order).utf8)
        return KeyAssertion(credId: credId, clientData: clientData, signature: try privateKey.signature(for: clientData))
    }

    /// `credentialAssertion` as JSON.
    public var json: JSONValue {
        [
            "credId": .string(credId),
            "clientData": .string(Base64URL.encode(clientData)),
            "signature": .string(Base64URL.encode(signature)),
        ]
    }

    /// Reads a `credentialAssertion` object found at `path` (named in errors).
    public init(json assertion: JSONObject, at path: String) throws {
        credId = try assertion.string("credId", at: path)
        do { clientData = try Base64URL.decode(try assertion.string("clientData", at: path)) } catch let error as EncodingError {
            throw CredentialError.invalidValue(field: "\(path).clientData", why: "\(error)")
        }
        do { signature = try Base64URL.decode(try assertion.string("signature", at: path)) } catch let error as EncodingError {
            throw CredentialError.invalidValue(field: "\(path).signature", why: "\(error)")
        }
    }

    /// The generic checks (`assertion.client-data`, `assertion.type`,
    /// `assertion.signature`, man/rkit-verify.1): the client data names an
    /// origin and is not cross-origin, its type is `key.get`, and the
    /// signature verifies under `publicKey` (DER or raw r||s). Returns the
    /// client data when it is usable; what its challenge must be is the
    /// caller's (e.g. `RecoveryRequest`).
    func check(publicKey: P256PublicKey, into report: inout VerificationReport) -> ClientData? {
        var usable: ClientData? = nil
        do {
            let parsed = try ClientData(bytes: clientData)
            if let origin = parsed.origin, parsed.crossOrigin != true {
                usable = parsed
                report.pass("assertion.client-data", "origin \(origin); members \(parsed.keys.joined(separator: ", "))")
            } else {
                let problem = parsed.origin == nil ? "the assertion's client data names no origin" : "crossOrigin is true"
                report.fail("assertion.client-data", problem, cause: CredentialError.invalidValue(field: "clientData", why: problem))
            }
            let typeOK = parsed.type.isByteIdentical(to: ClientData.get)
            let typeProblem = "expected \"key.get\", found \"\(parsed.type.prefix(40))\""
            report.record("assertion.type", typeOK, typeOK ? "key.get" : typeProblem,
                          cause: CredentialError.invalidValue(field: "clientData.type", why: typeProblem))
            if parsed.keys != ["type", "challenge", "origin", "crossOrigin"] {
                report.warn("lint.client-data-form", "the assertion's clientData has the members \(parsed.keys.joined(separator: ", ")), not the reference frontend's and the Python SDK's order (type, challenge, origin, crossOrigin)")
            }
        } catch {
            report.fail("assertion.client-data", "\(error)", cause: error as? any RecoveryKitError)
        }
        if let format = publicKey.signatureFormat(signature, for: clientData) {
            report.pass("assertion.signature", "verifies under the kit's public key (\(format == .der ? "DER" : "raw r||s"))")
        } else {
            report.fail("assertion.signature", "does not verify over the client data bytes under the kit's public key",
                        cause: CredentialError.signatureInvalid("recovery assertion"))
        }
        return usable
    }
}
