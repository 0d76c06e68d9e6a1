import Foundation
import Testing
import RKitTestSupport
@testable import RecoveryKitCore

/// The known-answer vectors of Vectors/ through this core (the same run as
/// `rkit-verify vectors`), and proof that the runner can fail.
@Suite struct VectorTests {
    static let directory = ToolRunner.repositoryRoot.appendingPathComponent("Vectors").path

    @Test func everyVectorPasses() throws {
        let report = try VectorRunner.run(directory: Self.directory)
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(report.passed >= 290)
        let layers = ["sha256", "pbkdf2", "aes-gcm", "encoding", "json", "code", "salt", "keys", "ecdsa",
                      "envelope", "attestation", "assertion", "clientdata-hash"]
        for layer in layers { #expect(report.counts[layer, default: 0] > 0, "no vectors for \(layer)") }
    }

    /// Changing one expected answer, or flipping an expectation, must be
    /// reported as a failure of exactly that vector.
    @Test(arguments: ["envelope.json", "attestation.json", "salt.json", "code.json", "json.json"])
    func aWrongExpectationIsCaught(file: String) throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.directory).appendingPathComponent(file)))
        guard case var .object(document) = try JSONParser.parse(bytes), var vectors = document["vectors"]?.arrayValue,
              case var .object(first) = vectors[0] else { Issue.record("unexpected layout"); return }
        first["expect"] = first["expect"]?.stringValue == "ok" ? "fail" : "ok"
        vectors[0] = .object(first)
        document["vectors"] = .array(vectors)
        var report = VectorRunner.Report()
        VectorRunner.run(file: file, bytes: Array(JSONText.stringify(.object(document)).utf8), into: &report)
        #expect(report.failures.count == 1)
        #expect(report.failures.first?.name == first["name"]?.stringValue)
    }

    /// The recovery assertion in the reference frontend's form (the order rkit writes) is pinned by
    /// ok and must-fail vectors, and the runner judges its form and hash: a wrong hash, a dropped
    /// `form` (the frontend's text read as sorted), or an unknown form in a must-fail vector is caught.
    @Test func frontendAssertionVectorsAreJudged() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Self.directory).appendingPathComponent("assertion.json")))
        guard case let .object(document) = try JSONParser.parse(bytes), let vectors = document["vectors"]?.arrayValue
        else { Issue.record("unexpected layout"); return }
        let frontend = vectors.compactMap { $0.objectValue }.filter { $0["form"]?.stringValue == "reference-frontend" }
        #expect(frontend.contains { $0["expect"]?.stringValue == "ok" })
        #expect(frontend.contains { $0["expect"]?.stringValue == "fail" })
        let ok = try #require(frontend.first { $0["expect"]?.stringValue == "ok" })
        let fail = try #require(frontend.first { $0["expect"]?.stringValue == "fail" })
        var wrongHash = ok
        wrongHash["client_data_hash"] = .string(String(repeating: "0", count: 64))
        var noForm = ok
        noForm["form"] = nil
        var unknownForm = fail
        unknownForm["form"] = "frontend"
        for (what, vector) in [("wrong hash", wrongHash), ("form dropped", noForm), ("unknown form", unknownForm)] {
            var one = document
            one["vectors"] = .array([.object(vector)])
            var report = VectorRunner.Report()
            VectorRunner.run(file: "assertion.json", bytes: Array(JSONText.stringify(.object(one)).utf8), into: &report)
            #expect(report.failures.count == 1, "\(what) was not caught")
        }
    }
}
