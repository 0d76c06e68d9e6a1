import Foundation
import RKitTestSupport

/// The hostile inputs: committed files under Tests/Hostile/inputs/ (made
/// by Tests/Hostile/make-inputs.py with Python `cryptography`) and files
/// too big or too odd to commit, made here once per test run.
enum HostileInputs {
    static let committed = ToolRunner.repositoryRoot.appendingPathComponent("Tests/Hostile/inputs")

    /// The test code that opens the committed test kits, and other secret
    /// text that must never appear on stdout or stderr.
    static let secrets: [String] = {
        let code = (try? String(contentsOf: committed.appendingPathComponent("codes/good.txt"), encoding: .utf8)) ?? ""
        let canonical = code.trimmingCharacters(in: .whitespacesAndNewlines)
        let privatePEM = (try? String(contentsOf: committed.appendingPathComponent("keys/p256-private.pem"), encoding: .utf8)) ?? ""
        let pemLines = privatePEM.split(separator: "\n").filter { !$0.hasPrefix("-----") }.map(String.init)
        precondition(canonical.count == 40 && !pemLines.isEmpty, "Tests/Hostile/inputs is incomplete")
        let groups = canonical.dropFirst(3).split(separator: "-").map(String.init)
        return [canonical, groups.joined(), groups.joined(separator: " ")] + groups.filter { $0.count == 6 } + pemLines
    }()

    /// Every folder of committed inputs the tables draw rows from.
    static let folders = ["challenges", "codes", "generic", "keys", "kits", "requests"]

    /// Stands in for the files of a missing or empty folder: a row that
    /// names it fails (`HostileCase.run`), so a table cannot shrink to
    /// nothing with the suite still green.
    static let missingMarker = "(missing or empty folder)"

    /// The committed inputs in one folder, as `folder/name`, sorted; for a
    /// missing or empty folder, one `folder/(missing or empty folder)`
    /// entry whose row fails.
    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: committed.appendingPathComponent(folder).path)) ?? []
        guard !names.isEmpty else { return ["\(folder)/\(missingMarker)"] }
        return names.sorted().map { "\(folder)/\($0)" }
    }

    /// Placeholders in a case's arguments:
    /// - `in:PATH`: a committed input (Tests/Hostile/inputs/PATH)
    /// - `rt:NAME`: a run-time input (see `RuntimeInputs`)
    /// - `out:NAME`: a path in the case's fresh output folder
    static func resolve(_ argument: String, output: TemporaryDirectory) throws -> String {
        if argument.hasPrefix("in:") {
            let path = committed.appendingPathComponent(String(argument.dropFirst(3))).path
            precondition(FileManager.default.fileExists(atPath: path), "no hostile input \(path)")
            return path
        }
        if argument.hasPrefix("rt:") { return try RuntimeInputs.shared.path(String(argument.dropFirst(3))) }
        if argument.hasPrefix("out:") { return output.file(String(argument.dropFirst(4))) }
        return argument
    }
}

/// Inputs made at run time under the build folder (replaced each run, so
/// nothing accumulates): a 20 MiB file, JSON nested 10 000 deep, a
/// directory where a file belongs, a missing file, an unreadable one, and
/// vector folders each holding one bad vector file.
final class RuntimeInputs: Sendable {
    static let shared = RuntimeInputs()
    let root: URL

    init() {
        root = ToolRunner.productsDirectory.appendingPathComponent("hostile-runtime")
        try? FileManager.default.removeItem(at: root)
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) {
            let url = root.appendingPathComponent(name)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! Data(bytes).write(to: url)
        }
        // 20 MiB of well-formed JSON, so only the size limit can refuse it.
        let big = Array(#"{"username":""#.utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 20 << 20) + Array(#""}"#.utf8)
        write("big.json", big)
        let deep = [UInt8](repeating: UInt8(ascii: "["), count: 10_000) + [UInt8](repeating: UInt8(ascii: "]"), count: 10_000)
        write("deep.json", deep)
        let deepObject = Array(String(repeating: #"{"a":"#, count: 10_000).utf8) + Array("1".utf8)
            + [UInt8](repeating: UInt8(ascii: "}"), count: 10_000)
        write("deep-object.json", deepObject)
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("a-directory.json"), withIntermediateDirectories: true)
        write("a-file", Array("x\n".utf8))
        write("unreadable.json", Array("{}\n".utf8))
        chmod(root.appendingPathComponent("unreadable.json").path, 0)

        // Vector folders for `rkit-verify vectors`.
        func vector(_ folder: String, _ text: String) { write("\(folder)/bad.json", Array(text.utf8)) }
        let pbkdf2 = #"{"layer":"pbkdf2","vectors":[{"name":"n","expect":"ok","password_utf8":"p","salt_utf8":"s","iterations":ITER,"length":32,"derived_hex":"00"}]}"#
        vector("vectors-huge-int", pbkdf2.replacingOccurrences(of: "ITER", with: "1e300"))
        vector("vectors-zero-int", pbkdf2.replacingOccurrences(of: "ITER", with: "0"))
        vector("vectors-negative-int", pbkdf2.replacingOccurrences(of: "ITER", with: "-5"))
        vector("vectors-garbage", "\u{1}\u{2}not json")
        vector("vectors-wrong-shape", #"{"layer":7,"vectors":"none"}"#)
        write("vectors-non-utf8/bad.json", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])
        write("vectors-big/bad.json", big)
        write("vectors-deep/bad.json", deep)
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("vectors-subdir/sub.json"),
                                                 withIntermediateDirectories: true)
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("vectors-empty"), withIntermediateDirectories: true)
    }

    /// Root can read a mode-000 file, so for root "unreadable" is a path
    /// whose parent is a regular file (ENOTDIR): still a file that cannot
    /// be opened, through the generic branch of the error handling.
    static let isRoot = geteuid() == 0

    func path(_ name: String) throws -> String {
        switch name {
        case "missing": return root.appendingPathComponent("does-not-exist.json").path
        case "dir": return root.appendingPathComponent("a-directory.json").path
        case "unreadable":
            return RuntimeInputs.isRoot ? root.appendingPathComponent("a-file/child.json").path
                                        : root.appendingPathComponent("unreadable.json").path
        default:
            let url = root.appendingPathComponent(name)
            precondition(FileManager.default.fileExists(atPath: url.path), "no run-time input \(name)")
            return url.path
        }
    }
}
