import RecoveryKitCLI
import RecoveryKitCore

/// The small modes around signing: the bodies of the two online steps
/// before the challenge, and the QR transport for any file.
extension RKitSign {
    func runInitRequest() throws {
        guard let verificationCode, !verificationCode.trimmingWhitespace().isEmpty else {
            throw CLIFailure.usage("--init-request needs --verification-code CODE (the code Dfns e-mailed you)")
        }
        let source = try CredentialSource.resolve(kitPath: kit, credentialId: credentialId, username: username)
        guard let org = orgId?.text ?? source.orgId else {
            throw CLIFailure.usage("--init-request needs --org-id (the kit does not name one)")
        }
        let body = RecoveryInitRequest.body(username: source.username, verificationCode: verificationCode.trimmingWhitespace(),
                                            orgId: org, credentialId: try source.credentialId())
        Output.out(body + "\n")
    }

    func runCodeRequest() throws {
        let name: String
        var org = orgId?.text
        if let kit {
            let source = try CredentialSource.resolve(kitPath: kit, credentialId: nil, username: username)
            name = source.username
            org = org ?? source.orgId
        } else {
            guard let username, !username.isEmpty else { throw CLIFailure.usage("--code-request needs --kit or --username") }
            name = username
        }
        guard let org else { throw CLIFailure.usage("--code-request needs --org-id (the kit does not name one)") }
        Output.out(RecoveryInitRequest.codeRequestBody(username: name, orgId: org) + "\n")
    }

    /// JSON is re-written compactly (values and key order kept) so it is
    /// one line; other text must already be one line.
    func runQRSplit(_ path: String) throws {
        let text = try InputFile.readText(path, what: "file to split")
        let line: String
        if let parsed = try? JSONParser.parse(text) { line = JSONText.stringify(parsed) } else { line = text }
        let parts: [String]
        do { parts = try MultipartText.split(line, partBytes: qrPartBytes) } catch { throw CLIFailure.from(error) }
        try QRParts.show(parts)
    }

    func runQRJoin() throws {
        var parts: [String] = []
        for path in partFiles.isEmpty ? ["-"] : partFiles {
            parts += MultipartText.parts(in: try InputFile.readText(path, what: "QR parts"))
        }
        do { Output.out(try MultipartText.join(parts) + "\n") } catch { throw CLIFailure.from(error) }
    }
}
