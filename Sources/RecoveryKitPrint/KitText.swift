/// The paper kit as plain UTF-8 text (kit.txt): the same facts as the PDF
/// for people who print from a terminal or keep a text copy, plus the QR
/// text itself on one line, so the kit can be typed in or re-encoded if
/// the printed QR is ever damaged.
///
/// Control characters in user-supplied text are shown visibly (`\u{…}`),
/// like on the PDF and SVG, so a name cannot rewrite the terminal or the
/// page. With `splitCodePage` the code half starts after a form feed, which
/// text printers turn into a page break.
public enum KitText {
    public static let width = 72

    public static func render(_ kit: PrintableKit) throws(PrintError) -> String {
        try kit.validate()
        func show(_ s: String) -> String { PaperText.displayable(s, canShow: nil).text }
        var lines: [String] = []
        func add(_ s: String = "") { lines.append(s) }
        func paragraph(_ s: String, indent: String = "") {
            lines.append(contentsOf: wrap(s, width: width - indent.count).map { indent + $0 })
        }
        func field(_ name: String, _ value: String) { add(pad(name + ":", 16) + value) }

        add("ACCOUNT RECOVERY KIT")
        add(String(repeating: "=", count: 20))
        add()
        if !kit.registered {
            add("*** " + RecoverySteps.notRegisteredTitle + " ***")
            paragraph(RecoverySteps.notRegistered)
            add("    " + RecoverySteps.registerCommand(for: kit))
            add()
        }
        paragraph(RecoverySteps.warningTitle + " " + (kit.shares == nil ? RecoverySteps.warning : ShareWording.kitWarning))
        add()
        field("Belongs to", show(kit.username))
        if let org = kit.orgId { field("Org ID", show(org)) }
        if let origin = kit.origin { field("Origin", show(origin)) }
        if let appId = kit.appId { field("App ID", show(appId)) }
        field("Credential ID", show(kit.credentialId))
        field("Kit tag", "\(show(kit.kitTag))  (start of the credential ID; also on the code half)")
        field("Created", show(kit.createdAt))
        add()
        add("KIT QR TEXT")
        paragraph("What the kit's QR code holds: your encrypted key, username, org and origin, not the recovery code. It is one line; if it was wrapped when printed, type it as one line without the breaks. Save it as \(RecoverySteps.kitArgument) for rkit-sign --kit, or turn it back into a QR code.")
        add()
        add(kit.qrText)
        add()
        add(RecoverySteps.title.uppercased())
        for (i, step) in RecoverySteps.steps(for: kit).enumerated() {
            add()
            let number = "\(i + 1). "
            let body = wrap(step.text, width: width - number.count)
            lines.append(number + body[0])
            lines.append(contentsOf: body.dropFirst().map { String(repeating: " ", count: number.count) + $0 })
            if let command = step.command {
                add()
                add(String(repeating: " ", count: number.count + 4) + show(command))
            }
        }
        add()
        if let shares = kit.shares {
            add(pad("RECOVERY CODE: SPLIT INTO SHARES", width - 16) + "Kit tag \(show(kit.kitTag))")
            add()
            paragraph(ShareWording.kitNote(shares))
            add()
            add("Created \(show(kit.createdAt))")
            return lines.joined(separator: "\n") + "\n"
        }
        if kit.splitCodePage {
            paragraph("The recovery code is on the next page. Store that page in a different place from this one.")
            add("\u{0C}")
        } else {
            add("-----8<----- cut here: keep the code half below apart from the rest -----")
        }
        add()
        add(pad("RECOVERY CODE", width - 16) + "Kit tag \(show(kit.kitTag))")
        add()
        paragraph(RecoverySteps.codeNote)
        add()
        add("    " + kit.recoveryCode)
        if !kit.checkCharacters.isEmpty {
            add()
            paragraph("The same groups with their check letters in brackets (optional to type; they let rkit point at a mistyped group and are not part of the code):")
            add()
            let pairs = zip(kit.codeGroups, kit.checkCharacters).map { "\($0) [\($1)]" }
            add("    " + pairs[0..<3].joined(separator: "   "))
            add("    " + pairs[3..<6].joined(separator: "   "))
        }
        add()
        add("Created \(show(kit.createdAt))")
        return lines.joined(separator: "\n") + "\n"
    }

    static func pad(_ s: String, _ length: Int) -> String {
        s.count >= length ? s + " " : s + String(repeating: " ", count: length - s.count)
    }

    /// Greedy word wrap; a word longer than the width gets its own line.
    static func wrap(_ text: String, width: Int) -> [String] {
        var out: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty { line = String(word) }
            else if line.count + 1 + word.count <= width { line += " " + word }
            else { out.append(line); line = String(word) }
        }
        out.append(line)
        return out
    }
}
