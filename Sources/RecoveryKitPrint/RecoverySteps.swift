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

    /// The warning at the top of the kit. The code is the secret; the QR
    /// holds only the encrypted key (Dfns has a copy), so scanning it for
    /// the steps below is safe and the warning must not forbid it.
    static let warningTitle = "Keep this paper secret and offline."
    static let warning = "Whoever holds the recovery code on this paper and can read your mailbox can take over your account. Never photograph, scan or upload the code half. The QR holds only the encrypted key, so scanning it for steps 1 and 4 is safe. Keep the paper somewhere safe, like a passport."

    /// What `--kit` is given: the kit's QR text saved to a file (scanned
    /// from this paper) or the kit.json kept with it.
    static let kitArgument = "kit-qr.txt"

    static func steps(for kit: PrintableKit) -> [Step] {
        let origin = kit.origin ?? "<app origin, e.g. https://app.example.com>"
        // The QR carries the org ID when the kit has one; otherwise it must be typed.
        let org = kit.orgId == nil ? " --org-id <org ID>" : ""
        return [
            Step(text: "On an online computer, save the text of this paper's QR code as \(kitArgument) (or use kit.json). Ask for the e-mail code: send this body to PUT /auth/recover/user/code:",
                 command: "rkit-sign --code-request --kit \(kitArgument)\(org) > code.json"),
            Step(text: "With the code from your mailbox, send this body to POST /auth/recover/user/init and save the whole response as response.json:",
                 command: "rkit-sign --init-request --kit \(kitArgument)\(org) --verification-code <e-mail code> > init.json"),
            Step(text: "Carry response.json to the offline computer (USB stick, or rkit-sign --qr-split). This paper never goes online.",
                 command: nil),
            Step(text: "On the offline computer run the command below and type the recovery code from this paper when asked:",
                 command: "rkit-sign --kit \(kitArgument) --challenge response.json --origin \(origin) --new-key new-key.pem --new-kit new-kit --out body.json"),
            Step(text: "Carry body.json and new-key.pem back and submit body.json with POST /auth/recover/user (Bearer token: temporaryAuthenticationToken from response.json; rkit-sign --curl prints the command). new-key.pem is your new login key.",
                 command: nil),
            Step(text: "Print and store the new kit from new-kit/, then destroy this paper: after recovery it no longer works.",
                 command: nil),
        ]
    }
}
