import ArgumentParser
import RecoveryKitCLI
import RecoveryKitCore

/// The origin a signature is made for: the kit's recorded origin unless
/// the person names another and says so (`--allow-other-origin`), so a
/// mistyped or planted origin is never stamped into a new kit unnoticed.
enum SignOrigin {
    static func resolve(given: OriginArgument?, allowOther: Bool, kit: RecoveryKit?, path: String) throws -> String {
        var recorded: String? = nil
        if let kit, let text = kit.origin {
            do { recorded = try ApplicationOrigin.normalized(text) } catch {
                throw CLIFailure(.malformedInput, "kit \(path): its origin \"\(TerminalText.sanitize(text, maxLength: 80))\" is not a valid origin (\(error)); give --origin URL --allow-other-origin")
            }
        }
        guard let given else {
            guard let recorded else {
                throw CLIFailure.usage("--origin URL is required: the kit records no origin (the application's, e.g. https://app.example.com)")
            }
            return recorded
        }
        let origin = try given.normalized()
        if let recorded, !origin.isByteIdentical(to: recorded), !allowOther {
            throw CLIFailure.usage("--origin \(origin) is not the kit's origin \(recorded); leave --origin out to use the kit's, or add --allow-other-origin if the app really moved")
        }
        return origin
    }
}

/// `--origin URL [--allow-other-origin]`, for recover and attest.
struct OriginOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The application's origin placed in client data (default: the kit's; another needs --allow-other-origin).", valueName: "URL"))
    var origin: OriginArgument?

    @Flag(help: "Sign for an --origin other than the one the kit records (e.g. the app moved).")
    var allowOtherOrigin = false

    func check() throws {
        if allowOtherOrigin, origin == nil {
            throw CLIFailure.usage("--allow-other-origin goes with --origin URL (the origin to use instead of the kit's)")
        }
    }

    func resolve(kit: RecoveryKit?, path: String) throws -> String {
        try SignOrigin.resolve(given: origin, allowOther: allowOtherOrigin, kit: kit, path: path)
    }
}
