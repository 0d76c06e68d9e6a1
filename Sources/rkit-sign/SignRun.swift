import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// The signing mode: read everything, make and self-check the body, then
/// write every output in one all-or-nothing transaction, and only then
/// print to standard output.
struct SignRun {
    let options: RKitSign

    func run() throws {
        let origin = try checkedOrigin()
        try checkCombinations()
        let kitFolder = try newKitFolder()

        // Inputs (no secret yet).
        let challenge = try readChallenge()
        let source = try CredentialSource.resolve(kitPath: options.kit, credentialId: options.credentialId, username: options.username)
        let provided = try readNewCredentials()
        let selected: SelectedRecoveryCredential
        do { selected = try source.select(challenge: challenge) } catch { throw CLIFailure.from(error) }
        try refuseExistingOutputs()

        // Secrets: the new key's passphrase first, then the code, asked
        // again on a terminal after a typo or a wrong code (SecretInput).
        let passphrase = try readPassphrase()
        var plan = RecoveryRequestMaker.Plan(provided: provided, makeKey: options.newKey != nil)
        if kitFolder != nil {
            plan.newKit = KitGenerator.Request(username: selected.username, orgId: options.orgId?.text ?? source.orgId)
        }
        let made = try SecretInput.readCode(codeFile: options.codeFile, tries: 3) { code in
            try RecoveryRequestMaker.make(challenge: challenge, credential: selected, code: code, origin: origin, plan: plan)
        }

        var warnings = made.warnings.map(CoreMessages.warning)
        let rpId = challenge.rp?.id.flatMap { $0.isEmpty ? nil : $0 }
        if let warning = OriginArgument.relyingPartyWarning(origin: origin, relyingPartyId: rpId, refused: "the body") {
            warnings.append(warning)
        }

        // Checked before anything is written (a hostile token is refused).
        let curlCommand = options.curl ? try CurlCommand.text(bodyPath: options.out!, token: challenge.temporaryAuthenticationToken) : nil

        // All outputs in one transaction.
        let files = OutputFiles(force: options.force)
        var written: [(path: String, content: String, secret: Bool)] = []
        if let out = options.out {
            files.add(out, text: made.body + "\n")
            written.append((out, "body", false))
        }
        if let keyPath = options.newKey, let key = made.newKey {
            let pem: SecretBytes
            do {
                pem = try passphrase.map { try key.privateKey.encryptedPKCS8PEM(passphrase: $0) } ?? key.privateKey.pkcs8PEM()
            } catch { throw CLIFailure.from(error) }
            files.add(keyPath, pem.copyBytes(), secret: true)
            written.append((keyPath, passphrase == nil ? "new-key" : "new-key-encrypted", true))
        }
        var staged: KitFolder.Staged? = nil
        if let kitFolder, let kit = made.newKit {
            staged = try kitFolder.stage(kit.kit, code: kit.code, into: files)
            for file in staged!.files {
                written.append((file.path, file.role == .code ? "new-kit-code" : "new-kit", file.secret))
            }
        }
        do { try files.commit() } catch { files.rollback(); throw error }
        staged?.removeStale()

        // Standard output, only after everything was written.
        if options.json {
            Output.out(JSONText.stringify(SignSummary.json(made: made, credential: selected, origin: origin,
                                                           challenge: challenge, files: written, warnings: warnings,
                                                           curl: curlCommand)) + "\n")
        } else {
            if options.qr {
                let parts: [String]
                do { parts = try MultipartText.split(made.body, partBytes: options.qrPartBytes) } catch { throw CLIFailure.from(error) }
                try QRParts.show(parts)
            } else if options.out == nil {
                Output.out(made.body + "\n")
            }
            if let curlCommand { Output.out(curlCommand + "\n") }
        }
        for warning in warnings { Output.error("rkit-sign: warning: \(warning)") }
        let slots = made.request.newCredentials.members.map { "\($0.key) (\($0.value["credentialKind"]?.stringValue ?? "?"))" }
        Output.error("rkit-sign: signed with recovery credential \(selected.credentialId): \(slots.joined(separator: ", "))")
        for file in written { Output.error("rkit-sign: wrote \(file.path)") }
    }

    // MARK: Checks before any work

    func checkedOrigin() throws -> String {
        guard let origin = options.origin else {
            throw CLIFailure.usage("--origin is required: the application's origin, e.g. https://app.example.com")
        }
        return try origin.normalized()
    }

    func checkCombinations() throws {
        guard !options.challenge.isEmpty else {
            throw CLIFailure.usage("--challenge FILE is required: the response of POST /auth/recover/user/init")
        }
        try StandardInput.requireAtMostOne(options.challenge + [options.kit, options.codeFile, options.newCredentials,
                                                                options.newKeyPassphraseFile], wording: .plain)
        if options.newCredentials == nil, options.newKey == nil {
            throw CLIFailure.usage("give the new first factor: --new-key FILE (rkit makes a key) or --new-credentials FILE (e.g. a passkey)")
        }
        if options.newKey == nil, options.newKeyPassphraseFile != nil || options.encryptNewKey {
            throw CLIFailure.usage("--new-key-passphrase-file and --encrypt-new-key need --new-key FILE")
        }
        if options.newKeyPassphraseFile != nil, options.encryptNewKey {
            throw CLIFailure.usage("give either --new-key-passphrase-file or --encrypt-new-key")
        }
        if options.json, options.qr { throw CLIFailure.usage("--json and --qr both use standard output; give one") }
        if options.json, options.out == nil { throw CLIFailure.usage("--json prints a summary on standard output, so the body needs --out FILE") }
        if options.curl, options.out == nil { throw CLIFailure.usage("--curl submits a file: give --out FILE for the body") }
        if options.qrPartBytes < 16 || options.qrPartBytes > 2000 { throw CLIFailure.usage("--qr-part-bytes must be between 16 and 2000") }
        if options.newKit == nil, options.formats != nil || options.newKitPaper.codeOut != nil || options.newKitPaper.split {
            throw CLIFailure.usage("--formats, --code-out and --split describe the new kit: they need --new-kit DIR")
        }
        let outputs = [options.out, options.newKey, options.newKitPaper.codeOut].compactMap { $0 }
        if Set(outputs).count != outputs.count { throw CLIFailure.usage("two outputs name the same file") }
        for path in outputs where path == "-" {
            throw CLIFailure.usage("outputs are files; without --out the body goes to standard output")
        }
    }

    func newKitFolder() throws -> KitFolder? {
        guard let directory = options.newKit else { return nil }
        var formats = KitFormat.defaults
        if let list = options.formats {
            formats = try KitFormat.parseList(list)
            if formats.contains(.terminal) {
                throw CLIFailure.usage("--formats terminal is not available with rkit-sign (standard output carries the body); choose pdf,txt,svg")
            }
        }
        return options.newKitPaper.folder(directory: directory, formats: formats)
    }

    /// Fails before the code is asked for, so a person does not type it
    /// for nothing. (The transaction checks again when it writes.)
    func refuseExistingOutputs() throws {
        guard !options.force else { return }
        var paths = [options.out, options.newKey, options.newKitPaper.codeOut].compactMap { $0 }
        if let kitFolder = try newKitFolder() { paths += KitFolder.fileNames.map(kitFolder.path) }
        for path in paths {
            var info = stat()
            if lstat(path, &info) == 0 {
                throw CLIFailure(.outputExists, "\(path) already exists; use --force to replace it, or choose another path")
            }
        }
    }

    // MARK: Inputs

    func readChallenge() throws -> RecoveryChallenge {
        var texts: [(path: String, bytes: [UInt8])] = []
        for path in options.challenge { texts.append((path, try InputFile.read(path, what: "challenge"))) }
        let asText = texts.map { String(decoding: $0.bytes, as: UTF8.self) }
        let bytes: [UInt8]
        if asText.contains(where: MultipartText.looksLikeParts) {
            do { bytes = Array(try MultipartText.join(asText.flatMap(MultipartText.parts(in:))).utf8) } catch {
                throw CLIFailure.from(error, context: "challenge")
            }
        } else {
            guard texts.count == 1 else {
                throw CLIFailure.usage("--challenge is given \(texts.count) times but the files are not QR parts; give the challenge file once")
            }
            bytes = texts[0].bytes
        }
        do { return try RecoveryChallenge(bytes: bytes) } catch {
            throw CLIFailure.from(error, context: "challenge \(texts.count == 1 ? texts[0].path : "(from QR parts)")")
        }
    }

    func readNewCredentials() throws -> JSONObject? {
        guard let path = options.newCredentials else { return nil }
        let bytes = try InputFile.read(path, what: "new credentials")
        do { return try NewCredentials.parseProvided(try JSONParser.parse(bytes)) } catch {
            throw CLIFailure.from(error, context: "--new-credentials \(path)")
        }
    }

    /// The passphrase for --new-key: first line of a file, or typed twice.
    func readPassphrase() throws -> SecretBytes? {
        if let file = options.newKeyPassphraseFile {
            var bytes = try SecretInput.readSecret(file: file, prompt: "", what: "passphrase")
            defer { cleanse(&bytes) }
            var line = Array(bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? [])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard !line.isEmpty else { throw CLIFailure(.malformedInput, "the passphrase in \(file) is empty") }
            return SecretBytes(consuming: &line)
        }
        guard options.encryptNewKey else { return nil }
        var first = try SecretInput.readSecret(file: nil, prompt: "Passphrase for the new key: ", what: "passphrase")
        var second = try SecretInput.readSecret(file: nil, prompt: "Same passphrase again: ", what: "passphrase")
        defer { cleanse(&second) }
        guard first == second else {
            cleanse(&first)
            throw CLIFailure(.malformedInput, "the two passphrases differ; nothing was written")
        }
        return SecretBytes(consuming: &first)
    }
}
