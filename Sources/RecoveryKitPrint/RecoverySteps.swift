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

    /// The box an unregistered kit's paper carries (and kit.txt): the
    /// words, what they mean, and the command that registers the kit. A
    /// registered kit's paper never says "NOT REGISTERED".
    static let notRegisteredTitle = "NOT REGISTERED"
    static let notRegistered = "Dfns does not know this kit yet: it cannot recover the account. With a registration challenge saved as challenge.json, run this in the kit's folder, send attestation.json to Dfns, then strike this box through."
    static func registerCommand(for kit: PrintableKit) -> String {
        "rkit-sign attest --kit kit.json --challenge challenge.json\(originArgument(kit)) --out attestation.json"
    }

    /// The kit records its origin when it has one; otherwise the person adds it.
    static func originArgument(_ kit: PrintableKit) -> String {
        kit.origin == nil ? " --origin <app origin, e.g. https://app.example.com>" : ""
    }

    /// Beside the code on both halves' renderings (PDF, SVG, kit.txt).
    static let codeNote = "Whoever has this code and can read your mailbox can take over your account. Type it when rkit-sign asks for it; lower case, spaces and missing dashes are fine. Apart from its D1 prefix, the code has no I, O, 0 or 1."

    /// What `--kit` is given: the kit's QR text saved to a file (scanned
    /// from this paper) or the kit.json kept with it.
    static let kitArgument = "kit-qr.txt"

    /// What the person replaces in the init step's command.
    static let emailCodePlaceholder = "<e-mail code>"

    /// The steps, each online one with its complete command: rkit-sign
    /// prints the request (`--curl`: method, URL, app ID from
    /// $DFNS_APP_ID, content type, token) and `sh` runs it. The commands
    /// run as printed; a test runs them against scripted files.
    static func steps(for kit: PrintableKit) -> [Step] {
        // The kit records its origin and org when it has them; otherwise
        // the person must add them.
        let origin = originArgument(kit)
        let org = kit.orgId == nil ? " --org-id <org ID>" : ""
        return [
            Step(text: "Online: save this paper's QR text as \(kitArgument), export DFNS_APP_ID=<your app's ID>, and ask for the e-mail code:",
                 command: "rkit-sign code-request --kit \(kitArgument)\(org) --curl | sh"),
            Step(text: "With the code from your mailbox, start the recovery (saves response.json):",
                 command: "rkit-sign init-request --kit \(kitArgument)\(org) --verification-code \(emailCodePlaceholder) --curl | sh > response.json"),
            Step(text: "Carry response.json offline on a USB stick (or show it as QR codes: rkit-sign qr-split response.json). This paper never goes online.",
                 command: nil),
            Step(text: "Offline: run this, check what it shows, then type the recovery code from this paper:",
                 command: "rkit-sign recover --kit \(kitArgument) --challenge response.json\(origin) --new-key new-key.pem --new-kit new-kit --out body.json"),
            Step(text: "Carry body.json and new-key.pem (your new login key) back online and send body.json:",
                 command: "rkit-sign curl --body body.json --challenge response.json | sh"),
            Step(text: "Print and store the new kit from new-kit/, then destroy this paper: after recovery it no longer works.",
                 command: nil),
        ]
    }
}
