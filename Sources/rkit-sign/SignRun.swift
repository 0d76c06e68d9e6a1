import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint
import RecoveryKitSecurityKey
#if canImport(Glibc)
import Glibc
#endif

/// The signing mode: read everything, make and self-check the body, then
/// write every output in one all-or-nothing transaction, and only then
/// print to standard output.
struct SignRun {
    let options: Recover

    func run() throws {
        var kitFolder = try newKitFolder()
        // The new kit's code split like the old one's (shares given), or as --new-shares says.
        if kitFolder != nil {
            kitFolder!.sharePlan = try newKitSharePlan()
            if kitFolder!.sharePlan != nil, !kitFolder!.holdsCode {
                throw CLIFailure.usage("the new kit's share papers are pdf or txt: add pdf or txt to --formats")
            }
        }
        ShareInput.typedSharesRefusal = kitFolder != nil && options.newShares == nil && !options.code.isGiven
            ? "share words were typed: the old kit's code is split. Say how to split the new kit's code: run again with --new-shares K-of-N (as on the old share papers, \"share 1 of N\"), or --new-shares none to print it whole; nothing was signed"
            : nil

        // Prepare: every input read and checked (no secret yet).
        let challenge = try ChallengeInput.recovery(options.challenge)
        let source = try options.credential.resolve()
        let origin = try resolvedOrigin(source)
        let given = try readNewCredentials()
        if options.securityKey != nil, let path = options.newCredentials, given?.object[NewCredentials.firstFactor] != nil {
            throw CLIFailure.usage("--new-credentials \(path) already has a firstFactorCredential, and --security-key makes one; give one of them")
        }
        let firstFactor: RecoverFlow.FirstFactor = options.securityKey != nil ? .securityKey(nil)
            : options.newKey.map { .newKey(keyFile: $0) } ?? .given
        // (Its usage error comes after the account rules, as it always has.)
        let newKitOrg = Result { try newKitOrgId(source) }
        var inputs = RecoverFlow.Inputs(challenge: challenge, credential: source.flowCredential, origin: origin,
                                        originGiven: options.origin.origin != nil,
                                        firstFactor: firstFactor, given: given)
        inputs.orgIdGiven = options.orgId != nil
        if let kitFolder {
            inputs.newKit = (kitFolder.directory, KitGenerator.Request(username: source.username, orgId: try? newKitOrg.get(),
                                                                       appId: source.appId))
        }
        var prepared: RecoverFlow.Prepared
        do { prepared = try RecoverFlow.prepare(inputs) } catch { throw CLIFailure.from(error) }
        if let refusal = prepared.refusal { throw SignRun.refusal(refusal) }
        _ = try newKitOrg.get()
        // The app ID is checked now: a missing one must not cost a signature.
        let curlBase = options.curl ? try options.api.command("POST", "/auth/recover/user", token: challenge.temporaryAuthenticationToken,
                                                              body: .file(options.out ?? ""), kitAppId: source.appId) : nil
        try checkOutputs(kitFolder)
        // The security key: the one plugged in, or the one named (none or several: said now).
        let keyStep = options.securityKey.map { SecurityKeyStep(device: $0, pinFile: options.securityKeyPinFile) }
        let chosenKey = try keyStep?.choose()

        // Review, then confirmation of credentials rkit did not make.
        var review = SignReview(RecoverFlow.review(prepared))
        // Shown to a person at the terminal, and always when credentials
        // from elsewhere are to be confirmed (a script's log then records
        // what its SHA-256 confirmation bound) or a security key is used.
        if isatty(2) == 1 || given != nil || keyStep != nil {
            Output.errorLines(review.render().components(separatedBy: "\n") + newKitCodeLine(kitFolder))
        }
        // Kit fields no signature binds: confirmed against the paper, or given as options.
        if case let .kit(_, path) = source { try KitFieldConfirmation.confirm(prepared.unsignedKitFields, kit: path) }
        if let keyStep, let chosenKey {
            // Key, PIN, touch; then the passkey through the same rule set, before the code.
            prepared = try keyStep.make(prepared, on: chosenKey)
            review = SignReview(RecoverFlow.review(prepared))
            if let entry = review.entries.first(where: { $0.slot == NewCredentials.firstFactor }) {
                Output.errorLines(["rkit-sign: the security key made this passkey:"] + review.renderEntry(entry))
            }
            do { try RecoverFlow.checkMade(prepared) } catch {
                throw CLIFailure.from(error, context: "the passkey the security key made")
            }
            if let failure = review.failures.first {
                throw CLIFailure(.malformedInput, "the passkey the security key made fails the \(failure.check.name) check (\(failure.check.detail)); nothing was signed")
            }
        }
        if let given {
            do { try RecoverFlow.checkGiven(prepared) } catch {
                throw CLIFailure.from(error, context: "--new-credentials \(given.file)")
            }
            if let failure = review.failures.first {
                throw CLIFailure(.malformedInput, "--new-credentials \(TerminalText.sanitize(given.file, maxLength: 200)): \(failure.slot) fails the \(failure.check.name) check (\(failure.check.detail)); nothing was signed")
            }
            // No vendor vouches for it: the person must say they made it.
            let unverified = RecoverFlow.review(prepared).entries.filter { entry in
                if case .given = entry.source { return entry.credential?.isVendorVerified != true }
                return false
            }
            if let first = unverified.first, !options.allowUnverifiedAuthenticator {
                throw CLIFailure.usage("--new-credentials \(TerminalText.sanitize(given.file, maxLength: 200)): \(first.slot) (\(TerminalText.sanitize(first.kind, maxLength: 40))) is tied to no authenticator vendor rkit knows (attestation none, self, a chain to no shipped root, or a key credential): any software could have made it; give --allow-unverified-authenticator only if you made it yourself on the online machine just now; nothing was signed")
            }
            try Confirmation.confirm(file: given.file, bytes: given.bytes, accepted: options.acceptNewCredentials,
                                     credentialId: prepared.selected.credentialId)
        }

        // Act. Secrets: the new key's passphrase first, then the code, asked
        // again on a terminal after a typo or a wrong code (CodeSource).
        let passphrase = options.newKey == nil ? nil : try NewKeyPassphrase.read(file: options.newKeyPassphraseFile, plain: options.plainNewKey)
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
            files.add(keyPath, secret: pem)
            written.append((keyPath, passphrase == nil ? "new-key" : "new-key-encrypted", true))
        }
        var staged: KitFolder.Staged? = nil
        if let kitFolder, let kit = made.newKit {
            staged = try kitFolder.stage(kit.kit, code: kit.code, into: files)
            for file in staged!.files {
                written.append((file.path, file.role == .code ? "new-kit-code" : file.role.isShare ? "new-kit-share" : "new-kit", file.secret))
            }
        }
        let replaced = options.force ? ReplacedOutputs.describe(written, made: made) : []
        do { try files.commit() } catch { files.rollback(); throw error }
        staged?.removeStale()
        // The new kit's code is on its paper now: nothing in memory keeps it
        // (issue 20, finding 6; the staged paper was wiped by commit).
        made.newKit?.code.password.wipe()
        Process.scrubFreedMemory()

        // Standard output, only after everything was written.
        let curlCommand = curlBase
        if options.json {
            Output.out(JSONText.stringify(SignSummary.json(made: made, credential: selected, origin: origin,
                                                           challenge: challenge, files: written, warnings: warnings,
                                                           curl: curlCommand)) + "\n")
        } else {
            if options.qr {
                try QRParts.show(bytes: Array((made.body + "\n").utf8), partBytes: options.qrPartBytes, version: options.qrVersion)
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
        case let .unsupportedKind(slot, kind, listed):
            let which = slot == NewCredentials.firstFactor ? "first factor" : "second factor"
            let first = slot == NewCredentials.firstFactor
            let next = !first ? ": leave it out of --new-credentials"
                : listed.containsBytes(of: Fido2Credential.kind) ? ": recover with --security-key (a passkey on your security key)"
                : listed.containsBytes(of: KeyCredential.Kind.key.rawValue) ? ": recover with --new-key FILE" : ""
            return CLIFailure(.malformedInput, "the challenge accepts \(listed.isEmpty ? "no kind" : listed.map(shown).joined(separator: ", ")) as the new \(which), not \(shown(kind))\(next); nothing was signed")
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
                                                                options.newKeyPassphraseFile, options.securityKeyPinFile], wording: .plain)
        if options.newCredentials == nil, options.newKey == nil, options.securityKey == nil {
            throw CLIFailure.usage("give the new first factor: --security-key (a passkey on your security key), --new-key FILE (for challenges that accept Key) or --new-credentials FILE")
        }
        if options.securityKey != nil, options.newKey != nil {
            throw CLIFailure.usage("--security-key and --new-key both make the new first factor; give one")
        }
        if options.securityKey == "-" { throw CLIFailure.usage("--security-key takes a device path (/dev/hidrawN or unix:PATH), not -") }
        if options.securityKey == nil, options.securityKeyPinFile != nil {
            throw CLIFailure.usage("--security-key-pin-file needs --security-key")
        }
        if options.newKey == nil, options.newKeyPassphraseFile != nil || options.encryptNewKey || options.plainNewKey {
            throw CLIFailure.usage("--new-key-passphrase-file and --plain-new-key need --new-key FILE")
        }
        if options.plainNewKey, options.newKeyPassphraseFile != nil || options.encryptNewKey {
            throw CLIFailure.usage("--plain-new-key writes the key unencrypted; it cannot go with a passphrase")
        }
        if options.json, options.qr { throw CLIFailure.usage("--json and --qr both use standard output; give one") }
        if options.json, options.out == nil { throw CLIFailure.usage("--json prints a summary on standard output, so the body needs --out FILE") }
        if options.curl, options.out == nil { throw CLIFailure.usage("--curl submits a file: give --out FILE for the body") }
        if let bytes = options.qrPartBytes, bytes < 16 || bytes > 2000 { throw CLIFailure.usage("--qr-part-bytes must be between 16 and 2000") }
        if let version = options.qrVersion, !QRTransport.versions.contains(version) { throw CLIFailure.usage("--qr-version must be between 1 and 40") }
        if options.qrVersion != nil, options.qrPartBytes != nil { throw CLIFailure.usage("give --qr-version or --qr-part-bytes, not both") }
        if !options.qr, options.qrVersion != nil || options.qrPartBytes != nil {
            throw CLIFailure.usage("--qr-version and --qr-part-bytes size the --qr frames: give --qr too")
        }
        if options.newKit == nil, options.formats != nil || options.newKitPaper.codeOut != nil || options.newKitPaper.split {
            throw CLIFailure.usage("--formats, --code-out and --split describe the new kit: they need --new-kit DIR")
        }
        if options.newKit == nil, options.newShares != nil {
            throw CLIFailure.usage("--new-shares splits the new kit's code: it needs --new-kit DIR")
        }
        if let split = options.newShares, split.lowercased() != "none", options.newKitPaper.codeOut != nil {
            throw CLIFailure.usage("--code-out would write the new code whole; with --new-shares it is written nowhere, only as share papers")
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

    /// The split of the new kit's code: --new-shares (`none`: whole), else
    /// the one the --share-file papers record; a code typed or read whole
    /// gives a whole code. Decided before the review, which says it.
    func newKitSharePlan() throws -> SharePlan? {
        if let text = options.newShares {
            if text.lowercased() == "none" { return nil }
            do { return try SharePlan(parsing: text) } catch { throw CLIFailure.from(error, context: "--new-shares") }
        }
        guard case .shareFiles(let files) = options.code.given else { return nil }
        guard let plan = try ShareInput.recordedPlan(shareFiles: files) else {
            throw CLIFailure.usage("the share files do not record how the code was split (not made by rkit-generate?): give --new-shares K-of-N for the new kit, or --new-shares none")
        }
        if options.newKitPaper.codeOut != nil {
            throw CLIFailure.usage("--code-out would write the new code whole, but it is split like the old one: give --new-shares none to have it whole")
        }
        return plan
    }

    /// The review's line about the new kit's code.
    func newKitCodeLine(_ folder: KitFolder?) -> [String] {
        guard let folder else { return [] }
        if let plan = folder.sharePlan {
            let why = options.newShares == nil ? "like the old one's" : "as --new-shares says"
            return ["  new kit's code: \(ShareSplitWording.summary(plan)) (\(why); new share papers in \(folder.directory))"]
        }
        if options.newShares == nil, !options.code.isGiven {
            return ["  new kit's code: printed whole on the new kit; if the old code is split, type a share and rkit asks for --new-shares"]
        }
        return ["  new kit's code: printed whole on the new kit"]
    }

    /// Fails before the code is asked for, so a person does not type it
    /// for nothing (issue 20, finding 11): an output that exists (without
    /// --force), a folder that cannot be written, a secret output on
    /// removable media (finding 3). The transaction checks again when it writes.
    func checkOutputs(_ kitFolder: KitFolder?) throws {
        let shown = { (path: String) in TerminalText.sanitize(path, maxLength: 200) }
        if !options.force {
            var paths = [options.out, options.newKey, options.newKitPaper.codeOut].compactMap { $0 }
            if let kitFolder { paths += KitFolder.fileNames.map(kitFolder.path) }
            for path in paths {
                var info = stat()
                if lstat(path, &info) == 0 {
                    throw CLIFailure(.outputExists, "\(shown(path)) already exists; use --force to replace it, or choose another path")
                }
            }
        }
        // Every output's folder must exist and be writable (the one rule, OutputFiles.checkWritable).
        try OutputFiles.checkWritable(files: [options.out, options.newKey, options.newKitPaper.codeOut].compactMap { $0 },
                                      folders: [kitFolder?.directory].compactMap { $0 })
        // Secrets never onto the medium that goes back online, unasked.
        guard !options.allowRemovableOutput else { return }
        var secrets: [(path: String, what: String)] = []
        if let kitFolder, kitFolder.formats.contains(where: { $0 != .terminal }) { secrets.append((kitFolder.directory, "the new kit's paper (it shows the new recovery code)")) }
        if let codeOut = options.newKitPaper.codeOut { secrets.append((codeOut, "the new kit's code")) }
        if let newKey = options.newKey, options.newKeyPassphraseFile == nil, !options.encryptNewKey {
            secrets.append((newKey, "the new key (unencrypted)"))
        }
        let media = RemovableMedia(sysRoot: SignRun.sysfsRoot)
        for secret in secrets {
            if case let .removable(device) = media.verdict(for: secret.path) {
                throw CLIFailure.usage("\(shown(secret.path)) is on removable media (\(shown(device))): \(secret.what) would go back online with it; write it in your home folder (e.g. ~/rkit-new-kit) and carry only the body, or give --allow-removable-output; nothing was asked or signed")
            }
        }
    }

    /// sysfs, where the kernel says which devices are removable
    /// (`RKIT_SYSFS_ROOT` replaces it, for tests with a fake tree).
    static var sysfsRoot: String {
        guard let value = getenv("RKIT_SYSFS_ROOT") else { return "/sys" }
        return String(cString: value)
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
}
