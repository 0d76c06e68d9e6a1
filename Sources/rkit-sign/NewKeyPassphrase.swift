import RecoveryKitCLI
import RecoveryKitCore

/// The passphrase of a `--new-key` file: asked on the terminal twice
/// (again after a mismatch or a too-short one, three times in all), or
/// the first line of `--new-key-passphrase-file`; `--plain-new-key`
/// writes it unencrypted. Without a terminal and without either option
/// the run is refused before the code is asked.
///
/// Minimum length 12 characters (UTF-8 bytes): the file leaves the
/// offline machine, so whoever copies it can guess offline at the speed of
/// the file's KDF; 12 characters of a passphrase (or three random words)
/// keep that out of reach, while remaining typeable twice.
enum NewKeyPassphrase {
    static let minimumLength = 12

    static func read(file: String?, plain: Bool) throws -> SecretBytes? {
        if plain { return nil }
        if let file {
            var bytes = try SecretInput.readSecret(file: file, prompt: "", what: "passphrase")
            defer { cleanse(&bytes) }
            var line = Array(bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? [])
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            guard !line.isEmpty else { throw CLIFailure(.malformedInput, "the passphrase in \(file) is empty") }
            guard line.count >= minimumLength else {
                cleanse(&line)
                throw CLIFailure(.malformedInput, "the passphrase in \(file) is shorter than \(minimumLength) characters; nothing was signed")
            }
            return SecretBytes(consuming: &line)
        }
        for attempt in 1...3 {
            var first: [UInt8]
            do { first = try SecretInput.readSecret(file: nil, prompt: "Passphrase for the new key file (\(minimumLength) characters or more): ", what: "passphrase") } catch let failure as CLIFailure where failure.status == .interrupted {
                throw CLIFailure(.usage, "no terminal to ask the --new-key file's passphrase: give --new-key-passphrase-file FILE, or --plain-new-key to write it unencrypted; nothing was signed")
            }
            guard first.count >= minimumLength else {
                cleanse(&first)
                if attempt == 3 { throw CLIFailure(.malformedInput, "the passphrase is shorter than \(minimumLength) characters; nothing was signed") }
                Output.error("rkit-sign: the passphrase is shorter than \(minimumLength) characters; type a longer one")
                continue
            }
            var second = try SecretInput.readSecret(file: nil, prompt: "Same passphrase again: ", what: "passphrase")
            defer { cleanse(&second) }
            if first == second { return SecretBytes(consuming: &first) }
            cleanse(&first)
            if attempt == 3 { throw CLIFailure(.malformedInput, "the two passphrases differ; nothing was signed") }
            Output.error("rkit-sign: the two passphrases differ; type them again")
        }
        return nil
    }
}
