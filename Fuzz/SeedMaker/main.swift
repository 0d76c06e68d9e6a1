// Writes the seed corpora under Fuzz/corpus/<target>/ from rkit's own
// writers and the fixed fuzz code and username (Fuzz/make-seeds.sh). The
// output is committed; rerun only when a format changes.
import Foundation

let root = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Fuzz/corpus"

func seed(_ target: FuzzTarget, _ name: String, _ bytes: [UInt8]) {
    let folder = "\(root)/\(target.rawValue)"
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: "\(folder)/\(name)", contents: Data(bytes))
}
func seed(_ target: FuzzTarget, _ name: String, _ text: String) { seed(target, name, Array(text.utf8)) }

let key = FuzzFixtures.privateKey
let username = FuzzFixtures.username
let origin = "https://app.example.com"
let challenge = "Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw"
let envelope = try! KeyEnvelope.seal(key, wrappingKey: FuzzFixtures.wrappingKey, iv: Array(0..<16))
let recoveryCredential = try! KeyCredential.make(kind: .recoveryKey, credId: envelope.credentialId, privateKey: key,
                                                challenge: challenge, origin: origin, encryptedPrivateKey: envelope.text)
let keyCredential = try! KeyCredential.make(kind: .key, credId: "a2V5LWNyZWRlbnRpYWw", privateKey: key,
                                           challenge: challenge, origin: origin)
let kit = RecoveryKit(username: username, orgId: "or-fuzz-0001", origin: origin, credentialId: envelope.credentialId,
                      publicKeyPEM: key.publicKey.pem, envelope: envelope, createdAt: "2025-01-01T00:00:00Z",
                      attestation: recoveryCredential)
var plainKit = kit
plainKit.attestation = nil
plainKit.orgId = nil

seed(.kit, "kit.json", kit.kitFileText)
seed(.kit, "kit-plain.json", plainKit.kitFileText)
seed(.kit, "qr.txt", kit.qrText)
seed(.kit, "credential.json", JSONText.stringify(recoveryCredential.json))

seed(.envelope, "envelope.txt", envelope.text)
let spacedInner = "{ \"key\": \"\(Base64.encode(envelope.sealed))\", \"iv\": \"\(Base64.encode(envelope.iv))\" }"
seed(.envelope, "envelope-spaced.txt", Base64.encode(Array(spacedInner.utf8)))

let der = key.publicKey.spkiDER
seed(.pem, "one-line.pem", key.publicKey.pem)
let body = Base64.encode(der)
let wrapped = stride(from: 0, to: body.count, by: 64).map { i -> String in
    let start = body.index(body.startIndex, offsetBy: i)
    return String(body[start..<body.index(start, offsetBy: min(64, body.count - i))])
}
seed(.pem, "wrapped.pem", "-----BEGIN PUBLIC KEY-----\n" + wrapped.joined(separator: "\n") + "\n-----END PUBLIC KEY-----\n")
seed(.pem, "crlf.pem", "-----BEGIN PUBLIC KEY-----\r\n" + body + "\r\n-----END PUBLIC KEY-----\r\n")

seed(.spki, "p256.der", der)
var full = try! key.pkcs8().copyBytes()
seed(.pkcs8, "webcrypto.der", full)
seed(.pkcs8, "no-public.der", P256DER.pkcs8NoPublicPrefix + [UInt8](repeating: 0x11, count: 32))
cleanse(&full)

seed(.code, "canonical.txt", "D1-9W32PF-6QFU8-8E72U-3QK8T-9QR8N-G5FG66")
seed(.code, "typed.txt", "d1 9w32pf 6qfu8 8e72u 3qk8t 9qr8n g5fg66")
seed(.code, "run.txt", "9W32PF6QFU88E72U3QK8T9QR8NG5FG66")
let code = FuzzFixtures.code
let withChecks = zip(code.revealGroups(), code.checkCharacters).map { "\($0)\($1)" }.joined(separator: "-")
seed(.code, "checks.txt", withChecks)

seed(.base64, "standard.txt", Base64.encode(Array(0..<40)))
seed(.base64, "url.txt", Base64URL.encode(Array(200..<255)))
seed(.base64, "hex.txt", Hex.encode(Array(0..<32)))

let request = try! RecoveryRequest.sign(newCredentials: ["firstFactorCredential": keyCredential.json,
                                                         "recoveryCredential": recoveryCredential.json],
                                        credId: envelope.credentialId, privateKey: key, origin: origin)
seed(.json, "kit.json", kit.kitFileText)
seed(.json, "request.json", request.text)
seed(.json, "values.json", #"[0,-0.5,1e21,1e-7,123456789012345680000,"\u00e9\ud83d\ude00\n\"/",true,false,null,{}]"#)

seed(.clientData, "create.json", ClientData.text(form: .sortedRaw, challenge: challenge, origin: origin))
seed(.clientData, "create-frontend.json", ClientData.text(form: .referenceFrontend, challenge: challenge, origin: origin))
seed(.clientData, "create-sdk-key.json", ClientData.text(form: .sdkKey, challenge: challenge, origin: origin))
seed(.clientData, "reference-order.json",
     #"{"type":"key.get","challenge":"\#(challenge)","origin":"\#(origin)","crossOrigin":false}"#)

seed(.credential, "recovery-key.json", JSONText.stringify(recoveryCredential.json))
seed(.credential, "key.json", JSONText.stringify(keyCredential.json))
seed(.credential, "attestation-data.json", keyCredential.attestationData)

seed(.request, "request.json", request.text)
print("seeds written under \(root)")
