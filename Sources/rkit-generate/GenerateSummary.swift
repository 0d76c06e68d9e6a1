import RecoveryKitCLI
import RecoveryKitCore

/// What rkit-generate reports after writing a kit: a few lines for a
/// person, or one JSON object for a script (documented in
/// man/rkit-generate.1). Neither ever holds the code.
enum GenerateSummary {
    static func json(kit: RecoveryKit, files: [KitFolder.File]) -> String {
        let paths = files.map(\.path)
        var object: JSONObject = ["credentialId": .string(kit.credentialId), "username": .string(kit.username)]
        if let orgId = kit.orgId { object["orgId"] = .string(orgId) }
        if let origin = kit.origin { object["origin"] = .string(origin) }
        if let createdAt = kit.createdAt { object["createdAt"] = .string(createdAt) }
        object["files"] = .array(paths.map { .string($0) })
        object["attestation"] = .bool(kit.attestation != nil)
        return JSONText.stringify(.object(object))
    }

    static func text(kit: RecoveryKit, folder: KitFolder, files: [KitFolder.File], removed: [String], codeShown: Bool) -> String {
        let paths = files.map(\.path)
        var lines = ["Made a recovery kit for \(kit.username)" + (kit.orgId.map { " (org \($0))" } ?? "") + "."]
        lines.append("Credential ID: \(kit.credentialId)  (kit tag \(kit.credentialId.prefix(8)))")
        lines.append("")
        lines.append("Wrote:")
        let width = paths.map(\.count).max() ?? 0
        for file in files {
            let padded = file.path + String(repeating: " ", count: width - file.path.count)
            lines.append("  \(padded)  \(describe(file.role))")
        }
        for path in removed { lines.append("  removed \(path) (left over from the kit this one replaced)") }
        lines.append("")
        let paper = files.filter(\.role.isPaper).map(\.path)
        var whereCode = paper
        if let codeOut = folder.codeOut { whereCode.append(codeOut) }
        if codeShown { whereCode.append("your terminal") }
        if whereCode.isEmpty {
            lines.append("The recovery code was not written anywhere: without --formats pdf/txt/svg, --code-out or --show-code this kit cannot be used. Make a new one.")
        } else {
            lines.append("The recovery code is only in: \(whereCode.joined(separator: ", ")).")
        }
        lines.append("Next: print the kit, check it is readable, store it offline, and delete the files that hold the code.")
        if kit.attestation != nil {
            lines.append("Register the kit: send attestation.json as recoveryCredential to Dfns.")
        }
        // The username, org ID and paths shown through the one sanitizer.
        return lines.map { TerminalText.sanitize($0) }.joined(separator: "\n") + "\n"
    }

    /// A file's line, from the role `KitFolder` gave it.
    static func describe(_ role: KitFolder.Role) -> String {
        switch role {
        case .code: return "the recovery code (0600)"
        case .kit: return "the kit, no secret (0644)"
        case .attestation: return "RecoveryKey credential for Dfns (0644)"
        case .pdf: return "printable kit with the code (0600)"
        case .txt: return "plain-text kit with the code (0600)"
        case .svg: return "printable kit as SVG, with the code (0600)"
        }
    }
}
