import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

/// Issue 11's walk-through: a person recovers from the paper alone, every
/// step done as they would do it and checked for its real outcome.
///
/// Each place is a folder, so a file reaches a place only the way a person
/// carries it: `home` (where the kit was made), `paper` (the printed kit.pdf,
/// and kit.txt as its text), `online` (the networked machine: the kit scanned
/// from the paper, response.json, the body carried back as QR parts),
/// `offline` (the air-gapped machine: the kit scanned from the paper,
/// response.json carried as QR parts), `camera` (the phone's pictures of the
/// screens) and `server` (what the scripted Dfns server holds: the registered
/// credential, the requests it got). Runs in about 6 s. The printed steps
/// are read from kit.txt and run by `sh` as printed, with Tests/Server/curl-stub.py
/// as `curl` on PATH; the only edit is "<e-mail code>", as the person makes it.
/// The recovery codes are read off the paper and typed on a pseudo-terminal,
/// never passed in argv. A missing tool (zbarimg, pdftoppm, pdftotext,
/// python3, openssl) fails the test: ToolRunner throws `MissingTool`.
@Suite struct WalkThroughTests {
    static let username = "zoë@example.com"
    static let orgId = "or-30ldf-8d7s5-8kerbutv6g2dumq7"
    static let origin = "https://app.example.com"
    /// The app ID header: none (the kit records none, and Dfns's current
    /// SDKs send none); `PrintedStepsTests` covers a kit made with --app-id.
    static let appId: String? = nil
    static let emailCode = "482913"
    static let registrationChallenge = "cmVnaXN0cmF0aW9uLWNoYWxsZW5nZS13YWxr"

    /// The response of POST /auth/registration/init that the person's app
    /// hands to rkit-generate.
    static let registrationResponse = """
        {"user":{"id":"us-3v1ag-1b2c3-walkthroughuser","displayName":"Zoë","name":"zoë@example.com"},\
        "temporaryAuthenticationToken":"eyJ0eXAiOiJKV1QifQ.registration-token.sig","challenge":"\(registrationChallenge)",\
        "rp":{"id":"app.example.com","name":"Example"},"supportedCredentialKinds":{"firstFactor":["Fido2","Key"],\
        "secondFactor":["Fido2","Key","Totp"]},"authenticatorSelection":{"residentKey":"required","requireResidentKey":true,\
        "userVerification":"required"},"attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":-7}],\
        "excludeCredentials":[],"otpUrl":""}
        """

    /// The folders, the environment every command runs in, and the tools.
    final class World {
        let root: TemporaryDirectory
        let environment: [String: String?]
        init() throws {
            root = try TemporaryDirectory()
            for place in ["home", "paper", "online", "offline", "offline-home", "server", "camera", "bin"] {
                try FileManager.default.createDirectory(at: root.url.appendingPathComponent(place), withIntermediateDirectories: true)
            }
            let stub = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Server/curl-stub.py").path
            try root.write("bin/curl", "#!/bin/sh\nexec '\(try ToolRunner.locate("python3"))' '\(stub)' \"$@\"\n")
            chmod(root.file("bin/curl"), 0o755)
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            // Only what the paper says: no app ID exported, no API URL; the
            // offline machine's home folder is `offline-home`.
            environment = ["PATH": "\(root.file("bin")):\(ToolRunner.productsDirectory.path):\(path)",
                           "DFNS_APP_ID": nil, "DFNS_API_URL": nil, "HOME": root.file("offline-home"),
                           "STUB_APP_ID": WalkThroughTests.appId, "STUB_EMAIL_CODE": WalkThroughTests.emailCode,
                           "STUB_STATE": root.file("server")]
        }

        func url(_ place: String) -> URL { root.url.appendingPathComponent(place) }
        func path(_ file: String) -> String { root.file(file) }
        func bytes(_ file: String) throws -> [UInt8] { Array(try Data(contentsOf: url(file))) }
        func text(_ file: String) throws -> String { try root.read(file) }
        func json(_ file: String) throws -> JSONValue { try JSONParser.parse(try bytes(file)) }
        func mode(_ file: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: path(file))[.posixPermissions] as! NSNumber).intValue
        }
        func listing(_ place: String) -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: path(place))) ?? []).sorted()
        }

        /// A command line as the person types it into a shell in `place`.
        func sh(_ command: String, in place: String) throws -> ToolResult {
            try ToolRunner.run("/bin/sh", ["-c", command], currentDirectory: url(place), environment: environment)
        }

        /// The same, in a terminal window of `columns`×`lines`, answering prompts.
        func terminal(_ command: String, in place: String, columns: Int = 80, lines: Int = 24,
                      answering answers: [(prompt: String, line: String)] = []) throws -> (status: Int32, screen: String) {
            var environment: [String: String] = ["COLUMNS": "\(columns)", "LINES": "\(lines)"]
            for case let (key, value?) in self.environment { environment[key] = value }
            return try PseudoTerminal.session(["/bin/sh", "-c", command], columns: columns, lines: lines, environment: environment,
                                              answering: answers, currentDirectory: url(place))
        }

        /// The requests the server stub received, in order.
        func requests() throws -> [JSONValue] {
            guard FileManager.default.fileExists(atPath: path("server/requests.jsonl")) else { return [] }
            return try text("server/requests.jsonl").split(separator: "\n").map { try JSONParser.parse(String($0)) }
        }

        /// Why the server stub refused requests (empty: it refused none).
        func refusals() -> String { (try? text("server/refusals.log")) ?? "" }

        /// `validate_bodies.py SCHEMA FILE`: the wire shape from Schemas/.
        func validate(_ file: String, as schema: String) throws -> ToolResult {
            try ToolRunner.external("python3", [ToolRunner.repositoryRoot.appendingPathComponent("Tests/Interop/validate_bodies.py").path,
                                                schema, path(file)])
        }

        /// The code as the paper prints it on one line (`D1-…`), from text.
        static func code(in text: String, after marker: String) -> String? {
            guard let range = text.range(of: marker) else { return nil }
            return text[range.upperBound...].split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("D1-") }.map(String.init)
        }
    }

    /// A file carried across the air gap as BBQr frames: `rkit-sign
    /// qr-split FILE` in a `columns`×`lines` window of `from`, animated
    /// until the last frame has been shown, then `q`; every frame as the
    /// window shows it must fit the window, and is drawn in each of `themes`
    /// (the phone's photo, kept in `camera`) and read by zbarimg. The frames
    /// read in each theme are saved, zbarimg-style and in reverse order, as
    /// `to/FILE.parts-<theme>.txt` and joined there with `rkit-sign qr-join
    /// … > FILE`, which must give the file's exact bytes. Returns the number
    /// of frames.
    @discardableResult
    static func carry(_ file: String, from: String, to: String, columns: Int, lines: Int,
                      themes: [TerminalScreen.Theme], world w: World) throws -> Int {
        // How many frames: the same command piped writes each frame once.
        let piped = try w.sh("COLUMNS=\(columns) LINES=\(lines) rkit-sign qr-split \(file)", in: from)
        let count = piped.stdout.split(separator: "\n").filter { $0.hasPrefix("frame ") }.count
        #expect(count > 1, "\(file) should need several frames at \(columns)×\(lines)")
        let shown = try w.terminal("rkit-sign qr-split \(file)", in: from, columns: columns, lines: lines,
                                   answering: [("frame \(count)/\(count)  SHA-256 ", "q")])
        try #require(shown.status == 0, "\(shown.screen)")
        #expect(!shown.screen.contains("warning"), "\(shown.screen)")
        #expect(shown.screen.contains("\u{1B}[?25h\u{1B}[?1049l"), "the animation did not give the screen and cursor back")
        // Each frame is drawn from the top left corner; the first `count` are frames 1 to count.
        let screens = shown.screen.components(separatedBy: "\u{1B}[H").dropFirst().prefix(count).map { screen in
            let drawn = screen.components(separatedBy: "\u{1B}[?25h")[0]
            return drawn.replacingOccurrences(of: "\u{1B}[K", with: "") + "\n"
        }
        #expect(screens.count == count, "\(screens.count) screens for \(count) frames")
        let original = try w.bytes("\(from)/\(file)")
        for theme in themes {
            var scanned: [String] = []
            for (index, screen) in screens.enumerated() {
                #expect(screen.hasPrefix("frame \(index + 1)/\(count)  SHA-256 "))
                // Caption and code fit the window, with no line left for a cursor.
                let rows = screen.filter { $0 == "\n" }.count
                #expect(rows <= lines, "frame \(index + 1) takes \(rows) lines of a \(lines)-line window")
                let image = TerminalScreen(screen, theme: theme)
                #expect(image.width / 4 - 4 <= columns, "frame \(index + 1) is wider than \(columns) columns")
                let texts = try image.scan(writingTo: w.path("camera/\(file)-frame\(index + 1)-\(theme.name).pgm"))
                #expect(texts.count == 1 && texts[0].hasPrefix("B$"),
                        "frame \(index + 1) of \(file) did not scan on a \(theme.name) terminal: \(texts)")
                scanned += texts
            }
            let parts = "\(file).parts-\(theme.name).txt"
            try w.root.write("\(to)/\(parts)", scanned.reversed().map { "QR-Code:" + $0 + "\n" }.joined())
            let joined = try w.sh("rkit-sign qr-join \(parts) > \(file)", in: to)
            try #require(joined.status == 0, "\(joined.stderr)")
            try #require(try w.bytes("\(to)/\(file)") == original, "\(file) did not cross byte for byte on a \(theme.name) terminal")
        }
        return count
    }

    @Test func aPersonRecoversFromThePaperAlone() throws {
        let w = try World()

        // 1. Make the kit against the app's registration challenge.
        try w.root.write("home/registration.json", Self.registrationResponse)
        let generated = try ToolRunner.rkit("rkit-generate", ["--username", Self.username, "--org-id", Self.orgId, "--origin", Self.origin,
                                                              "--challenge", "registration.json", "--out", "kit"],
                                            currentDirectory: w.url("home"), environment: w.environment)
        try #require(generated.status == 0, "\(generated.stderr)")
        #expect(w.listing("home/kit") == ["attestation.json", "kit.json", "kit.pdf", "kit.txt"])
        #expect(try w.mode("home/kit/kit.pdf") == 0o600 && w.mode("home/kit/kit.txt") == 0o600)
        let kit = try RecoveryKit.parse(try w.bytes("home/kit/kit.json"))
        // attestation.json is the recoveryCredential of POST /auth/registration.
        let shape = try w.validate("home/kit/attestation.json", as: "recovery-credential")
        #expect(shape.status == 0, "\(shape.stdout)\(shape.stderr)")
        let registered = try w.json("home/kit/attestation.json")
        #expect(registered["credentialInfo"]?["credId"]?.stringValue == kit.credentialId)
        let registeredClientData = try Self.clientData(of: registered)
        // docs/SCHEME.md: a RecoveryKey's clientData challenge is base64url of the challenge string's UTF-8.
        #expect(registeredClientData["challenge"]?.stringValue == Base64URL.encode(utf8: Self.registrationChallenge))
        #expect(registeredClientData["type"]?.stringValue == "key.create")
        #expect(registeredClientData["origin"]?.stringValue == Self.origin)
        // The app registers it: the server keeps the credential it was sent.
        try FileManager.default.copyItem(at: w.url("home/kit/attestation.json"), to: w.url("server/registered.json"))
        try w.root.write("server/account.json", JSONText.stringify(.object(JSONObject([
            ("username", .string(Self.username)), ("orgId", .string(Self.orgId)), ("origin", .string(Self.origin))]))))
        // The person prints kit.pdf; the files with the code are deleted.
        try FileManager.default.copyItem(at: w.url("home/kit/kit.pdf"), to: w.url("paper/kit.pdf"))
        try FileManager.default.copyItem(at: w.url("home/kit/kit.txt"), to: w.url("paper/kit.txt"))

        // 2. Scan the paper exactly as README's "Scanning the kit" says.
        let readme = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let scanning = try #require(readme.components(separatedBy: "### Scanning the kit").dropFirst().first?
            .components(separatedBy: "\n### ").first)
        let zbar = try #require(scanning.split(separator: "\n").first { $0.hasPrefix("zbarimg ") }.map(String.init))
        let pdftoppm = try #require(scanning.firstMatch(of: #/`(pdftoppm [^`]+)`/#).map { String($0.1) })
        #expect(zbar == "zbarimg -q -Sdisable -Sqrcode.enable page.png > kit-qr.txt")
        let scanned = try w.sh("\(pdftoppm) && \(zbar)", in: "paper")
        try #require(scanned.status == 0, "\(scanned.stderr)")
        try #require(try w.text("paper/kit-qr.txt") == "QR-Code:" + kit.qrText + "\n")
        // Step 1 scans the paper on the online machine; the offline machine
        // gets kit-qr.txt only as step 3 says (on the USB stick).
        try FileManager.default.copyItem(at: w.url("paper/kit-qr.txt"), to: w.url("online/kit-qr.txt"))
        // The code, read off the paper's code half (and the same in kit.txt).
        let pdfText = try ToolRunner.external("pdftotext", ["-layout", w.path("paper/kit.pdf"), "-"])
        #expect(pdfText.status == 0, "\(pdfText.stderr)")
        let code = try #require(World.code(in: pdfText.stdout, after: "The same code on one line:"), "\(pdfText.stdout)")
        #expect(World.code(in: try w.text("paper/kit.txt"), after: "RECOVERY CODE") == code)

        // 3. The printed steps, from kit.txt: commands are the lines indented under their step.
        let paper = try w.text("paper/kit.txt")
        let commands = paper.split(separator: "\n").filter { $0.hasPrefix("       rkit-sign ") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        try #require(commands.count == 4, "\(commands)")
        let words = paper.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        // kit.pdf, the paper in the person's hand, shows the same commands
        // (its boxes may wrap a long one at a space).
        // (its boxes may wrap a long one, ending the broken line in a shell
        // continuation, so typing the lines one by one runs one command).
        let pdfWords = pdfText.stdout.replacing(#/\\\n[ \t]*/#, with: "")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for command in commands { #expect(pdfWords.contains(command), "kit.pdf does not show: \(command)") }
        let carryCommand = try #require(words.firstMatch(of: #/show them there as QR codes: (rkit-sign qr-split response\.json)\)/#).map { String($0.1) })

        // Step 1: ask for the e-mail code.
        let step1 = try w.sh(commands[0], in: "online")
        try #require(step1.status == 0, "\(step1.stderr)")
        #expect(step1.stdout == "{}\n")
        var requests = try w.requests()
        try #require(requests.count == 1, "the scripted curl was not reached")
        Self.expectRequest(requests[0], path: "/auth/recover/user/code", bearer: nil,
                           body: #"{"username":"zoë@example.com","orgId":"\#(Self.orgId)"}"#)

        // Step 2: start the recovery with the code from the mailbox.
        let step2 = try w.sh(commands[1].replacingOccurrences(of: "<e-mail code>", with: Self.emailCode), in: "online")
        try #require(step2.status == 0, "\(step2.stderr)")
        requests = try w.requests()
        try #require(requests.count == 2)
        Self.expectRequest(requests[1], path: "/auth/recover/user/init", bearer: nil,
                           body: #"{"username":"zoë@example.com","verificationCode":"\#(Self.emailCode)","orgId":"\#(Self.orgId)","credentialId":"\#(kit.credentialId)"}"#)
        #expect(try w.text("online/response.json") == (try w.text("server/issued-challenge.json")) + "\n")
        let challengeShape = try w.validate("online/response.json", as: "recovery-challenge.response")
        #expect(challengeShape.status == 0, "\(challengeShape.stdout)\(challengeShape.stderr)")
        let response = try w.json("online/response.json")
        let recoveryChallenge = try #require(response["challenge"]?.stringValue)
        let token = try #require(response["temporaryAuthenticationToken"]?.stringValue)
        let allowed = try #require(response["allowedRecoveryCredentials"]?.arrayValue)
        #expect(allowed.count == 1 && allowed[0]["id"]?.stringValue == kit.credentialId)
        #expect(allowed[0]["encryptedRecoveryKey"]?.stringValue == kit.envelope.text)
        #expect(w.refusals().isEmpty, "\(w.refusals())")

        // 4. Step 3: kit-qr.txt and response.json to the offline machine, on
        // the stick (kit-qr.txt) and as QR parts (response.json), dark and
        // light terminals.
        #expect(words.contains("Copy kit-qr.txt and response.json to a USB stick and onto the offline machine"))
        try FileManager.default.copyItem(at: w.url("online/kit-qr.txt"), to: w.url("offline/kit-qr.txt"))
        #expect(carryCommand == "rkit-sign qr-split response.json")
        try Self.carry("response.json", from: "online", to: "offline", columns: 80, lines: 24,
                       themes: TerminalScreen.Theme.all, world: w)

        // 5. Step 4, offline, the security key plugged in: the review, the
        // key's PIN, the touch, then the code typed from the paper. (The
        // test's key is a software key on a socket: its device is the one
        // word added to the printed command.)
        let key = try SoftSecurityKey()
        let before = w.listing("offline")
        let offline = commands[2].replacingOccurrences(of: "--security-key ", with: "--security-key \(key.device) ")
        #expect(offline != commands[2])
        let recovered = try w.terminal(offline, in: "offline", answering: [("PIN of the security key", SoftSecurityKey.pin), ("Recovery code: ", code)])
        try #require(recovered.status == 0, "\(recovered.screen)")
        let screen = recovered.screen
        let tag = String(kit.credentialId.prefix(8))
        let review = try #require(screen.range(of: "Recovery code: ").map { String(screen[..<$0.lowerBound]) }, "\(screen)")
        for shown in [
            "rkit-sign: review what is about to be signed:",
            "kit:       user zoë@example.com, org \(Self.orgId), credential \(kit.credentialId) (kit tag \(tag))",
            "challenge: user zoë@example.com, relying party app.example.com",
            "origin: https://app.example.com (the kit's)",
            "firstFactorCredential: Fido2, a passkey your security key makes now (after its PIN and a touch)",
            "recoveryCredential: RecoveryKey, a new recovery kit rkit makes now (in \(w.path("offline-home/rkit-new-kit")))",
            "rkit-sign: security key: ",
            "rkit-sign: touch the security key now",
            "rkit-sign: the security key made this passkey:",
            "firstFactorCredential: Fido2, made now on the security key",
        ] {
            // (A long path wraps at the window's edge: compare unwrapped too.)
            #expect(review.contains(shown) || review.replacingOccurrences(of: "\n", with: "").contains(shown),
                    "the review does not show: \(shown)\n\(review)")
        }
        #expect(!screen.contains(code) && !screen.contains(code.dropFirst(3).replacingOccurrences(of: "-", with: "")),
                "the typed code was echoed")
        #expect(!screen.contains(SoftSecurityKey.pin), "the PIN was echoed")
        // Only body.json is written where the stick's files are; the new
        // kit is in the offline machine's home folder, and no key file anywhere.
        #expect(w.listing("offline") == (before + ["body.json"]).sorted(), "only body.json is written beside the inputs")
        #expect(w.listing("offline-home") == ["rkit-new-kit"])
        #expect(w.listing("offline-home/rkit-new-kit") == ["attestation.json", "kit.json", "kit.pdf", "kit.txt"])
        let body = try w.json("offline/body.json")
        let newKey = try #require(body["newCredentials"]?["firstFactorCredential"])
        let newRecovery = try #require(body["newCredentials"]?["recoveryCredential"])
        #expect(newKey["credentialKind"]?.stringValue == "Fido2")
        // WebAuthn: a passkey's clientData carries base64url of the challenge's UTF-8.
        #expect(try Self.clientData(of: newKey)["challenge"]?.stringValue == Base64URL.encode(utf8: recoveryChallenge))
        #expect(try Self.clientData(of: newKey)["type"]?.stringValue == "webauthn.create")
        #expect(body["recovery"]?["credentialAssertion"]?["credId"]?.stringValue == kit.credentialId)

        // 6. The body checked with only the paper: its QR text and the typed code.
        let checked = try w.terminal("rkit-verify request body.json --kit kit-qr.txt --challenge response.json", in: "offline",
                                     answering: [("Recovery code: ", code)])
        try #require(checked.status == 0, "\(checked.screen)")
        // (The passkey's attestation is `none`, as the challenge asks: rkit-verify notes that nothing says what made it.)
        #expect(checked.screen.contains("✓ body.json  \(kit.credentialId)  (warning: lint.fido2-attestation)\n"), "\(checked.screen)")
        #expect(checked.screen.contains("1 passed, 0 failed"))
        // … and the check can fail: a body whose new kit was renamed after signing.
        let tampered = try w.text("offline/body.json").replacingOccurrences(of: "\"credentialName\":\"rkit recovery kit ",
                                                                         with: "\"credentialName\":\"rkit recovery kjt ")
        #expect(tampered != (try w.text("offline/body.json")))
        try w.root.write("offline/tampered.json", tampered)
        try w.root.write("offline/code.txt", code + "\n")
        chmod(w.path("offline/code.txt"), 0o600)
        let refused = try w.sh("rkit-verify request tampered.json --kit kit-qr.txt --challenge response.json --code-file code.txt",
                               in: "offline")
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        try FileManager.default.removeItem(at: w.url("offline/code.txt"))

        // 7. Step 5: carry body.json back (light terminal, a larger window) and send it.
        try Self.carry("body.json", from: "offline", to: "online", columns: 120, lines: 50, themes: [.light], world: w)
        let printCommand = try #require(commands[3].components(separatedBy: " | sh").first)
        #expect(commands[3] == printCommand + " | sh")
        let printed = try w.sh(printCommand, in: "online")
        try #require(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("--header 'Authorization: Bearer \(token)'"), "\(printed.stdout)")
        // The server stub really checks: the printed command with a tampered body is refused.
        try FileManager.default.copyItem(at: w.url("offline/tampered.json"), to: w.url("online/tampered.json"))
        let forged = try w.sh(printed.stdout.replacingOccurrences(of: "'@body.json'", with: "'@tampered.json'"), in: "online")
        #expect(forged.status == 22, "\(forged.stdout)")
        #expect(w.refusals().contains("rkit-verify request refused the body"), "\(w.refusals())")
        try FileManager.default.removeItem(at: w.url("online/tampered.json"))
        let refusalsBefore = w.refusals()

        let bodyBytes = try w.bytes("online/body.json")
        let sent = try w.sh(commands[3], in: "online")
        try #require(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout == "{}\n", "\(sent.stdout)")
        #expect(w.refusals() == refusalsBefore, "\(w.refusals())")
        requests = try w.requests()
        try #require(requests.count == 4)
        Self.expectRequest(requests[3], path: "/auth/recover/user", bearer: token, body: String(decoding: bodyBytes, as: UTF8.self))
        #expect(requests[3]["bodyFile"]?.stringValue == "body.json")
        #expect(try w.bytes("server/recovered.json") == bodyBytes)
        // Asking for the command again prints the same one and signs nothing.
        let listing = w.listing("online")
        let again = try w.sh(printCommand, in: "online")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == printed.stdout)
        #expect(try w.bytes("online/body.json") == bodyBytes)
        #expect(w.listing("online") == listing)
        #expect(try w.requests().count == 4, "printing the command sent nothing")

        // 8. The new kit is a working kit, made against this recovery's challenge.
        let newKitCode = try #require(World.code(in: try w.text("offline-home/rkit-new-kit/kit.txt"), after: "RECOVERY CODE"))
        #expect(newKitCode != code)
        try w.root.write("offline/new-code.txt", newKitCode + "\n")
        chmod(w.path("offline/new-code.txt"), 0o600)
        let newKitChecked = try w.sh("rkit-verify kit ~/rkit-new-kit/kit.json --code-file new-code.txt", in: "offline")
        #expect(newKitChecked.status == 0, "\(newKitChecked.stdout)\(newKitChecked.stderr)")
        #expect(newKitChecked.stdout.contains("1 passed, 0 failed") || newKitChecked.stderr.contains("1 passed, 0 failed"))
        let newKit = try RecoveryKit.parse(try w.bytes("offline-home/rkit-new-kit/kit.json"))
        #expect(newKit.username == Self.username && newKit.orgId == Self.orgId && newKit.origin == Self.origin)
        #expect(newKit.credentialId != kit.credentialId)
        let newAttestation = try w.json("offline-home/rkit-new-kit/attestation.json")
        #expect(JSONValue.equivalent(newAttestation, newRecovery), "new-kit/attestation.json is the body's recoveryCredential")
        #expect(newAttestation["credentialInfo"]?["credId"]?.stringValue == newKit.credentialId)
        let newShape = try w.validate("offline-home/rkit-new-kit/attestation.json", as: "recovery-credential")
        #expect(newShape.status == 0, "\(newShape.stdout)\(newShape.stderr)")
        let newClientData = try Self.clientData(of: newAttestation)
        #expect(newClientData["challenge"]?.stringValue == Base64URL.encode(utf8: recoveryChallenge))
        #expect(newClientData["type"]?.stringValue == "key.create")
        #expect(newClientData["origin"]?.stringValue == Self.origin)
        // Its paper gives the same steps, so its own recovery later runs the same way.
        let newCommands = try w.text("offline-home/rkit-new-kit/kit.txt").split(separator: "\n")
            .filter { $0.hasPrefix("       rkit-sign ") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(newCommands == commands)
    }

    /// One request the stub logged: POST to the path, the app ID, JSON, the
    /// token when one is due, and exactly `body`.
    static func expectRequest(_ request: JSONValue, path: String, bearer: String?, body: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(request["method"]?.stringValue == "POST", sourceLocation: sourceLocation)
        #expect(request["url"]?.stringValue == "https://api.dfns.io" + path, sourceLocation: sourceLocation)
        let headers = request["headers"]
        #expect(headers?["X-DFNS-APPID"]?.stringValue == appId, "no app ID header is sent when none is known", sourceLocation: sourceLocation)
        #expect(headers?["Content-Type"]?.stringValue == "application/json", sourceLocation: sourceLocation)
        #expect(headers?["Authorization"]?.stringValue == bearer.map { "Bearer \($0)" }, sourceLocation: sourceLocation)
        #expect(request["body"]?.stringValue == body, sourceLocation: sourceLocation)
    }

    /// The decoded clientData of a credential object.
    static func clientData(of credential: JSONValue) throws -> JSONValue {
        let text = try #require(credential["credentialInfo"]?["clientData"]?.stringValue)
        return try JSONParser.parse(try Base64URL.decode(text))
    }

    /// The PEM public key a Key credential's attestationData carries.
    static func attestedPublicKey(of credential: JSONValue) throws -> String? {
        let text = try #require(credential["credentialInfo"]?["attestationData"]?.stringValue)
        return try JSONParser.parse(try Base64URL.decode(text))["publicKey"]?.stringValue
    }
}
