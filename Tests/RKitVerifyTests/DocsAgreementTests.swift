import Foundation
import RecoveryKitCLI
import RKitTestSupport
import Testing

/// Issue 19 finding 10: the help, the man pages and the README say what the
/// tools do. Every option of every (sub)command's --help is in its man page
/// and every option the man page's OPTIONS section names is one the tool
/// has; every exit status the tools can end with is in ExitStatus, and its
/// table is in each --help, each man page and the README; a tool run with
/// no arguments prints its usage on stderr and exits 2, all three alike.
@Suite struct DocsAgreementTests {
    static let tools = ["rkit-generate", "rkit-sign", "rkit-verify"]

    /// Options in a --help text: the `--name`s of each OPTIONS entry's
    /// first column (up to the two spaces before its description).
    static func helpOptions(_ help: String) -> Set<String> {
        var options = Set<String>()
        var inOptions = false
        for line in help.split(separator: "\n") {
            if !line.hasPrefix(" ") { inOptions = line.hasPrefix("OPTIONS:"); continue }
            guard inOptions, line.hasPrefix("  -") else { continue }
            let entry = line.dropFirst(2)
            let column = entry[..<(entry.firstRange(of: "  ")?.lowerBound ?? entry.endIndex)]
            for match in column.matches(of: #/--[a-z][a-z0-9-]*/#) { options.insert(String(match.0)) }
        }
        return options
    }

    /// The subcommands a --help lists (none for a tool without any).
    static func subcommands(_ help: String) -> [String] {
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").prefix { !$0.hasPrefix("  See ") && !$0.isEmpty }
            .compactMap { line -> String? in
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
                return line.split(separator: " ").first.map(String.init)
            }
    }

    /// A man page as plain text (groff's escapes for - undone).
    static func man(_ tool: String) throws -> String {
        let url = ToolRunner.repositoryRoot.appendingPathComponent("man/\(tool).1")
        return try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\\-", with: "-")
    }

    /// The options a man page's OPTIONS section describes: those in the
    /// tag line of each entry (the line after `.TP`).
    static func manOptions(_ page: String) -> Set<String> {
        guard let start = page.range(of: "\n.SH OPTIONS\n") else { return [] }
        let rest = page[start.upperBound...]
        let lines = rest[..<(rest.range(of: "\n.SH ")?.lowerBound ?? rest.endIndex)].split(separator: "\n")
        var options = Set<String>()
        for (index, line) in lines.enumerated() where line == ".TP" && index + 1 < lines.count {
            for match in lines[index + 1].matches(of: #/--[a-z][a-z0-9-]*/#) { options.insert(String(match.0)) }
        }
        return options
    }

    static func help(_ tool: String, _ subcommand: String?) throws -> String {
        let result = try ToolRunner.rkit(tool, (subcommand.map { [$0] } ?? []) + ["--help"])
        #expect(result.status == 0, "\(tool) \(subcommand ?? "") --help: \(result.stderr)")
        return result.stdout
    }

    @Test(arguments: tools)
    func everyOptionIsInTheManPageAndBack(tool: String) throws {
        let page = try Self.man(tool)
        let top = try Self.help(tool, nil)
        var all = Self.helpOptions(top)
        for sub in Self.subcommands(top) { all.formUnion(Self.helpOptions(try Self.help(tool, sub))) }
        all.subtract(["--help", "--version", "--generate-completion-script", "--experimental-dump-help"])
        #expect(!all.isEmpty, "no options read from \(tool) --help")
        let undocumented = all.filter { !page.contains($0) }.sorted()
        #expect(undocumented.isEmpty, "\(tool): options in --help but not in man/\(tool).1: \(undocumented)")
        let unknown = Self.manOptions(page).subtracting(all).subtracting(["--help", "--version"]).sorted()
        #expect(unknown.isEmpty, "\(tool): man/\(tool).1 OPTIONS names options the tool does not have: \(unknown)")
    }

    @Test(arguments: tools)
    func theExitTableIsInHelpManAndReadme(tool: String) throws {
        let rows = ExitStatus.table.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let help = try Self.help(tool, nil)
        let page = try Self.man(tool)
        let readme = try String(contentsOf: ToolRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        for status in ExitStatus.allCases {
            let row = try #require(rows.first { $0.hasPrefix("\(status.rawValue) ") })
            #expect(help.contains(row), "\(tool) --help lacks exit status row: \(row)")
            #expect(page.contains(row), "man/\(tool).1 lacks exit status row: \(row)")
            #expect(readme.contains("| \(status.rawValue) |"), "README lacks exit status \(status.rawValue)")
        }
        #expect(rows.count == ExitStatus.allCases.count, "the table and ExitStatus differ")
    }

    /// Statuses the tools can end with that are not in ExitStatus: a literal
    /// exit(N) anywhere in the sources, or a signal left to kill the process
    /// (the shell would see 128+N, which no table documents).
    @Test func noExitOutsideTheTable() throws {
        let sources = ToolRunner.repositoryRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        var found: [String] = []
        var raises: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: #/\b_?exit\((\d+)\)/#) {
                let code = Int32(match.1)!
                if ExitStatus(rawValue: code) == nil { found.append("\(file): exit(\(code))") }
            }
            if text.contains("raise(") { raises.append(file) }
        }
        // A signal re-raised (OutputFiles holds Ctrl-C during a commit) must
        // land in CommandRunner's handler, which exits 8, not the default (130).
        let runner = try String(contentsOf: sources.appendingPathComponent("RecoveryKitCLI/CommandRunner.swift"), encoding: .utf8)
        if !raises.isEmpty && !runner.contains("_exit(ExitStatus.interrupted.rawValue)") {
            found.append("\(raises): re-raise a signal, and no handler turns it into exit 8")
        }
        #expect(found.isEmpty, "exits outside ExitStatus: \(found)")
    }

    @Test(arguments: tools)
    func noArgumentsPrintsUsageOnStderrAndExits2(tool: String) throws {
        let result = try ToolRunner.rkit(tool, [])
        #expect(result.status == 2, "\(tool): exit \(result.status)")
        #expect(result.stdout.isEmpty, "\(tool) printed on stdout: \(result.stdout.prefix(200))")
        #expect(result.stderr.contains("USAGE: \(tool)") || result.stderr.contains("Usage: \(tool)"), "\(tool): \(result.stderr.prefix(300))")
    }
}
