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
    static let warning = "Whoever holds the recovery code on this paper and can read your mailbox can take over your account. Never photograph, scan or upload the code half. The QR holds only the encrypted key, so scanning it for step 1 is safe. Keep the paper somewhere safe, like a passport."

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

    /// Where the offline step keeps what must never leave that machine:
    /// the new kit (it holds the new code), in the home folder; the new
    /// login is a passkey on the person's security key, made offline
    /// (`--security-key`); only body.json goes back on the stick.
    static let newKitFolder = "~/rkit-new-kit"
    static let firstFactor = " --security-key"

    /// The steps as decided (CONTEXT.md), each online one with its complete
    /// command: rkit-sign prints the request (`--curl`: method, URL,
    /// content type, token, and the app ID when the kit records one) and
    /// `sh` runs it. Nothing to export, nothing the paper does not carry.
    /// The commands run as printed; the walk-through test runs them from
    /// fresh folders (Tests/RKitSignTests/WalkThroughTests.swift).
    static func steps(for kit: PrintableKit) -> [Step] {
        // The kit records its origin and org when it has them; otherwise
        // the person must add them.
        let origin = originArgument(kit)
        let org = kit.orgId == nil ? " --org-id <org ID>" : ""
        // Steps 1 and 2 read the kit's app ID from kit-qr.txt; step 5 is
        // given the kit too when it records one (curl has no kit otherwise).
        return [
            Step(text: "Online: scan this paper's QR into \(kitArgument) (zbarimg -q -Sdisable -Sqrcode.enable photo.png > \(kitArgument)), then ask Dfns to e-mail you a code:",
                 command: "rkit-sign code-request --kit \(kitArgument)\(org) --curl | sh"),
            Step(text: "With the code from your mailbox, start the recovery (saves response.json):",
                 command: "rkit-sign init-request --kit \(kitArgument)\(org) --verification-code \(emailCodePlaceholder) --curl | sh > response.json"),
            Step(text: "Copy \(kitArgument) and response.json to a USB stick and onto the offline machine (or show them there as QR codes: rkit-sign qr-split response.json). This paper never goes online.",
                 command: nil),
            Step(text: "Offline, in the folder with those two files, your security key plugged in: run this, check what it shows, type the key's PIN, touch the key, then the code from this paper:",
                 command: "rkit-sign recover --kit \(kitArgument) --challenge response.json\(origin)\(firstFactor) --new-kit \(newKitFolder) --out body.json"),
            Step(text: "Copy only body.json back to the online machine, next to response.json, and send it:",
                 command: "rkit-sign curl --body body.json --challenge response.json\(kit.appId == nil ? "" : " --kit " + kitArgument) | sh"),
            Step(text: "Sign in at the app's website with your security key: it is your login now. Print and store the new kit from \(newKitFolder); destroy this paper: it no longer works.",
                 command: nil),
        ]
    }
}
