import Foundation
import RKitTestSupport
import RecoveryKitCore

/// Runs the built rkit-generate in a fresh folder and reads back what it made.
struct Generated {
    let dir: TemporaryDirectory
    let result: ToolResult

    static let origin = "https://app.example.com"
    static let challenge = "Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw"

    /// `rkit-generate --out <tmp>/kit <arguments>`, run in the temporary folder.
    static func run(_ arguments: [String], stdin: String? = nil, in dir: TemporaryDirectory? = nil) throws -> Generated {
        let dir = try dir ?? TemporaryDirectory()
        let result = try ToolRunner.rkit("rkit-generate", ["--out", dir.file("kit")] + arguments, stdin: stdin,
                                         currentDirectory: dir.url)
        return Generated(dir: dir, result: result)
    }

    func path(_ name: String) -> String { dir.url.appendingPathComponent("kit").appendingPathComponent(name).path }
    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path(name)))) }
    func kit() throws -> RecoveryKit { try RecoveryKit.parse(try bytes("kit.json")) }
    func code(_ file: String = "code.txt") throws -> RecoveryCode {
        try RecoveryCode(parsing: try String(contentsOfFile: dir.file(file), encoding: .utf8).trimmingCharacters(in: .newlines))
    }
    var kitListing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.file("kit"))) ?? []).sorted() }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as! NSNumber).intValue
    }
}
