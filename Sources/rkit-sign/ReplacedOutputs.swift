import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// What `--force` is about to replace, read before the new files go in,
/// so the person learns which earlier body or kit is gone (issue 11: a
/// second signing run silently made a second key and kit). For a body the
/// new credentials' IDs, old and new; for a kit its credential ID.
enum ReplacedOutputs {
    static func describe(_ written: [(path: String, content: String, secret: Bool)],
                         made: RecoveryRequestMaker.Result) -> [String] {
        written.compactMap { file in
            var info = stat()
            guard lstat(file.path, &info) == 0 else { return nil }
            let old = (info.st_mode & S_IFMT) == S_IFREG && info.st_size < 4 << 20
                ? (try? InputFile.read(file.path, what: "replaced file")) : nil
            switch file.content {
            case "body":
                let before = old.flatMap { try? RecoveryRequest(json: try JSONParser.parse($0)) }.map { ids($0.newCredentials) }
                return "\(file.path): the body with new credentials \(before ?? "(unreadable)") is now the body with \(ids(made.request.newCredentials))"
            case "new-kit" where file.path.hasSuffix("/" + KitFolder.kitJSON) || file.path == KitFolder.kitJSON:
                let before = old.flatMap { try? RecoveryKit.parse($0) }.map { TerminalText.sanitize($0.credentialId, maxLength: 80) }
                return "\(file.path): kit \(before ?? "(unreadable)") is now kit \(made.newKit?.kit.credentialId ?? "?") (the old kit's paper no longer matches the body)"
            case "new-key", "new-key-encrypted":
                return "\(file.path): the earlier private key is gone (a body signed with it can no longer be used)"
            default:
                return file.path
            }
        }
    }

    static func ids(_ credentials: JSONObject) -> String {
        credentials.members.map { slot, value in
            "\(slot) \(TerminalText.sanitize(value["credentialInfo"]?["credId"]?.stringValue ?? "?", maxLength: 60))"
        }.joined(separator: ", ")
    }
}
