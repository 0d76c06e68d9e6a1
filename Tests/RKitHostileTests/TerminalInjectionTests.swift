import Foundation
import RKitTestSupport
import Testing

/// Issue 13, finding 2: text from the online machine (response.json's
/// user.name, rp.id, supported kinds and token; a --new-credentials
/// credentialKind; a kit's username and orgId; a client-data origin) went
/// to the terminal raw, so an ESC sequence could erase a warning or print a
/// fake "✓ everything fine" line. Each row feeds escape-laden text through
/// one tool and mode and asserts that no raw control character (C0 other
/// than the newlines the tool prints, DEL, C1, bidi controls) reaches
/// stdout or stderr, and that the text did arrive, shown escaped (so a row
/// cannot pass by never reaching the output).
@Suite struct TerminalInjectionTests {
    /// ESC sequences that erase the line and move up, a fake ✓ line, a C1
    /// CSI (U+009B), a right-to-left override, DEL and a newline.
    static let hostile = "x\u{1B}[2K\r\u{1B}[1A✓ everything fine\u{9B}31m\u{202E}evil\u{7F}\n✓ fake line"

    enum Output { case human, machineJSON }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let tool: String
        let arguments: [String]
        let status: Int32
        /// stdout is a person's (sanitized) or JSON (C0 escaped by JSON).
        let stdout: Output
        /// Whether the tool quotes the hostile value (then it must appear
        /// escaped); false where it refuses the value without quoting it
        /// (a kit's fields are validated; a challenge for another user is
        /// fatal, exit 5, and its message quotes the user).
        var quoted = true
        var testDescription: String { name }
    }

    static let inputs = HostileInputs.committed.path
    static let signBase = ["--kit", "\(inputs)/kits/kit.json", "--code-file", "\(inputs)/codes/good.txt",
                           "--origin", "https://app.example.com"]

    static let rows: [Row] = [
        Row(name: "rkit-sign: user.name, rp.id, supported kinds in warnings", tool: "rkit-sign",
            arguments: ["--kit", "\(inputs)/kits/kit.json", "--code-file", "\(inputs)/codes/good.txt",
                        "--origin", "https://app.example.com", "--challenge", "H:challenge.json",
                        "--new-key", "OUT:k.pem", "--plain-new-key", "--out", "OUT:b.json"], status: 5, stdout: .human),
        Row(name: "rkit-sign --json: the summary escapes C0", tool: "rkit-sign",
            arguments: signBase + ["--challenge", "H:challenge.json", "--new-key", "OUT:k.pem", "--plain-new-key", "--out", "OUT:b.json", "--json"],
            status: 5, stdout: .machineJSON),
        Row(name: "rkit-sign --curl: the token is refused, not printed", tool: "rkit-sign",
            arguments: signBase + ["--challenge", "H:token.json", "--new-key", "OUT:k.pem", "--plain-new-key", "--out", "OUT:b.json", "--curl"],
            status: 4, stdout: .human),
        Row(name: "rkit-sign --new-credentials: credentialKind", tool: "rkit-sign",
            arguments: signBase + ["--challenge", "\(inputs)/challenges/challenge.json", "--new-credentials", "H:new-credentials.json",
                                   "--out", "OUT:b.json"], status: -1, stdout: .human),
        Row(name: "rkit-sign: the kit's username in an error", tool: "rkit-sign",
            arguments: ["--kit", "H:kit-username.json", "--username", "other@example.com", "--code-file", "\(inputs)/codes/good.txt",
                        "--origin", "https://app.example.com", "--challenge", "\(inputs)/challenges/challenge.json",
                        "--new-key", "OUT:k.pem", "--plain-new-key", "--out", "OUT:b.json"], status: 4, stdout: .human, quoted: false),
        Row(name: "rkit-sign --new-kit: the kit's orgId", tool: "rkit-sign",
            arguments: ["--kit", "H:kit-org.json", "--code-file", "\(inputs)/codes/good.txt",
                        "--origin", "https://app.example.com", "--challenge", "H:challenge.json",
                        "--new-key", "OUT:k.pem", "--plain-new-key", "--out", "OUT:b.json", "--new-kit", "OUT:kit"], status: -1, stdout: .human, quoted: false),
        Row(name: "rkit-verify kit -v: the kit's username", tool: "rkit-verify",
            arguments: ["kit", "H:kit-username.json", "-v"], status: -1, stdout: .human, quoted: false),
        Row(name: "rkit-verify kit --json: the kit's username", tool: "rkit-verify",
            arguments: ["kit", "H:kit-username.json", "--json"], status: -1, stdout: .machineJSON, quoted: false),
        Row(name: "rkit-verify request -v: a client-data origin", tool: "rkit-verify",
            arguments: ["request", "H:body-origin.json", "--kit", "\(inputs)/kits/kit.json", "-v"], status: 1, stdout: .human),
        Row(name: "rkit-verify request: a client-data origin", tool: "rkit-verify",
            arguments: ["request", "H:body-origin.json", "--kit", "\(inputs)/kits/kit.json"], status: 1, stdout: .human, quoted: false),
        Row(name: "rkit-verify request --json: a client-data origin", tool: "rkit-verify",
            arguments: ["request", "H:body-origin.json", "--kit", "\(inputs)/kits/kit.json", "--json"], status: 1, stdout: .machineJSON),
        Row(name: "rkit-verify request --challenge: user.name etc.", tool: "rkit-verify",
            arguments: ["request", "\(inputs)/requests/body.json", "--kit", "\(inputs)/kits/kit.json", "--challenge", "H:challenge.json", "-v"],
            status: -1, stdout: .human, quoted: false),
        Row(name: "rkit-generate --origin", tool: "rkit-generate",
            arguments: ["--username", "a@example.com", "--origin", "https://a" + hostile + ".com", "--out", "OUT:kit"], status: 2, stdout: .human),
        Row(name: "rkit-generate --username", tool: "rkit-generate",
            arguments: ["--username", "a" + hostile + "@example.com", "--origin", "https://app.example.com", "--out", "OUT:kit"],
            status: 2, stdout: .human, quoted: false),
        Row(name: "rkit-generate --org-id", tool: "rkit-generate",
            arguments: ["--username", "a@example.com", "--org-id", "or" + hostile, "--origin", "https://app.example.com", "--out", "OUT:kit"],
            status: 2, stdout: .human, quoted: false),
    ]

    @Test(arguments: rows) func noRawControlReachesTheTerminal(_ row: Row) throws {
        let files = try HostileTerminalFiles()
        let out = try TemporaryDirectory()
        let arguments = row.arguments.map { argument -> String in
            if argument.hasPrefix("H:") { return files.dir.file(String(argument.dropFirst(2))) }
            if argument.hasPrefix("OUT:") { return out.file(String(argument.dropFirst(4))) }
            return argument
        }
        let result = try ToolRunner.rkit(row.tool, arguments)
        let context = Comment(rawValue: "exit \(result.status)\nstdout: \(result.stdout.debugDescription)\nstderr: \(result.stderr.debugDescription)")
        if row.status >= 0 { #expect(result.status == row.status, context) }
        #expect(!result.terminatedBySignal, context)
        #expect(Self.rawControls(in: result.stderr, allowingNewline: true).isEmpty, context)
        switch row.stdout {
        case .human: #expect(Self.rawControls(in: result.stdout, allowingNewline: true).isEmpty, context)
        case .machineJSON: #expect(Self.rawC0(in: result.stdout).isEmpty, context)
        }
        // The hostile text did reach the output, escaped.
        let both = result.stdout + result.stderr
        if row.quoted {
            #expect(["\\u{1B}[2K", "\\u{1B}[2k", "\\u001b[2K", "\\u001b[2k"].contains { both.contains($0) }, context)
        }
        // No line of it begins with the fake ✓ (a newline from the input is escaped).
        #expect(!both.split(separator: "\n").contains { $0.hasPrefix("✓ fake line") }, context)
    }

    /// Raw control characters a person's terminal must never receive.
    static func rawControls(in text: String, allowingNewline: Bool) -> [String] {
        text.unicodeScalars.filter { scalar in
            let v = scalar.value
            if v == 0x0A { return !allowingNewline }
            return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x061C || v == 0x200E || v == 0x200F
                || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    /// C0 controls other than the line ends of JSON lines.
    static func rawC0(in text: String) -> [String] {
        text.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" }.map { "U+" + String($0.value, radix: 16) }
    }
}

/// The committed inputs with `TerminalInjectionTests.hostile` put into
/// every field a person sees.
struct HostileTerminalFiles {
    let dir: TemporaryDirectory

    init() throws {
        dir = try TemporaryDirectory()
        let inputs = HostileInputs.committed
        let text = TerminalInjectionTests.hostile
        func object(_ path: String) throws -> [String: Any] {
            let data = try Data(contentsOf: inputs.appendingPathComponent(path))
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }
        func write(_ value: [String: Any], _ name: String) throws {
            try JSONSerialization.data(withJSONObject: value, options: [.withoutEscapingSlashes]).write(to: dir.url.appendingPathComponent(name))
        }
        func base64url(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        var challenge = try object("challenges/challenge.json")
        var user = try #require(challenge["user"] as? [String: Any])
        user["name"] = "victim" + text
        challenge["user"] = user
        var rp = try #require(challenge["rp"] as? [String: Any])
        rp["id"] = "rp" + text
        challenge["rp"] = rp
        var kinds = try #require(challenge["supportedCredentialKinds"] as? [String: Any])
        kinds["firstFactor"] = ["Fido2" + text]
        challenge["supportedCredentialKinds"] = kinds
        try write(challenge, "challenge.json")
        var token = try object("challenges/challenge.json")
        token["temporaryAuthenticationToken"] = "token" + text
        try write(token, "token.json")

        var kit = try object("kits/kit.json")
        kit["username"] = try #require(kit["username"] as? String) + text
        try write(kit, "kit-username.json")
        var kitOrg = try object("kits/kit.json")
        kitOrg["orgId"] = "or" + text
        try write(kitOrg, "kit-org.json")

        try write(["firstFactorCredential": ["credentialKind": "Fido2" + text,
                                             "credentialInfo": ["credId": "abc", "clientData": "e30", "attestationData": "e30"]]],
                  "new-credentials.json")

        // The body with a hostile origin in the new credential's client data.
        var body = try object("requests/body.json")
        var newCredentials = try #require(body["newCredentials"] as? [String: Any])
        var first = try #require(newCredentials["firstFactorCredential"] as? [String: Any])
        var info = try #require(first["credentialInfo"] as? [String: Any])
        var encoded = try #require(info["clientData"] as? String).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while encoded.count % 4 != 0 { encoded += "=" }
        let clientDataBytes = try #require(Data(base64Encoded: encoded))
        var clientData = try #require(try JSONSerialization.jsonObject(with: clientDataBytes) as? [String: Any])
        clientData["origin"] = "https://app.example.com" + text
        info["clientData"] = base64url(try JSONSerialization.data(withJSONObject: clientData))
        first["credentialInfo"] = info
        newCredentials["firstFactorCredential"] = first
        body["newCredentials"] = newCredentials
        try write(body, "body-origin.json")
    }
}
