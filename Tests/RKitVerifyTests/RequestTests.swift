import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// Recovery request bodies: a valid one verifies (here and in the Node
/// reference frontend); tampering with any field is caught.
@Suite struct RequestTests {
    static let recoveryChallenge = "Y2gtcmVjb3Zlcnk"

    struct Scenario {
        let directory: TemporaryDirectory
        let kit: RecoveryKit
        let privateKey: P256PrivateKey
        let newCredentials: JSONObject
        let kitFile: String
        let publicKeyFile: String
        let challengeFile: String

        func body(_ request: RecoveryRequest) throws -> String { try directory.write("body.json", request.text) }

        func sign(_ newCredentials: JSONObject) throws -> RecoveryRequest {
            try RecoveryRequest.sign(newCredentials: newCredentials, credId: kit.credentialId, privateKey: privateKey,
                                     origin: Fixtures.origin)
        }
    }

    static func scenario() throws -> Scenario {
        let old = try Fixtures.kit("judy@example.com")
        let privateKey = try old.kit.envelope.open(code: old.code, username: old.kit.username)
        let device = try P256PrivateKey.generate()
        let firstFactor = try KeyCredential.make(kind: .key, credId: try CredentialID.random(), privateKey: device,
                                                 challenge: recoveryChallenge, origin: Fixtures.origin)
        let newKit = try KitGenerator.make(.init(username: "judy@example.com", origin: Fixtures.origin, challenge: recoveryChallenge))
        let newCredentials: JSONObject = ["firstFactorCredential": firstFactor.json, "recoveryCredential": newKit.kit.attestation!.json]
        let directory = try TemporaryDirectory()
        let challenge: JSONValue = [
            "challenge": .string(recoveryChallenge),
            "temporaryAuthenticationToken": "token",
            "user": ["id": "us-1", "name": .string(old.kit.username)], "rp": ["id": "app.example.com", "name": "Example"],
            "allowedRecoveryCredentials": [
                ["id": "c29tZW9uZS1lbHNl", "encryptedRecoveryKey": "eA=="],
                ["id": .string(old.kit.credentialId), "encryptedRecoveryKey": .string(old.kit.envelope.text)],
            ],
        ]
        return Scenario(directory: directory, kit: old.kit, privateKey: privateKey, newCredentials: newCredentials,
                        kitFile: try directory.write("kit.json", old.kit.kitFileText),
                        publicKeyFile: try directory.write("key.pem", old.kit.publicKeyPEM!),
                        challengeFile: try directory.write("challenge.json", JSONText.stringify(challenge)))
    }

    func run(_ scenario: Scenario, body: String, _ extra: [String] = []) throws -> (ToolResult, JSONObject) {
        let path = try scenario.directory.write("body.json", body)
        let result = try Fixtures.verify(["request", "--json", "--kit", scenario.kitFile, "--challenge", scenario.challengeFile] + extra + [path])
        let line = try Fixtures.jsonLines(result.stdout)[0]
        #expect(ManPage.undocumented([line]).isEmpty)
        return (result, line)
    }

    @Test func aSignedRequestVerifiesHereAndInTheReferenceFrontend() throws {
        let scenario = try Self.scenario()
        let request = try scenario.sign(scenario.newCredentials)
        let (result, line) = try run(scenario, body: request.text)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(line["credentialId"]?.stringValue == scenario.kit.credentialId)
        #expect(Fixtures.findings(line).isEmpty)
        // Each report names the form it saw: rkit writes the reference
        // frontend's for the RecoveryKey and the assertion, the documented one for its Key.
        #expect(Fixtures.detail(line, "new.recoveryCredential.client-data")?.contains("the reference frontend's form") == true)
        #expect(Fixtures.detail(line, "new.firstFactorCredential.client-data")?.contains("Dfns's documented sorted form") == true)
        #expect(Fixtures.detail(line, "assertion.client-data")?.hasSuffix("members type, challenge, origin, crossOrigin") == true)
        for name in ["structure", "assertion.kind", "assertion.cred-id", "assertion.client-data", "assertion.type",
                     "assertion.signature", "assertion.challenge", "challenge.allowed", "challenge.envelope",
                     "new.firstFactorCredential.structure", "new.firstFactorCredential.signature",
                     "new.firstFactorCredential.challenge", "new.recoveryCredential.signature",
                     "new.recoveryCredential.challenge", "new.recoveryCredential.credential-id"] {
            #expect(Fixtures.checkNames(line).contains(name), "\(name)")
        }
        #expect(result.stderr == "1 passed, 0 failed\n")

        // With only the public key, and for people.
        let people = try Fixtures.verify(["request", "--public-key", scenario.publicKeyFile, try scenario.body(request)])
        #expect(people.status == 0)
        #expect(people.stdout.hasPrefix("✓ "))
        #expect(people.stdout.contains("lint.no-challenge"))
        #expect(people.stdout.hasSuffix("1 passed, 0 failed\n"))

        let reference = try ReferenceFrontend.run(["verify-request"], stdin: JSONText.stringify([
            "body": .string(request.text), "publicKey": .string(scenario.kit.publicKeyPEM!), "challenge": .string(Self.recoveryChallenge),
        ]))
        #expect(reference.status == 0, "\(reference.stdout)")
    }

    /// Every field of every new credential, changed after signing.
    @Test func tamperingWithNewCredentialsIsCaught() throws {
        let scenario = try Self.scenario()
        let request = try scenario.sign(scenario.newCredentials)
        for slot in ["firstFactorCredential", "recoveryCredential"] {
            let credential = scenario.newCredentials[slot]!.objectValue!
            var tampered: [(String, JSONObject)] = []
            var kindChanged = credential
            kindChanged["credentialKind"] = slot == "recoveryCredential" ? "Key" : "RecoveryKey"
            tampered.append(("credentialKind", kindChanged))
            for field in ["credId", "clientData", "attestationData"] {
                var info = credential["credentialInfo"]!.objectValue!
                let value = info[field]!.stringValue!
                info[field] = .string(String(value.dropLast()) + (value.last == "A" ? "B" : "A"))
                var changed = credential
                changed["credentialInfo"] = .object(info)
                tampered.append((field, changed))
            }
            if credential["encryptedPrivateKey"] != nil {
                var changed = credential
                changed["encryptedPrivateKey"] = .string(try Fixtures.flipped(try KeyEnvelope(text: credential["encryptedPrivateKey"]!.stringValue!)).text)
                tampered.append(("encryptedPrivateKey", changed))
            }
            for (field, changed) in tampered {
                var newCredentials = scenario.newCredentials
                newCredentials[slot] = .object(changed)
                let body = RecoveryRequest(credId: request.credId, clientData: request.clientData, signature: request.signature,
                                           newCredentials: newCredentials)
                let (result, line) = try run(scenario, body: body.text)
                #expect(result.status == 1, "\(slot).\(field)")
                #expect(Fixtures.failing(line).first == "assertion.challenge", "\(slot).\(field): \(Fixtures.failing(line))")
            }
        }
    }

    /// A new credential that is itself bad, even when the kit signs it.
    @Test func badNewCredentialsAreCaughtEvenWhenSigned() throws {
        let scenario = try Self.scenario()
        var badSignature = scenario.newCredentials
        badSignature["firstFactorCredential"] = try Fixtures.badSignature(KeyCredential(json: scenario.newCredentials["firstFactorCredential"]!)).json
        let (signed, signedLine) = try run(scenario, body: try scenario.sign(badSignature).text)
        #expect(signed.status == 1)
        #expect(Fixtures.failing(signedLine) == ["new.firstFactorCredential.signature"])

        var wrongChallenge = scenario.newCredentials
        wrongChallenge["firstFactorCredential"] = try KeyCredential.make(kind: .key, credId: "a2V5", privateKey: try P256PrivateKey.generate(),
                                                                         challenge: "another-challenge", origin: Fixtures.origin).json
        let (_, challengeLine) = try run(scenario, body: try scenario.sign(wrongChallenge).text)
        #expect(Fixtures.failing(challengeLine) == ["new.firstFactorCredential.challenge"])

        var wrongId = scenario.newCredentials
        var recovery = scenario.newCredentials["recoveryCredential"]!.objectValue!
        var info = recovery["credentialInfo"]!.objectValue!
        info["credId"] = "bm90LXRoZS1oYXNo"
        recovery["credentialInfo"] = .object(info)
        wrongId["recoveryCredential"] = .object(recovery)
        let (_, idLine) = try run(scenario, body: try scenario.sign(wrongId).text)
        #expect(Fixtures.failing(idLine) == ["new.recoveryCredential.credential-id"])
    }

    /// Every field of the assertion.
    @Test func tamperingWithTheAssertionIsCaught() throws {
        let scenario = try Self.scenario()
        let request = try scenario.sign(scenario.newCredentials)
        let body = request.json.objectValue!
        func changed(_ edit: (inout JSONObject) -> Void) -> String {
            var recovery = body["recovery"]!.objectValue!
            var assertion = recovery["credentialAssertion"]!.objectValue!
            edit(&assertion)
            recovery["credentialAssertion"] = .object(assertion)
            var copy = body
            copy["recovery"] = .object(recovery)
            return JSONText.stringify(.object(copy))
        }
        let otherClientData = Array(ClientData.text(type: ClientData.get, challenge: try ClientData(bytes: request.clientData).challenge,
                                                    origin: "https://evil.example.com", order: .frontend).utf8)
        var flippedSignature = request.signature
        flippedSignature[flippedSignature.count - 1] ^= 1
        let cases: [(String, String, [String])] = [
            ("credId", changed { $0["credId"] = "bm90LWFsbG93ZWQ" }, ["assertion.cred-id", "challenge.allowed"]),
            // Another origin in the assertion: its signature fails, and every new
            // credential now names another origin than the assertion's.
            ("clientData", changed { $0["clientData"] = .string(Base64URL.encode(otherClientData)) },
             ["assertion.signature", "new.firstFactorCredential.origin", "new.recoveryCredential.origin"]),
            ("signature", changed { $0["signature"] = .string(Base64URL.encode(flippedSignature)) }, ["assertion.signature"]),
        ]
        for (field, text, expected) in cases {
            let (result, line) = try run(scenario, body: text)
            #expect(result.status == 1, "\(field)")
            #expect(Fixtures.failing(line) == expected, "\(field): \(Fixtures.failing(line))")
        }
        var recovery = body["recovery"]!.objectValue!
        recovery["kind"] = "Key"
        var kindChanged = body
        kindChanged["recovery"] = .object(recovery)
        let (kindResult, kindLine) = try run(scenario, body: JSONText.stringify(.object(kindChanged)))
        #expect(kindResult.status == 1)
        #expect(Fixtures.failing(kindLine) == ["assertion.kind"])

        // Signed by another key: with --public-key only the signature can tell.
        let stranger = try P256PrivateKey.generate()
        let forged = try RecoveryRequest.sign(newCredentials: scenario.newCredentials, credId: scenario.kit.credentialId,
                                              privateKey: stranger, origin: Fixtures.origin)
        let (_, forgedLine) = try run(scenario, body: forged.text)
        #expect(Fixtures.failing(forgedLine) == ["assertion.signature"])
    }

    /// Placed credentials that differ in bytes from the signed ones fail
    /// (issue 13 finding 3): reordered members, and text that Swift's
    /// String == calls equal (KELVIN SIGN for K). Whitespace only in the
    /// signed text is a lint.
    @Test func placedCredentialsMustBeTheSignedBytes() throws {
        let scenario = try Self.scenario()
        let request = try scenario.sign(scenario.newCredentials)
        let reordered = JSONObject(scenario.newCredentials.members.reversed())
        let body = RecoveryRequest(credId: request.credId, clientData: request.clientData, signature: request.signature, newCredentials: reordered)
        let (result, line) = try run(scenario, body: body.text)
        #expect(result.status == 1)
        #expect(Fixtures.failing(line) == ["assertion.challenge"])

        // "\u212Aey" for "Key" in the placed credentials only.
        let kelvin = request.text.replacingOccurrences(of: #""newCredentials":{"firstFactorCredential":{"credentialKind":"Key""#,
                                                       with: "\"newCredentials\":{\"firstFactorCredential\":{\"credentialKind\":\"\u{212A}ey\"")
        // Swift calls the two equal; the bytes differ.
        #expect(!kelvin.isByteIdentical(to: request.text) && kelvin == request.text)
        let (kelvinResult, kelvinLine) = try run(scenario, body: kelvin)
        #expect(kelvinResult.status == 1)
        #expect(Fixtures.failing(kelvinLine).contains("assertion.challenge"), "\(Fixtures.failing(kelvinLine))")
        #expect(Fixtures.failing(kelvinLine).contains("new.firstFactorCredential.kind"), "\(Fixtures.failing(kelvinLine))")

        // The same text with whitespace in the signed copy: a lint only.
        let spaced = JSONText.stringify(.object(scenario.newCredentials)).replacingOccurrences(of: #"{"firstFactorCredential":"#, with: #"{ "firstFactorCredential" :"#)
        let clientData = Array(ClientData.assertionText(signedText: spaced, origin: Fixtures.origin).utf8)
        let respaced = RecoveryRequest(credId: request.credId, clientData: clientData, signature: try scenario.privateKey.signature(for: clientData),
                                       newCredentials: scenario.newCredentials)
        let (spacedResult, spacedLine) = try run(scenario, body: respaced.text)
        #expect(spacedResult.status == 0, "\(spacedResult.stdout)")
        #expect(Fixtures.findings(spacedLine) == ["lint.challenge-bytes"])
    }

    @Test func passkeysAreCheckedAsFarAsPossible() throws {
        let scenario = try Self.scenario()
        var good = scenario.newCredentials
        good["firstFactorCredential"] = SyntheticPasskey.make(challenge: Self.recoveryChallenge, origin: Fixtures.origin,
                                                                  extra: [("other_keys_can_be_added_here", "do not compare clientDataJSON against a template")])
        let (result, line) = try run(scenario, body: try scenario.sign(good).text)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(Fixtures.warnings(line).contains("lint.fido2-attestation"))
        for check in ["type", "challenge", "origin", "attestation", "credential-id"] {
            #expect(Fixtures.checkNames(line).contains("new.firstFactorCredential.\(check)"), "\(check)")
        }
        #expect(Fixtures.formLines(line).contains { $0.contains("other_keys_can_be_added_here") })
        #expect(Fixtures.detail(line, "new.firstFactorCredential.client-data")?.contains("other_keys_can_be_added_here") == true)

        let cases: [(String, JSONValue, String)] = [
            ("another challenge", SyntheticPasskey.make(challenge: "stale-challenge", origin: Fixtures.origin), "new.firstFactorCredential.challenge"),
            ("another origin", SyntheticPasskey.make(challenge: Self.recoveryChallenge, origin: "https://evil.example.com"),
             "new.firstFactorCredential.origin"),
            ("another type", SyntheticPasskey.make(challenge: Self.recoveryChallenge, origin: Fixtures.origin, type: "webauthn.get"),
             "new.firstFactorCredential.type"),
        ]
        for (what, passkey, check) in cases {
            var bad = scenario.newCredentials
            bad["firstFactorCredential"] = passkey
            let (badResult, badLine) = try run(scenario, body: try scenario.sign(bad).text)
            #expect(badResult.status == 1, "\(what)")
            #expect(Fixtures.failing(badLine) == [check], "\(what): \(Fixtures.failing(badLine))")
        }
    }

    @Test func requestExitStatuses() throws {
        let scenario = try Self.scenario()
        let body = try scenario.body(try scenario.sign(scenario.newCredentials))
        #expect(try Fixtures.verify(["request", body]).status == 2)
        #expect(try Fixtures.verify(["request", "--kit", scenario.kitFile, "--public-key", scenario.publicKeyFile, body]).status == 2)
        #expect(try Fixtures.verify(["request", "--kit", scenario.kitFile, scenario.directory.file("nope.json")]).status == 3)
        let badChallenge = try scenario.directory.write("bad-challenge.json", "{\"challenge\":1}")
        #expect(try Fixtures.verify(["request", "--kit", scenario.kitFile, "--challenge", badChallenge, body]).status == 4)
        let notJSON = try scenario.directory.write("garbage.json", "not json")
        let garbage = try Fixtures.verify(["request", "--kit", scenario.kitFile, notJSON])
        #expect(garbage.status == 1)
        #expect(garbage.stdout.contains("structure: "))
    }
}
