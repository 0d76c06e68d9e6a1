import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitSecurityKey
#if canImport(Glibc)
import Glibc
#endif

/// `--security-key`: between the recover flow's review and the code, the
/// key makes the passkey. In order on standard error: the key as libfido2
/// names it and what it will make, its PIN (no echo, tries left shown;
/// asked again after a wrong PIN on a terminal), "touch the key", then the
/// credential goes back into the flow, which checks it like any other.
///
/// Made before the code is asked, on purpose: the person reviews what the
/// key attested and the rule set checks the credential before the code is
/// typed, and a mistyped code is asked again without touching the key
/// again. A run that stops at the code leaves an unused passkey on the
/// key; the next run for the same account replaces it (same user handle),
/// and excludeCredentials lists only credentials the server knows.
struct SecurityKeyStep {
    /// nil, "" or `SecurityKeyArgument.pluggedIn`: the one key plugged in.
    let device: String?
    let pinFile: String?

    /// The chosen key (listed before anything is asked).
    func choose() throws -> SecurityKeyDevice {
        do { return try SecurityKey.choose(device.flatMap { $0.isEmpty || $0 == SecurityKeyArgument.pluggedIn ? nil : $0 }) } catch let error as SecurityKeyError {
            throw SecurityKeyWords.failure(error, device: device)
        }
    }

    func make(_ prepared: RecoverFlow.Prepared, on chosen: SecurityKeyDevice) throws -> RecoverFlow.Prepared {
        guard let options = prepared.passkeyOptions else { throw CLIFailure(.internalError, "no passkey options were read") }
        let enrollment = PasskeyEnrollment(options: options, challenge: prepared.inputs.challenge.challenge, origin: prepared.inputs.origin)
        let words = SecurityKeyWords.self
        do {
            let key = try SecurityKey(chosen)
            defer { key.close() }
            let info = try key.info()
            let name = words.name(device: chosen.path, product: chosen.product, manufacturer: chosen.manufacturer)
            let pinState = info.pinSet == true ? "PIN set" : info.pinSet == false ? "no PIN set" : "no PIN support"
            Output.error("rkit-sign: security key: \(name), AAGUID \(info.aaguidText), \(pinState)")
            Output.error("rkit-sign: it makes a passkey for \(words.shown(options.rpId)) (\(words.shown(options.rpName))), user \(words.shown(options.userName)); resident key \(options.residentKey), user verification \(options.userVerification), attestation \(options.attestation)")
            if info.pinSet != true, options.userVerification == "required", !info.builtInVerification {
                throw SecurityKeyError.pinNotSet
            }
            let made = try makeWithPIN(key, enrollment, needsPIN: info.pinSet == true)
            let attested: PasskeySummary
            do { attested = try enrollment.attested(made) } catch {
                throw CLIFailure(.checkFailed, "the security key's attestation does not verify (\(words.shown("\(error)", 200))); nothing was signed")
            }
            var inputs = prepared.inputs
            inputs.firstFactor = .securityKey(RecoverFlow.SecurityKeyPasskey(
                credential: enrollment.credential(made), device: chosen.path, product: chosen.product,
                manufacturer: chosen.manufacturer, aaguid: info.aaguidText, attested: attested))
            var out = prepared
            out.inputs = inputs
            return out
        } catch let error as SecurityKeyError {
            throw words.failure(error, device: chosen.path)
        }
    }

    /// The PIN (file: one try; terminal: asked again after a wrong PIN,
    /// three times at most), then the touch.
    func makeWithPIN(_ key: SecurityKey, _ enrollment: PasskeyEnrollment, needsPIN: Bool) throws -> MadePasskey {
        guard needsPIN else {
            Output.error("rkit-sign: touch the security key now")
            return try key.makeCredential(enrollment.request, pin: nil)
        }
        if let pinFile {
            let pin = try readPIN(file: pinFile)
            Output.error("rkit-sign: touch the security key now")
            return try key.makeCredential(enrollment.request, pin: pin)
        }
        var retries = try? key.pinRetries()
        for attempt in 1...3 {
            let left = retries.map { " (\($0) \($0 == 1 ? "try" : "tries") left)" } ?? ""
            let pin = try readPIN(file: nil, prompt: "PIN of the security key\(left): ")
            Output.error("rkit-sign: touch the security key now")
            do { return try key.makeCredential(enrollment.request, pin: pin) } catch let SecurityKeyError.pinInvalid(remaining) {
                retries = remaining
                if attempt == 3 || remaining == 0 { throw SecurityKeyError.pinInvalid(retriesLeft: remaining) }
                let shown = remaining.map { "; \($0) \($0 == 1 ? "try" : "tries") left before the key locks" } ?? ""
                Output.error("rkit-sign: wrong PIN\(shown); type it again")
            }
        }
        throw SecurityKeyError.pinInvalid(retriesLeft: retries)
    }

    /// The PIN's first line (a trailing newline, and CR, ignored), in locked memory.
    func readPIN(file: String?, prompt: String = "") throws -> SecretBytes {
        var bytes: [UInt8]
        do { bytes = try SecretInput.readSecret(file: file, prompt: prompt, what: "security key PIN") } catch let failure as CLIFailure where failure.status == .interrupted && file == nil {
            throw CLIFailure(.interrupted, "no terminal to ask the security key's PIN; give --security-key-pin-file FILE (- for standard input)")
        }
        defer { cleanse(&bytes) }
        var line = Array(bytes.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? [])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        guard !line.isEmpty else { throw CLIFailure(.malformedInput, "the security key PIN\(file.map { " in \($0)" } ?? "") is empty") }
        return SecretBytes(consuming: &line)
    }
}
