import RecoveryKitCore
import RecoveryKitPrint

extension PrintableKit {
    /// What the paper shows for a kit and its code. The print module never
    /// sees the core's types; this is the one place the two meet, shared by
    /// rkit-generate and `rkit-sign --new-kit`.
    ///
    /// A kit without an attestation (made without --challenge) prints as
    /// NOT REGISTERED. The printed date is the UTC day of `createdAt` (the full timestamp is
    /// in kit.json).
    public init(kit: RecoveryKit, code: RecoveryCode, paper: Paper = .a4, splitCodePage: Bool = false) {
        self.init(username: kit.username, orgId: kit.orgId, origin: kit.origin, appId: kit.appId,
                  credentialId: kit.credentialId, codeGroups: code.revealGroups(),
                  checkCharacters: code.checkCharacters, qrText: kit.qrText,
                  createdAt: String((kit.createdAt ?? KitGenerator.timestamp(.now)).prefix(10)),
                  paper: paper, splitCodePage: splitCodePage, registered: kit.attestation != nil)
    }
}
