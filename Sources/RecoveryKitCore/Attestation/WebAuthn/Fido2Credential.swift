/// A passkey credential as Dfns's SDK hands it to the server, and as
/// rkit-sign reads it from `--new-credentials`:
///
/// ```
/// {"credentialKind":"Fido2","credentialInfo":{"credId":…,"clientData":…,"attestationData":…}}
/// ```
///
/// Facts (dfns/dfns-sdk-ts, packages/sdk-browser/signers/webauthn.ts,
/// `WebAuthnSigner.create`; the type `Fido2Attestation` in
/// packages/sdk/store.ts; `CreateCredentialBody` in
/// packages/sdk/generated/auth/types.ts): `credId` is the browser's
/// `PublicKeyCredential.id` (base64url of the raw credential ID, no
/// padding); `clientData` is base64url of `clientDataJSON`;
/// `attestationData` is base64url of the CBOR `attestationObject`. The
/// SDK's base64url drops `=` padding, which is what `Base64URL` reads.
///
/// Other top-level members (`credentialName`, `challengeIdentifier` of a
/// `CreateCredentialBody`) are left to the caller's body rules;
/// `credentialInfo` must hold exactly the three members.
package struct Fido2Credential: Sendable {
    package static let kind = "Fido2"

    /// The outer `credId` text as given.
    package let credId: String
    /// The exact `clientDataJSON` bytes (what the attestation signs a hash of).
    package let clientDataJSON: [UInt8]
    package let attestationObject: AttestationObject

    package init(json: JSONValue) throws {
        let object = try json.requireObject("credential")
        let kind = try object.string("credentialKind")
        guard kind.utf8.elementsEqual(Fido2Credential.kind.utf8) else {
            throw CredentialError.invalidValue(field: "credentialKind", why: "\"\(kind.prefix(40))\" is not Fido2")
        }
        let info = try object.object("credentialInfo")
        for key in info.keys where !["credId", "clientData", "attestationData"].contains(where: { $0.utf8.elementsEqual(key.utf8) }) {
            throw CredentialError.invalidValue(field: "credentialInfo", why: "unexpected member \"\(key.prefix(40))\"")
        }
        func decoded(_ key: String) throws -> [UInt8] {
            let text = try info.string(key, at: "credentialInfo")
            do { return try Base64URL.decode(text) } catch {
                throw CredentialError.invalidValue(field: "credentialInfo.\(key)", why: "\(error)")
            }
        }
        credId = try info.string("credId", at: "credentialInfo")
        _ = try decoded("credId")
        clientDataJSON = try decoded("clientData")
        attestationObject = try AttestationObject(bytes: try decoded("attestationData"))
    }

    /// Whether the outer `credId` names the credential inside the
    /// authenticator data (compared as decoded bytes).
    package var credentialIdMatches: Bool {
        (try? Base64URL.decode(credId)) == attestationObject.credential.credentialId
    }

    /// Verifies the attestation statement and gathers what a review shows.
    /// Throws `WebAuthnError.signatureInvalid` when a signature fails.
    package func summary() throws -> PasskeySummary {
        let verdict = try attestationObject.verify(clientDataJSON: clientDataJSON)
        return PasskeySummary(attestationObject: attestationObject, verdict: verdict, credentialIdMatches: credentialIdMatches)
    }
}
