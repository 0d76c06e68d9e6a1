import RecoveryKitCLI
import RecoveryKitCore

/// What rkit-generate reports after writing a kit: a few lines for a
/// person, or one JSON object for a script (documented in
/// man/rkit-generate.1). Neither ever holds the code.
enum GenerateSummary {
    static func json(kit: RecoveryKit, registration: RegistrationBody?, folder: KitFolder, files: [KitFolder.File],
                     kept: [(replaced: String, keptAs: String)] = []) -> String {
        let paths = files.map(\.path)
        var object: JSONObject = ["credentialId": .string(kit.credentialId), "username": .string(kit.username)]
        if let orgId = kit.orgId { object["orgId"] = .string(orgId) }
        if let origin = kit.origin { object["origin"] = .string(origin) }
        if let appId = kit.appId { object["appId"] = .string(appId) }
        if let createdAt = kit.createdAt { object["createdAt"] = .string(createdAt) }
        object["files"] = .array(paths.map { .string($0) })
        object["attestation"] = .bool(kit.attestation != nil)
        if let plan = folder.sharePlan {
            object["shares"] = .object(["groupThreshold": .number(Double(plan.groupThreshold)),
                                        "groups": .array(plan.groups.map { .array([.number(Double($0.threshold)), .number(Double($0.count))]) }),
                                        "papers": .number(Double(plan.shareCount))])
        }
        if !kept.isEmpty {
            object["kept"] = .array(kept.map { .object(["replaced": .string($0.replaced), "keptAs": .string($0.keptAs)]) })
        }
        if let registration {
            object["attestationBody"] = .string(registration.form.rawValue)
            if let name = registration.credential.credentialName { object["credentialName"] = .string(name) }
        }
        if kit.attestation == nil {
            // Not registered: the command that registers it later.
            object["register"] = .string(notRegistered(kitPath: folder.path(KitFolder.kitJSON)).last!.trimmingWhitespace())
        }
        return JSONText.stringify(.object(object))
    }

    static func text(kit: RecoveryKit, registration: RegistrationBody?, folder: KitFolder, files: [KitFolder.File],
                     kept: [(replaced: String, keptAs: String)], codeShown: Bool) -> String {
        let paths = files.map(\.path)
        var lines = ["Made a recovery kit for \(kit.username)" + (kit.orgId.map { " (org \($0))" } ?? "") + "."]
        lines.append("Credential ID: \(kit.credentialId)  (kit tag \(kit.credentialId.prefix(8)))")
        lines.append("")
        lines.append("Wrote:")
        let width = paths.map(\.count).max() ?? 0
        for file in files {
            let padded = file.path + String(repeating: " ", count: width - file.path.count)
            lines.append("  \(padded)  \(describe(file.role, split: folder.sharePlan != nil))")
        }
        if !kept.isEmpty {
            lines.append("")
            lines.append("Kept (replaced by --force; 0600, nothing was deleted):")
            for item in kept { lines.append("  \(item.replaced) -> \(item.keptAs)") }
        }
        lines.append("")
        if let plan = folder.sharePlan {
            lines.append("The recovery code is written nowhere whole: it is \(ShareSplitWording.summary(plan))")
            lines.append("Next: print the kit and each share paper, give each share paper to its holder, and delete the share files.")
        } else {
            let paper = files.filter(\.role.isPaper).map(\.path)
            var whereCode = paper
            if let codeOut = folder.codeOut { whereCode.append(codeOut) }
            if codeShown { whereCode.append("your terminal") }
            // rkit-generate refuses to make a kit whose code is nowhere.
            lines.append("The recovery code is only in: \(whereCode.joined(separator: ", ")).")
            lines.append("Next: print the kit, check it is readable, store it offline, and delete the files that hold the code.")
        }
        switch registration?.form {
        case .recoveryCredential?:
            lines.append("Register the kit: send attestation.json as recoveryCredential in POST /auth/registration (or /auth/registration/enduser).")
        case .createCredential?:
            lines.append("Register the kit: attestation.json is the whole body of POST /auth/credentials (the request needs your user-action signature).")
        case nil:
            lines.append(contentsOf: notRegistered(kitPath: folder.path(KitFolder.kitJSON)))
        }
        // The username, org ID and paths: nothing raw reaches the terminal.
        return lines.map { TerminalText.backstop(ArgumentRedaction.redact($0)) }.joined(separator: "\n") + "\n"
    }

    /// A kit made without --challenge exists only on paper: Dfns cannot use
    /// it until it is registered, and nothing else would say so.
    static func notRegistered(kitPath: String) -> [String] {
        ["NOT REGISTERED: Dfns does not know this kit yet (it was made without --challenge), so it cannot recover the account.",
         "Register it with a registration or /auth/credentials/init challenge:",
         "  rkit-sign attest --kit \(kitPath) --challenge FILE --out \(attestationPath(kitPath))"]
    }

    /// attestation.json beside the kit, where rkit-verify kit finds it.
    static func attestationPath(_ kitPath: String) -> String {
        guard let slash = kitPath.lastIndex(of: "/") else { return KitFolder.attestationJSON }
        return String(kitPath[...slash]) + KitFolder.attestationJSON
    }

    /// A file's line, from the role `KitFolder` gave it.
    static func describe(_ role: KitFolder.Role, split: Bool = false) -> String {
        if split, role.isPaper { return "printable kit, no code: it says which shares it needs (0600)" }
        switch role {
        case .code: return "the recovery code (0600)"
        case .kit: return "the kit, no secret (0644)"
        case .attestation: return "RecoveryKey credential for Dfns (0644)"
        case .pdf: return "printable kit with the code (0600)"
        case .txt: return "plain-text kit with the code (0600)"
        case .svg: return "printable kit as SVG, with the code (0600)"
        case let .share(n): return "share paper \(n), one holder's share of the code (0600)"
        }
    }
}
