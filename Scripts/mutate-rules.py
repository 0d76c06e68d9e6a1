#!/usr/bin/env python3
"""A mutation pass over the new-credential rule set (issue 20, finding 12):
each mutant disables one rule (one textual change in one file), the tests
are built and the suites that guard the rules run; a mutant the suites do
not fail "survives" and needs a test. Run from a scratch copy of the
repository (it edits the sources, and restores each file after its mutant):

    python3 Scripts/mutate-rules.py [MUTANT-NUMBER...]

Prints one line per mutant: `killed` (N tests failed) or `SURVIVED`.
"""
import subprocess, sys, re

SUITES = "NewCredentialRulesTests|WebAuthnAttestationTests|AttestationRootsTests|RegistrationBodyTests|RequestTests|SignNewCredentialRulesTests|BrowserPasskeyTests"
NC = "Sources/RecoveryKitCore/Request/NewCredentials.swift"
AC = "Sources/RecoveryKitCore/Attestation/AttestationChecks.swift"
AO = "Sources/RecoveryKitCore/Attestation/WebAuthn/AttestationObject.swift"
XC = "Sources/RecoveryKitCore/Primitives/OpenSSL/X509Chain.swift"
FC = "Sources/RecoveryKitCore/Attestation/WebAuthn/Fido2Credential.swift"
PS = "Sources/RecoveryKitCore/Attestation/WebAuthn/PasskeySummary.swift"

MUTANTS = [
    ("kind: a Dfns kind", NC, "guard allKinds.containsBytes(of: kind) else", "guard true || allKinds.containsBytes(of: kind) else"),
    ("kind: allowed in the slot", NC, "guard allowed.containsBytes(of: kind) else", "guard true || allowed.containsBytes(of: kind) else"),
    ("kind: verifiable", NC, "guard verifiableKinds.containsBytes(of: kind) else", "guard true || verifiableKinds.containsBytes(of: kind) else"),
    ("structure: closed members", NC, "if let extra = object.keys.first(where: { !members.containsBytes(of: $0) }) {", "if false, let extra = object.keys.first(where: { !members.containsBytes(of: $0) }) {"),
    ("structure: closed credentialInfo", NC, "if let extra = info.keys.first(", "if false, let extra = info.keys.first("),
    ("structure: credentialName a string", NC, 'if let name = object["credentialName"], name.stringValue == nil {', 'if false, let name = object["credentialName"], name.stringValue == nil {'),
    ("Key: challenge raw only", NC, "let ok = credential.kind == .key ? form == .raw : form != nil", "let ok = form != nil"),
    ("Key/RecoveryKey: challenge", NC, "let ok = credential.kind == .key ? form == .raw : form != nil", "let ok = form != nil || true"),
    ("RecoveryKey: credential ID is the envelope hash", NC, "let ok = readable && computed.isByteIdentical(to: credential.credId)", "let ok = readable"),
    ("Fido2: crossOrigin refused", NC, "if clientData.origin == nil || clientData.crossOrigin == true {", "if clientData.origin == nil {"),
    ("Fido2: type webauthn.create", NC, "let typeOK = clientData.type.isByteIdentical(to: fido2Create)", "let typeOK = true"),
    ("Fido2: challenge", NC, "let ok = ClientData.challengeForm(clientData.challenge, challenge: expected) == .base64url", "let ok = true"),
    ("origin (all kinds)", NC, "let ok = found.isByteIdentical(to: expected)", "let ok = true"),
    ("Fido2: credId in authenticator data (rule)", NC, 'report.record(prefix + "credential-id", summary.credentialIdMatches,', 'report.record(prefix + "credential-id", true,'),
    ("Fido2: rpIdHash", NC, "let ok = summary.rpIdHashMatches(rpId)", "let ok = true"),
    ("Key: crossOrigin refused", AC, "if clientData.crossOrigin == true { return", "if false { return"),
    ("RecoveryKey: names its origin", AC, "if clientData.origin == nil, kind == .recoveryKey {", "if false {"),
    ("Key: type key.create", AC, "let typeOK = parsed.type.isByteIdentical(to: ClientData.create)", "let typeOK = true"),
    ("Key: attestation signature", AC, "if let format = key.signatureFormat(attestation.signature, for: Array(fingerprint.utf8)) {", "if let format = Optional(SignatureFormat.der) {"),
    ("none: empty statement", AO, 'if format == "none" && statement.count != 0 {', "if false {"),
    ("packed self: signature", AO, "guard key.publicKey.signatureFormat(sig, for: message) == .der else {", "guard true else {"),
    ("packed self: algorithm", AO, "guard alg == key.algorithm else {", "guard true else {"),
    ("packed x5c: leaf signature", AO, "guard leaf.isValidES256Signature(sig, for: message) else", "guard true else"),
    ("packed x5c: AAGUID extension", AO, "if let named = leaf.fidoAAGUID, named != credential.aaguid {", "if false, let named = leaf.fidoAAGUID, named != credential.aaguid {"),
    ("packed x5c: root validation", AO, "let root = AttestationRoots.root(of: certificates.map(\\.der))", "let root = AttestationRoots.shipped.first"),
    ("packed: closed statement", AO, 'guard let name = key.textValue, ["alg", "sig", "x5c"]', 'guard let name = key.textValue, true || ["alg", "sig", "x5c"]'),
    ("packed x5c: ES256 only", AO, "guard alg == COSEKey.es256 else { return .notVerified(", "guard true else { return .notVerified("),
    ("X509Chain: verify", XC, "return X509_verify_cert(context) == 1", "return true"),
    ("Fido2Credential: credentialIdMatches", FC, "(try? Base64URL.decode(credId)) == attestationObject.credential.credentialId", "true"),
    ("PasskeySummary: rpIdHashMatches", PS, "rpIdHash == SHA256Digest.hash(utf8: rpId)", "true"),
]

def run(command):
    return subprocess.run(command, shell=True, capture_output=True, text=True)

chosen = [int(a) for a in sys.argv[1:]] or range(1, len(MUTANTS) + 1)
for number in chosen:
    name, path, old, new = MUTANTS[number - 1]
    original = open(path).read()
    if original.count(old) != 1:
        print(f"{number:2} {name}: pattern found {original.count(old)} times, not mutated", flush=True)
        continue
    open(path, "w").write(original.replace(old, new))
    try:
        built = run("swift build --build-tests 2>&1")
        if built.returncode != 0:
            print(f"{number:2} {name}: does not compile ({built.stdout.strip().splitlines()[-1:]})", flush=True)
            continue
        tested = run(f"swift test --skip-build --filter '{SUITES}' 2>&1")
        failed = len(set(re.findall(r"✘ Test (\w+)", tested.stdout)))
        crashed = tested.returncode != 0 and failed == 0
        verdict = "SURVIVED" if tested.returncode == 0 else f"killed ({failed} tests failed{', crashed' if crashed else ''})"
        print(f"{number:2} {name}: {verdict}", flush=True)
    finally:
        open(path, "w").write(original)
