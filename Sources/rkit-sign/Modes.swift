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

    /// Any file, byte for byte (RK2 parts).
    func runQRSplit(_ path: String) throws {
        try QRParts.show(bytes: try InputFile.read(path, what: "file to split"), partBytes: qrPartBytes)
    }

    /// Writes exactly the bytes of the file the parts were made from.
    func runQRJoin() throws {
        var texts: [String] = []
        for path in partFiles.isEmpty ? ["-"] : partFiles { texts.append(try InputFile.readText(path, what: "QR parts")) }
        try QRTransport.writeOut(try QRTransport.join(texts: texts))
    }
}
