import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// What `--force` is about to replace, read before the new files go in,
/// so the person learns which earlier body or kit was replaced and where it
/// is kept (issue 11: a second signing run silently made a second key and
/// kit; issue 19: nothing replaced is deleted, `OutputFiles.keptName`).
/// For a body the new credentials' IDs, old and new; for a kit its
/// credential ID; for a key where the earlier one is.
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
                return "\(file.path): the body with new credentials \(before ?? "(unreadable)") is now the body with \(ids(made.request.newCredentials)); the earlier body is kept as \(OutputFiles.keptName(for: file.path))"
            case "new-kit" where file.path.hasSuffix("/" + KitFolder.kitJSON) || file.path == KitFolder.kitJSON:
                let before = old.flatMap { try? RecoveryKit.parse($0) }.map { TerminalText.sanitize($0.credentialId, maxLength: 80) }
                return "\(file.path): kit \(before ?? "(unreadable)") is now kit \(made.newKit?.kit.credentialId ?? "?") (the old kit's paper no longer matches the body); the old kit's files are kept beside the new ones as NAME.replaced-\(stamp(file.path)), 0600"
            case "new-key", "new-key-encrypted":
                return "\(file.path): the earlier private key is kept as \(OutputFiles.keptName(for: file.path)) (0600); a body signed for it still needs it"
            default:
                return "\(file.path) (the earlier file is kept as \(OutputFiles.keptName(for: file.path)))"
            }
        }
    }

    /// The dated suffix the kit folder's old files get.
    static func stamp(_ path: String) -> String {
        String(OutputFiles.keptName(for: path).dropFirst(path.count + ".replaced-".count))
    }

    static func ids(_ credentials: JSONObject) -> String {
        credentials.members.map { slot, value in
            "\(slot) \(TerminalText.sanitize(value["credentialInfo"]?["credId"]?.stringValue ?? "?", maxLength: 60))"
        }.joined(separator: ", ")
    }
}
