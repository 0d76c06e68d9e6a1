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
    let options: Recover

    func run() throws {
        let kitFolder = try newKitFolder()

        // Prepare: every input read and checked (no secret yet).
        let challenge = try ChallengeInput.recovery(options.challenge)
        let source = try options.credential.resolve()
        let origin = try resolvedOrigin(source)
        let given = try readNewCredentials()
        // (Its usage error comes after the account rules, as it always has.)
        let newKitOrg = Result { try newKitOrgId(source) }
        var inputs = RecoverFlow.Inputs(challenge: challenge, credential: source.flowCredential, origin: origin,
                                        originGiven: options.origin.origin != nil,
                                        firstFactor: options.newKey.map { .newKey(keyFile: $0) } ?? .given, given: given)
        if let kitFolder {
            inputs.newKit = (kitFolder.directory, KitGenerator.Request(username: source.username, orgId: try? newKitOrg.get(),
                                                                       appId: source.appId))
        }
        let prepared: RecoverFlow.Prepared
        do { prepared = try RecoverFlow.prepare(inputs) } catch { throw CLIFailure.from(error) }
        if let refusal = prepared.refusal { throw SignRun.refusal(refusal) }
        _ = try newKitOrg.get()
        // The app ID is checked now: a missing one must not cost a signature.
        let curlBase = options.curl ? try options.api.command("POST", "/auth/recover/user", token: challenge.temporaryAuthenticationToken,
                                                              body: .file(options.out ?? ""), kitAppId: source.appId) : nil
        try refuseExistingOutputs()

        // Review, then confirmation of credentials rkit did not make.
        let review = SignReview(RecoverFlow.review(prepared))
        // Shown to a person at the terminal, and always when credentials
        // from elsewhere are to be confirmed (a script's log then records
        // what its SHA-256 confirmation bound).
        if isatty(2) == 1 || given != nil { Output.errorLines(review.render().components(separatedBy: "\n")) }
        if let given {
            do { try RecoverFlow.checkGiven(prepared) } catch {
                throw CLIFailure.from(error, context: "--new-credentials \(given.file)")
            }
            if let failure = review.failures.first {
                throw CLIFailure(.malformedInput, "--new-credentials \(given.file): \(failure.slot) fails the \(failure.check.name) check (\(failure.check.detail)); nothing was signed")
            }
            try Confirmation.confirm(file: given.file, bytes: given.bytes, accepted: options.acceptNewCredentials,
                                     credentialId: prepared.selected.credentialId)
        }

        // Act. Secrets: the new key's passphrase first, then the code, asked
        // again on a terminal after a typo or a wrong code (CodeSource).
        let passphrase = try readPassphrase()
        let made = try options.code.read(tries: 3) { code in try RecoverFlow.act(prepared, code: code) }
        let selected = prepared.selected

        let warnings = prepared.warnings.map(CoreMessages.finding) + made.warnings.map(CoreMessages.warning)

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
        let replaced = options.force ? ReplacedOutputs.describe(written, made: made) : []
        do { try files.commit() } catch { files.rollback(); throw error }
        staged?.removeStale()

        // Standard output, only after everything was written.
        let curlCommand = curlBase
        if options.json {
            Output.out(JSONText.stringify(SignSummary.json(made: made, credential: selected, origin: origin,
                                                           challenge: challenge, files: written, warnings: warnings,
                                                           curl: curlCommand)) + "\n")
        } else {
            if options.qr {
                try QRParts.show(bytes: Array((made.body + "\n").utf8), partBytes: options.qrPartBytes)
            } else if options.out == nil {
                Output.out(made.body + "\n")
            }
            if let curlCommand { Output.out(curlCommand + "\n") }
        }
        for warning in warnings { Output.error("rkit-sign: warning: \(TerminalText.sanitize(warning, maxLength: 400))") }
        let slots = made.request.newCredentials.members.map {
            "\($0.key) (\(TerminalText.sanitize($0.value["credentialKind"]?.stringValue ?? "?", maxLength: 40)))"
        }
        Output.error("rkit-sign: signed with recovery credential \(TerminalText.sanitize(selected.credentialId, maxLength: 80)): \(slots.joined(separator: ", "))")
        for line in replaced { Output.error("rkit-sign: replaced \(line)") }
        for file in written { Output.error("rkit-sign: wrote \(file.path)") }
    }

    // MARK: The account and the origin (fatal when not the kit's)

    func resolvedOrigin(_ source: CredentialSource) throws -> String {
        var kit: (RecoveryKit, String)? = nil
        if case let .kit(parsed, path) = source { kit = (parsed, path) }
        return try options.origin.resolve(kit: kit?.0, path: kit?.1 ?? "")
    }

    /// The words of a refusing finding of the recover flow (the verdict is
    /// the core's, `FlowFinding.verdict`): the account the kit is for must
    /// be the challenge's, and the origin must be on its relying party.
    static func refusal(_ finding: FlowFinding) -> CLIFailure {
        let shown = { (text: String) in TerminalText.sanitize(text, maxLength: 120) }
        switch finding.rule {
        case let .otherUser(user, credentialUser):
            return CLIFailure(.wrongSecret, "the challenge is for user \"\(shown(user))\", this recovery is for \"\(shown(credentialUser))\" (the kit's user, or --username): \(Username.lookAlikeNote(user, credentialUser).map { $0 + "; " } ?? "")carry over the challenge of this account; nothing was signed")
        case let .originOffRelyingParty(origin, rpId):
            return CLIFailure(.checkFailed, "the origin \(origin) is not on the challenge's relying party \"\(shown(rpId))\" (its host must be that domain or under it); nothing was signed")
        default:
            return CLIFailure.from(finding.error)
        }
    }

    /// The org ID the new kit records: --org-id, else the old kit's; a new
    /// kit without one could not ask for its own e-mail code later.
    func newKitOrgId(_ source: CredentialSource) throws -> String? {
        guard options.newKit != nil else { return nil }
        if let org = options.orgId?.text { return org }
        if let org = source.orgId {
            guard OrgID.isValid(org) else {
                throw CLIFailure(.malformedInput, "the kit's org ID \"\(TerminalText.sanitize(org, maxLength: 60))\" is not a valid org ID; give --org-id ID")
            }
            return org
        }
        throw CLIFailure.usage("--new-kit needs --org-id ID: the \(options.credential.kit == nil ? "credential ID" : "kit") names no org, and the new kit must (its own code request needs it)")
    }

    // MARK: Checks before any work

    func checkCombinations() throws {
        guard !options.challenge.isEmpty else {
            throw CLIFailure.usage("--challenge FILE is required: the response of POST /auth/recover/user/init")
        }
        if options.acceptNewCredentials != nil, options.newCredentials == nil {
            throw CLIFailure.usage("--accept-new-credentials confirms a --new-credentials FILE; give the file too")
        }
        try options.origin.check()
        try StandardInput.requireAtMostOne(options.challenge + [options.credential.kit] + options.code.paths + [options.newCredentials,
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
        if let bytes = options.qrPartBytes, bytes < 16 || bytes > 2000 { throw CLIFailure.usage("--qr-part-bytes must be between 16 and 2000") }
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
        // Every output's folder writable, before the code is asked (finding 11).
        try OutputFiles.checkWritable(files: [options.out, options.newKey, options.newKitPaper.codeOut].compactMap { $0 },
                                      folders: [try newKitFolder()?.directory].compactMap { $0 })
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

    /// The given new credentials, with the exact bytes read (their
    /// SHA-256 is what --accept-new-credentials names).
    func readNewCredentials() throws -> RecoverFlow.Given? {
        guard let path = options.newCredentials else { return nil }
        let document = try DocumentReader.read(path, what: "new credentials")
        do { return RecoverFlow.Given(object: try NewCredentials.parseProvided(try JSONParser.parse(document.bytes)), bytes: document.bytes, file: path) } catch {
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
