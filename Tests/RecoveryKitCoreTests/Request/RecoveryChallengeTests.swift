import Testing
@testable import RecoveryKitCore

/// Reading the init response: the documented shape (seed 003) parses, and
/// each missing or ill-typed field is named.
@Suite struct RecoveryChallengeTests {
    static let documented = """
        {"user":{"id":"<string>","displayName":"<string>","name":"<string>"},"temporaryAuthenticationToken":"<string>",
         "challenge":"<string>","supportedCredentialKinds":{"firstFactor":["Fido2"],"secondFactor":["Fido2"]},
         "authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"required","authenticatorAttachment":"platform"},
         "attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":123}],
         "excludeCredentials":[{"type":"public-key","id":"cr-6uunn-bm6ja-f6rmod5kqrk5rbel"}],"otpUrl":"<string>",
         "allowedRecoveryCredentials":[{"id":"<string>","encryptedRecoveryKey":"<string>"}],"rp":{"id":"<string>","name":"<string>"}}
        """

    @Test func documentedShapeParses() throws {
        let parsed = try RecoveryChallenge(bytes: Array(Self.documented.utf8))
        #expect(parsed.challenge == "<string>")
        #expect(parsed.firstFactorKinds == ["Fido2"])
        #expect(parsed.allowedRecoveryCredentials == [.init(id: "<string>", encryptedRecoveryKey: "<string>")])
        #expect(parsed.rp?.id == "<string>" && parsed.user?.name == "<string>")
    }

    @Test(arguments: [
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"rp":{"id":"r"}}"#, "missing field \"allowedRecoveryCredentials\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"rp":{"id":"r"},"allowedRecoveryCredentials":[]}"#, "allowedRecoveryCredentials is empty"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"rp":{"id":"r"},"allowedRecoveryCredentials":[{"id":"a"}]}"#,
         "missing field \"allowedRecoveryCredentials[0].encryptedRecoveryKey\""),
        (#"{"challenge":"","temporaryAuthenticationToken":"t","allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"challenge\" is empty"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"rp":{"id":"r"},"supportedCredentialKinds":{"firstFactor":"Key"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"supportedCredentialKinds.firstFactor\" must be an array of strings, found a string"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":"me","allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"user\" must be an object, found a string"),
        (#"[1]"#, "expected a JSON object, found an array"),
        (#"{"challenge":"c","challenge":"d"}"#, "twice"),
    ])
    func namesTheField(json: String, message: String) {
        do {
            _ = try RecoveryChallenge(bytes: Array(json.utf8))
            Issue.record("accepted \(json)")
        } catch let error as RecoveryError {
            #expect(error.kind == .malformedInput)
            #expect(error.description.contains(message), "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Issue 20, finding 7: without `user` or `rp` the user check, the
    /// origin-versus-relying-party check and the rpIdHash check would
    /// vanish, so such a challenge is refused when read.
    @Test(arguments: [
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","rp":{"id":"r"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "missing field \"user\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "missing field \"rp\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "missing field \"user\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"id":"x"},"rp":{"id":"r"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "missing field \"user.name\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"rp":{"name":"r"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "missing field \"rp.id\""),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":{"name":"u"},"rp":{"id":""},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "field \"rp.id\" is empty"),
        (#"{"challenge":"c","temporaryAuthenticationToken":"t","user":null,"rp":{"id":"r"},"allowedRecoveryCredentials":[{"id":"a","encryptedRecoveryKey":"e"}]}"#,
         "missing field \"user\""),
    ])
    func userAndRelyingPartyAreRequired(json: String, message: String) {
        #expect(throws: RecoveryError.self) { try RecoveryChallenge(bytes: Array(json.utf8)) }
        do { _ = try RecoveryChallenge(bytes: Array(json.utf8)) } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    /// Issue 20, finding 8: sizes bounded when read. A 4 MB challenge
    /// string is refused by the reader (so before any code is asked or any
    /// KDF runs), as are an over-long token and too many credentials; the
    /// largest allowed challenge still reads.
    @Test func sizesAreBoundedWhenRead() throws {
        func response(challenge: String = "c", token: String = "t", credentials: Int = 1) -> [UInt8] {
            let list = (0..<credentials).map { #"{"id":"a\#($0)","encryptedRecoveryKey":"e"}"# }.joined(separator: ",")
            return Array(#"{"challenge":"\#(challenge)","temporaryAuthenticationToken":"\#(token)","user":{"name":"u"},"rp":{"id":"r"},"allowedRecoveryCredentials":[\#(list)]}"#.utf8)
        }
        let limit = RecoveryChallenge.Limits.challenge
        #expect(try RecoveryChallenge(bytes: response(challenge: String(repeating: "A", count: limit))).challenge.count == limit)
        #expect(throws: RecoveryError.challenge(.tooLong(field: "challenge", limit: limit))) {
            try RecoveryChallenge(bytes: response(challenge: String(repeating: "A", count: limit + 1)))
        }
        #expect(throws: RecoveryError.challenge(.tooLong(field: "the response", limit: RecoveryChallenge.Limits.document))) {
            try RecoveryChallenge(bytes: response(challenge: String(repeating: "A", count: 4 << 20)))
        }
        #expect(throws: RecoveryError.challenge(.tooLong(field: "temporaryAuthenticationToken", limit: RecoveryChallenge.Limits.token))) {
            try RecoveryChallenge(bytes: response(token: String(repeating: "t", count: RecoveryChallenge.Limits.token + 1)))
        }
        #expect(throws: RecoveryError.challenge(.tooMany(field: "allowedRecoveryCredentials", limit: RecoveryChallenge.Limits.allowedCredentials))) {
            try RecoveryChallenge(bytes: response(credentials: RecoveryChallenge.Limits.allowedCredentials + 1))
        }
    }

    @Test func newCredentialsAreAssembledInSlotOrder() throws {
        let key = try KeyCredential.make(kind: .key, credId: "k", privateKey: try P256PrivateKey.generate(), challenge: "c",
                                         origin: "https://a.example")
        let provided = try NewCredentials.parseProvided([
            "secondFactorCredential": ["credentialKind": "Fido2", "credentialInfo": [:]],
        ])
        let out = try NewCredentials.assemble(provided: provided, newKey: key, newRecovery: nil)
        #expect(out.keys == ["firstFactorCredential", "secondFactorCredential"])
        #expect(throws: RecoveryError.self) { try NewCredentials.assemble(provided: provided, newKey: nil, newRecovery: nil) }
        #expect(throws: RecoveryError.self) { try NewCredentials.parseProvided(["other": "x"]) }
    }

    /// Finding 11: Dfns's error answer saved as response.json is named in
    /// Dfns's own words (both shapes its SDK reads), for the recovery and the
    /// registration challenge alike.
    @Test(arguments: [#"{"error":{"message":"Recovery code expired","code":"x"}}"#, #"{"message":"Recovery code expired","httpStatus":401}"#])
    func dfnsErrorBodyIsNamedInItsWords(_ body: String) throws {
        #expect(throws: RecoveryError.challenge(.serverError("Recovery code expired"))) { try RecoveryChallenge(bytes: Array(body.utf8)) }
        #expect(throws: ChallengeError.serverError("Recovery code expired")) { try RegistrationChallenge.parse(Array(body.utf8)) }
        let message = "\(RecoveryError.challenge(.serverError("Recovery code expired")))"
        #expect(message.contains(#""Recovery code expired" (Dfns's words)"#))
        #expect(!message.contains("missing field"))
    }

    /// Finding 11: curly quotes pasted from a phone are named, where they are.
    @Test(arguments: [("{\u{201C}challenge\u{201D}: \u{201C}x\u{201D}}", 1, 2, "U+201C"), ("{\"challenge\": \"abc\u{201D}}", 1, 19, "U+201D"),
                      ("{\n  \"challenge\": \u{2018}x\u{2019}\n}", 2, 16, "U+2018")])
    func curlyQuotesAreNamed(text: String, line: Int, column: Int, codePoint: String) throws {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("parsed")
        } catch let error as JSONError {
            guard case let .curlyQuote(l, c, quote) = error else { Issue.record("\(error)"); return }
            #expect(l == line && c == column, "\(error)")
            #expect(quote.contains(codePoint))
            #expect("\(error)".contains("where JSON needs a straight \""))
        }
    }
}
