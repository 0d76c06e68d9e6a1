/// The "how to recover" text printed on the kit: the ONE place its wording
/// lives, used by the PDF, the SVG and kit.txt. Kept apart from the layout
/// so it can be reviewed (and kept in step with `rkit-sign`'s flags)
/// without reading drawing code.
///
/// Each step is a sentence plus, optionally, a command line to type. The
/// commands are filled in with the kit's own org ID and origin so the
/// reader copies, rather than composes, them.
enum RecoverySteps {
    struct Step: Sendable {
        var text: String
        var command: String?
    }

    static let title = "How to recover your account (you need this paper, rkit, and your mailbox)"

    /// What `--kit` is given: the kit's QR text saved to a file (scanned
    /// from this paper) or the kit.json kept with it.
    static let kitArgument = "kit-qr.txt"

    static func steps(for kit: PrintableKit) -> [Step] {
        let origin = kit.origin ?? "<app origin, e.g. https://app.example.com>"
        let org = kit.orgId ?? "<org ID>"
        return [
            Step(text: "On an online computer, have the e-mail code sent (PUT /auth/recover/user/code with your username and org ID). Save the text of this paper's QR code as \(kitArgument) (or use kit.json), then let rkit print the body for POST /auth/recover/user/init:",
                 command: "rkit-sign --init-request --kit \(kitArgument) --verification-code <e-mail code> --org-id \(org)"),
            Step(text: "Send that body to POST /auth/recover/user/init and save the whole response as response.json.",
                 command: nil),
            Step(text: "Carry response.json to the offline computer (USB stick). This paper never goes online.",
                 command: nil),
            Step(text: "On the offline computer run the command below and type the recovery code when asked:",
                 command: "rkit-sign --kit \(kitArgument) --challenge response.json --origin \(origin) --new-kit DIR --out body.json"),
            Step(text: "Carry body.json back and submit it with POST /auth/recover/user (Bearer token: temporaryAuthenticationToken from response.json).",
                 command: nil),
            Step(text: "Print and store the new kit from DIR, then destroy this paper: after recovery it no longer works.",
                 command: nil),
        ]
    }
}
