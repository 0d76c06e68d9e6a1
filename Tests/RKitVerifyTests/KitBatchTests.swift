import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// A batch of good and damaged kits: the report names exactly the damaged
/// files and the check that caught each.
@Suite struct KitBatchTests {
    struct Batch {
        let directory: TemporaryDirectory
        var files: [String] = []
        var codeLines: [String] = []
        /// File name → first failing check, without and with the codes.
        var expectedWithout: [String: String] = [:]
        var expectedWith: [String: String] = [:]

        init() throws { directory = try TemporaryDirectory() }

        mutating func add(_ name: String, _ text: String, code: RecoveryCode?, id: String,
                          without: String? = nil, with: String? = nil) throws {
            files.append(try directory.write(name, text))
            if let code { codeLines.append("\(id) \(code.revealCanonicalText())") }
            if let without { expectedWithout[name] = without }
            if let with = with ?? without { expectedWith[name] = with }
        }
    }

    static func makeBatch() throws -> Batch {
        var batch = try Batch()
        for i in 0..<3 {
            let good = try Fixtures.kit("user\(i)@example.com")
            try batch.add("good-\(i).json", good.kit.kitFileText, code: good.code, id: good.kit.credentialId)
        }
        let plain = try Fixtures.kit("plain@example.com", attested: false)
        try batch.add("good-plain.json", plain.kit.kitFileText, code: plain.code, id: plain.kit.credentialId)
        let qr = try Fixtures.kit("qr@example.com", attested: false)
        try batch.add("good-qr.txt", qr.kit.qrText, code: qr.code, id: qr.kit.credentialId)
        let bare = try Fixtures.kit("bare@example.com")
        try batch.add("good-credential.json", JSONText.stringify(bare.kit.attestation!.json), code: bare.code,
                      id: bare.kit.credentialId)

        var wrongId = try Fixtures.kit("wrong-id@example.com")
        wrongId.kit.credentialId = Base64URL.encode([UInt8](repeating: 7, count: 32))
        try batch.add("wrong-id.json", wrongId.kit.kitFileText, code: wrongId.code, id: wrongId.kit.envelope.credentialId,
                      without: "credential-id")

        // Only the code can tell: no attestation, another kit's public key.
        var swapped = try Fixtures.kit("swapped@example.com", attested: false)
        swapped.kit.publicKeyPEM = try Fixtures.kit("other@example.com", attested: false).kit.publicKeyPEM
        try batch.add("swapped-key.json", swapped.kit.kitFileText, code: swapped.code, id: swapped.kit.credentialId,
                      with: "code.key-matches")

        var flipped = try Fixtures.kit("flipped@example.com")
        flipped.kit.envelope = try Fixtures.flipped(flipped.kit.envelope)
        try batch.add("flipped.json", flipped.kit.kitFileText, code: flipped.code, id: flipped.kit.credentialId,
                      without: "credential-id")

        // The same damage with the ID recomputed: only the code can tell.
        var rehashed = try Fixtures.kit("rehashed@example.com", attested: false)
        rehashed.kit.envelope = try Fixtures.flipped(rehashed.kit.envelope)
        rehashed.kit.credentialId = rehashed.kit.envelope.credentialId
        try batch.add("flipped-rehashed.json", rehashed.kit.kitFileText, code: rehashed.code, id: rehashed.kit.credentialId,
                      with: "code.opens")

        var badSignature = try Fixtures.kit("bad-signature@example.com")
        badSignature.kit.attestation = try Fixtures.badSignature(badSignature.kit.attestation!)
        try batch.add("bad-signature.json", badSignature.kit.kitFileText, code: badSignature.code,
                      id: badSignature.kit.credentialId, without: "attestation.signature")

        var foreign = try Fixtures.kit("foreign@example.com")
        foreign.kit.attestation = try Fixtures.kit("someone-else@example.com").kit.attestation
        try batch.add("foreign-attestation.json", foreign.kit.kitFileText, code: foreign.code, id: foreign.kit.credentialId,
                      without: "attestation.binding")
        return batch
    }

    static func firstFailures(_ result: ToolResult) throws -> [String: String] {
        var found: [String: String] = [:]
        for line in try Fixtures.jsonLines(result.stdout) where line["ok"]?.boolValue == false {
            let name = URL(fileURLWithPath: line["file"]!.stringValue!).lastPathComponent
            found[name] = Fixtures.failing(line).first
        }
        return found
    }

    @Test func withoutCodesTheReportNamesExactlyTheDamagedFiles() throws {
        let batch = try Self.makeBatch()
        let result = try Fixtures.verify(["kit", "--json"] + batch.files)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.firstFailures(result) == batch.expectedWithout)
        #expect(ManPage.undocumented(try Fixtures.jsonLines(result.stdout)).isEmpty)
        let lines = try Fixtures.jsonLines(result.stdout)
        #expect(lines.count == batch.files.count)
        // Input order is kept.
        #expect(lines.map { $0["file"]?.stringValue } == batch.files.map { Optional($0) })
        let failed = batch.expectedWithout.count
        #expect(result.stderr.split(separator: "\n").last!.hasPrefix("\(batch.files.count - failed) passed, \(failed) failed"))
        #expect(try Fixtures.jsonObjects(result.stdout).last?["summary"]?["failed"]?.numberValue == Double(failed))
    }

    @Test func withCodesTheDamageOnlyTheCodeRevealsIsCaught() throws {
        let batch = try Self.makeBatch()
        let codes = try Fixtures.writeSecret(batch.directory, "codes.txt",
                                             "# kit codes\n\n" + batch.codeLines.joined(separator: "\n") + "\n")
        let result = try Fixtures.verify(["kit", "--json", "--codes", codes, "--username", "bare@example.com"] + batch.files)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try Self.firstFailures(result) == batch.expectedWith)
        #expect(ManPage.undocumented(try Fixtures.jsonLines(result.stdout)).isEmpty)
        #expect(!result.stderr.contains("warning"))
        for line in batch.codeLines {
            let code = String(line.split(separator: " ")[1])
            #expect(!result.stdout.contains(code) && !result.stderr.contains(code))
        }
        // Every good kit was opened and its key compared (QR text has no key to compare).
        for line in try Fixtures.jsonLines(result.stdout) where line["ok"]?.boolValue == true {
            #expect(Fixtures.checkNames(line).contains("code.opens"))
        }
    }

    @Test func peopleOutputNamesFailuresAndCloses() throws {
        let batch = try Self.makeBatch()
        let result = try Fixtures.verify(["kit"] + batch.files)
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        // Each kit, the failures again ("Failed (N):" and one line each), the closing line.
        #expect(lines.count == batch.files.count + 1 + batch.expectedWithout.count + 1)
        #expect(lines[batch.files.count] == "Failed (\(batch.expectedWithout.count)):")
        let failedNames = Set(lines.prefix(batch.files.count).filter { $0.hasPrefix("✗") }.map {
            URL(fileURLWithPath: String($0.split(separator: " ")[1])).lastPathComponent
        })
        #expect(failedNames == Set(batch.expectedWithout.keys))
        for line in lines where line.hasPrefix("✗") {
            let name = URL(fileURLWithPath: String(line.split(separator: " ")[1])).lastPathComponent
            #expect(line.contains("  \(batch.expectedWithout[name]!): "))
        }
        // Unregistered: good-plain.json, swapped-key.json and flipped-rehashed.json (no attestation; passed without codes);
        // not fully checked: those three and the QR text.
        #expect(lines.last == "\(batch.files.count - batch.expectedWithout.count) passed, \(batch.expectedWithout.count) failed; 3 unregistered, 4 not fully checked (no code)")
    }

    @Test func verboseListsEveryCheck() throws {
        let made = try Fixtures.kit()
        let directory = try TemporaryDirectory()
        let path = try directory.write("kit.json", made.kit.kitFileText)
        let code = try Fixtures.writeSecret(directory, "code.txt", made.code.revealCanonicalText() + "\n")
        let result = try Fixtures.verify(["kit", "-v", "--code-file", code, path])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        for name in ["structure", "envelope-format", "credential-id", "public-key", "attestation.structure",
                     "attestation.client-data", "attestation.type", "attestation.data", "attestation.fingerprint",
                     "attestation.signature", "attestation.binding", "code.opens", "code.key-matches"] {
            #expect(result.stdout.contains("    ✓ \(name): "), "\(name)")
        }
        #expect(result.stdout.hasSuffix("1 passed, 0 failed\n"))
        #expect(!result.stdout.contains(made.code.revealCanonicalText()))
        // The man page lookup used throughout can fail.
        let unknown: JSONObject = ["checks": [["name": "no.such-check", "ok": true, "detail": ""]], "warnings": []]
        #expect(ManPage.undocumented([unknown]) == ["no.such-check"])
    }

    @Test func aWrongCodeFailsToOpenWithoutRevealingIt() throws {
        let made = try Fixtures.kit()
        let other = try Fixtures.kit("bob@example.com", attested: false)
        let directory = try TemporaryDirectory()
        let path = try directory.write("kit.json", made.kit.kitFileText)
        let result = try Fixtures.verify(["kit", "--code-file", "-", path], stdin: other.code.revealCanonicalText() + "\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("✗ \(path)  \(made.kit.credentialId)  code.opens: "))
        #expect(!result.stdout.contains(other.code.revealCanonicalText()))
    }
}

/// Issue 19 findings 8-9: an auditor's batch of 200 kits with one bad
/// line in the codes file. The bad line is reported by its number and the
/// batch goes on; the closing line counts passed, failed, unregistered and
/// not fully checked kits; the failures are listed again; --json ends with
/// one summary object; --quiet prints only the failures.
@Suite struct AuditBatchTests {
    @Test func twoHundredKitsWithABadCodesLine() throws {
        let dir = try TemporaryDirectory()
        var files: [String] = []
        var lines: [String] = []
        for i in 0..<200 {
            // Every fourth registered; kit 7 gets the bad line, kit 9 none at all.
            let made = try KitGenerator.make(.init(username: "user\(i)@example.com", origin: "https://app.example.com",
                                                   challenge: i % 4 == 0 ? "cmVnaXN0ZXI" : nil))
            files.append(try dir.write(String(format: "kit-%03d.json", i), made.kit.kitFileText))
            switch i {
            case 7: lines.append("\(made.kit.credentialId) D1-IIIIII-BBBBB-CCCCC-DDDDD-EEEEE-FFFFFF")
            case 9: break
            default: lines.append("\(made.kit.credentialId) \(made.code.revealCanonicalText())")
            }
        }
        let codes = try Fixtures.writeSecret(dir, "codes.txt", lines.joined(separator: "\n") + "\n")
        let result = try Fixtures.verify(["kit", "--codes", codes] + files)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("rkit-verify: \(codes): line 8 of the codes file: the recovery code has 'I'"), "\(result.stderr)")
        #expect(result.stderr.contains("the line is skipped, the batch goes on"))
        let out = result.stdout.split(separator: "\n").map(String.init)
        #expect(out.filter { $0.hasPrefix("✓ ") }.count == 198)
        #expect(out.filter { $0.hasPrefix("✗ ") }.count == 2)
        #expect(out.filter { $0.hasPrefix("  ✗ ") }.count == 2, "the failures again at the end")
        let failedAgain = try #require(out.firstIndex(of: "Failed (2):"))
        #expect(out[(failedAgain + 1)...].prefix(2).allSatisfy { $0.hasPrefix("  ✗ ") && ($0.contains("kit-007.json") || $0.contains("kit-009.json")) })
        #expect(out.last == "198 passed, 2 failed; 148 unregistered, 1 codes line skipped", "\(out.suffix(4))")

        let json = try Fixtures.verify(["kit", "--json", "--codes", codes] + files)
        let objects = try Fixtures.jsonObjects(json.stdout)
        #expect(objects.count == 201)
        #expect(objects.dropLast().allSatisfy { $0["file"] != nil && $0["summary"] == nil })
        let summary = try #require(objects.last?["summary"])
        #expect(summary["passed"]?.numberValue == 198 && summary["failed"]?.numberValue == 2)
        #expect(summary["unregistered"]?.numberValue == 148)
        #expect(summary["failures"]?.arrayValue?.compactMap(\.stringValue).map { URL(fileURLWithPath: $0).lastPathComponent }.sorted()
                == ["kit-007.json", "kit-009.json"])
        #expect(summary["skippedCodesLines"]?.arrayValue?.first?["line"]?.numberValue == 8)
        for line in lines {
            let code = String(line.split(separator: " ")[1])
            #expect(!json.stdout.contains(code) && !json.stderr.contains(code), "no code is ever shown")
        }

        let quiet = try Fixtures.verify(["kit", "--quiet", "--codes", codes] + files)
        let quietLines = quiet.stdout.split(separator: "\n").map(String.init)
        #expect(quietLines.count == 3, "\(quietLines)")
        #expect(quietLines.prefix(2).allSatisfy { $0.hasPrefix("✗ ") })
        #expect(quietLines.last == out.last)
    }
}
