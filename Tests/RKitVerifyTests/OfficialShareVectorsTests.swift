import Foundation
import Testing
import RKitTestSupport
import RecoveryKitCore

/// Issue 22: every one of SLIP-0039's 45 official vectors (Tests/Fixtures/SLIP39)
/// given to rkit-verify as share files is refused with one line naming its
/// reason, exit 4, before any key derivation: none holds a recovery code.
/// (The core combines the valid ones to their secrets: ShareTests.)
@Suite struct OfficialShareVectorsTests {
    static let vectors: [(number: Int, title: String, mnemonics: [String])] = {
        let data = try! Data(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("Tests/Fixtures/SLIP39/vectors.json"))
        let list = try! JSONSerialization.jsonObject(with: data) as! [[Any]]
        return list.enumerated().map { ($0.offset + 1, $0.element[0] as! String, $0.element[1] as! [String]) }
    }()

    /// What the line must say, by the vector's title: a share's own fault is
    /// found as it is read; any share that reads is not a recovery code's.
    static func reason(_ title: String, words: Int) -> String {
        if title.contains("invalid checksum") { return "share 1 has \(words) words; a share of a recovery code has 23" }
        if title.contains("invalid padding") { return "share 1 is not a valid share (its padding bits are not zero)" }
        if title.contains("greater group threshold") { return "is not a valid share (it needs more groups than it has)" }
        if title.contains("insufficient length") || title.contains("invalid master secret length") {
            return "share 1 has \(words) words; a share of a recovery code has 23"
        }
        return "these shares hold a \(words == 33 ? 256 : 128)-bit secret, not a recovery code (160 bits): they are not shares of an rkit kit"
    }

    @Test(arguments: vectors.map(\.number))
    func refusedWithItsReason(number: Int) throws {
        let vector = Self.vectors[number - 1]
        let dir = try TemporaryDirectory()
        let kit = try dir.write("kit.json", try Fixtures.kit().kit.kitFileText)
        var arguments = ["kit", kit]
        for (i, mnemonic) in vector.mnemonics.enumerated() {
            arguments += ["--share-file", try dir.write("share-\(i + 1).txt", mnemonic + "\n")]
        }
        let result = try Fixtures.verify(arguments)
        #expect(result.status == 4, "\(vector.title): \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("rkit-verify: --share-file "), "\(vector.title): \(result.stderr)")
        #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        let words = vector.mnemonics[0].split(separator: " ").count
        #expect(result.stderr.contains(Self.reason(vector.title, words: words)), "\(vector.title): \(result.stderr)")
        for mnemonic in vector.mnemonics { #expect(!result.stderr.contains(mnemonic.split(separator: " ")[4])) }
    }
}
