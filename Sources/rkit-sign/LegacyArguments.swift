import RecoveryKitCLI

/// The mode flags of rkit-sign before it had subcommands (`--code-request`,
/// `--init-request`, `--qr-split FILE`, `--qr-join`) keep working: each is
/// rewritten to its subcommand, with a one-line note naming it on stderr,
/// so scripts and printed kits from earlier releases still run.
enum LegacyArguments {
    static let modes: [(flag: String, subcommand: String, takesValue: Bool)] = [
        ("--code-request", "code-request", false),
        ("--init-request", "init-request", false),
        ("--qr-split", "qr-split", true),
        ("--qr-join", "qr-join", false),
    ]
    /// The subcommand names, from rkit-sign's configuration (one list), and `help`.
    static var subcommands: Set<String> {
        Set(RKitSign.configuration.subcommands.map { $0._commandName } + ["help"])
    }

    static func rewrite(_ arguments: [String], note: (String) -> Void = { Output.error($0) }) throws -> [String] {
        guard let first = arguments.first, !subcommands.contains(first) else { return arguments }
        var rest: [String] = []
        var found: [(flag: String, subcommand: String, value: String?)] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard let mode = modes.first(where: { $0.flag == name }) else {
                rest.append(argument)
                index += 1
                continue
            }
            var value: String? = nil
            if mode.takesValue {
                if argument.contains("=") {
                    value = String(argument.drop(while: { $0 != "=" }).dropFirst())
                } else if index + 1 < arguments.count {
                    value = arguments[index + 1]
                    index += 1
                } else {
                    throw CLIFailure.usage("\(mode.flag) needs a FILE; it is now 'rkit-sign \(mode.subcommand) FILE'")
                }
            } else if argument.contains("=") {
                throw CLIFailure.usage("\(mode.flag) takes no value; it is now 'rkit-sign \(mode.subcommand)'")
            }
            found.append((mode.flag, mode.subcommand, value))
            index += 1
        }
        guard let mode = found.first else { return arguments }
        guard found.count == 1 else {
            throw CLIFailure.usage("\(found.map(\.flag).joined(separator: " and ")) are separate steps; run one: rkit-sign \(found.map(\.subcommand).joined(separator: " | "))")
        }
        note("rkit-sign: note: \(mode.flag) is now the subcommand 'rkit-sign \(mode.subcommand)'")
        return [mode.subcommand] + (mode.value.map { [$0] } ?? []) + rest
    }
}
