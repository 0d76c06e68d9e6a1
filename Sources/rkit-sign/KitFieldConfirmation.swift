import RecoveryKitCLI
import RecoveryKitCore
#if canImport(Glibc)
import Glibc
#endif

/// A kit without a signature over its fields (older kits, the reference
/// frontend's): the origin and org ID it names came from the machine that
/// scanned it, so they are used only when the person confirms them against
/// the paper on a terminal, or gives them as options (`--origin`,
/// `--org-id`); otherwise the run stops before the code is asked (issue 20,
/// finding 4). Confirming means typing, for each field, what the paper
/// prints: the origin's host, the last 5 characters of an ID.
enum KitFieldConfirmation {
    static func expected(_ field: UnsignedKitField) -> String {
        if field.name == "origin" { return ApplicationOrigin.host(of: field.value) }
        return String(field.value.suffix(5))
    }

    static func what(_ field: UnsignedKitField) -> String {
        field.name == "origin" ? "the host of the origin" : "the last 5 characters of the \(field.name == "orgId" ? "org ID" : "app ID")"
    }

    static func name(_ field: UnsignedKitField) -> String {
        switch field.name {
        case "orgId": return "org ID"
        case "appId": return "app ID"
        default: return field.name
        }
    }

    static func confirm(_ fields: [UnsignedKitField], kit: String) throws {
        guard !fields.isEmpty else { return }
        let shownKit = TerminalText.sanitize(kit, maxLength: 200)
        let listed = fields.map { "\(name($0)) \(TerminalText.sanitize($0.value, maxLength: 120))" }.joined(separator: ", ")
        let options = fields.compactMap(\.option)
        let instead = options.isEmpty ? "run on a terminal to confirm them" : "give \(options.map { "\($0) from your paper kit" }.joined(separator: " and ")), or run on a terminal to confirm them"
        Output.error("rkit-sign: the kit \(shownKit) has no signature over its fields (a kit made before rkit signed them, or by the reference frontend): \(listed) are as the machine that scanned it handed them over")
        guard isatty(0) == 1 else {
            throw CLIFailure.usage("the kit's \(fields.map(name).joined(separator: " and ")) \(fields.count == 1 ? "is" : "are") not signed: \(instead); nothing was signed")
        }
        for field in fields {
            guard let typed = try Confirmation.readLine(prompt: "Type \(what(field)) as printed on your paper kit, or press Enter to stop: "),
                  !typed.isEmpty else {
                throw CLIFailure.usage("not confirmed: the kit's \(name(field)) was not confirmed; \(instead); nothing was signed")
            }
            guard typed.lowercased().utf8.elementsEqual(expected(field).lowercased().utf8) else {
                throw CLIFailure(.checkFailed, "the kit's \(name(field)) \(TerminalText.sanitize(field.value, maxLength: 120)) is not what your paper kit prints: the kit text was changed after it was printed; nothing was signed")
            }
        }
    }
}
