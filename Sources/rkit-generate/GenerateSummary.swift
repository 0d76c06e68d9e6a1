import RecoveryKitCLI
import RecoveryKitCore

/// What rkit-generate reports after writing a kit: a few lines for a
/// person, or one JSON object for a script (documented in
/// man/rkit-generate.1). Neither ever holds the code.
enum GenerateSummary {
    static func json(kit: RecoveryKit, paths: [String]) -> String {
        var object: JSONObject = ["credentialId": .string(kit.credentialId), "username": .string(kit.username)]
        if let orgId = kit.orgId { object["orgId"] = .string(orgId) }
        if let origin = kit.origin { object["origin"] = .string(origin) }
        if let createdAt = kit.createdAt { object["createdAt"] = .string(createdAt) }
        object["files"] = .array(paths.map { .string($0) })
        object["attestation"] = .bool(kit.attestation != nil)
        return JSONText.stringify(.object(object))
    }

    static func text(kit: RecoveryKit, folder: KitFolder, paths: [String], removed: [String], codeShown: Bool) -> String {
        var lines = ["Made a recovery kit for \(visible(kit.username))" + (kit.orgId.map { " (org \($0))" } ?? "") + "."]
        lines.append("Credential ID: \(kit.credentialId)  (kit tag \(kit.credentialId.prefix(8)))")
        lines.append("")
        lines.append("Wrote:")
        let width = paths.map(\.count).max() ?? 0
        for path in paths {
            let padded = path + String(repeating: " ", count: width - path.count)
            lines.append("  \(padded)  \(describe(path, folder: folder))")
        }
        for path in removed { lines.append("  removed \(path) (left over from the kit this one replaced)") }
        lines.append("")
        let paper = paths.filter { $0.hasSuffix(".pdf") || $0.hasSuffix(".txt") || $0.hasSuffix(".svg") }
            .filter { $0 != folder.codeOut }
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
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ path: String, folder: KitFolder) -> String {
        if path == folder.codeOut { return "the recovery code (0600)" }
        switch path.split(separator: "/").last.map(String.init) ?? path {
        case KitFolder.kitJSON: return "the kit, no secret (0644)"
        case KitFolder.attestationJSON: return "RecoveryKey credential for Dfns (0644)"
        case "kit.pdf": return "printable kit with the code (0600)"
        case "kit.txt": return "plain-text kit with the code (0600)"
        case "kit.svg": return "printable kit as SVG, with the code (0600)"
        default: return ""
        }
    }

    /// A name with control characters cannot reach here (refused), but
    /// keep terminal output safe regardless.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "?" : $0 }))
    }
}
