import Foundation
import Testing
import RKitTestSupport

/// The release's multi-call binary (`rkit`, Sources/Executables/rkit) runs
/// the tool it is called as, and refuses any other name with a usage error.
@Suite struct MultiCallTests {
    static let binary = ToolRunner.productsDirectory.appendingPathComponent("rkit").path

    @Test func runsTheToolItIsCalledAs() throws {
        let dir = try TemporaryDirectory()
        for tool in ["rkit-generate", "rkit-sign", "rkit-verify"] {
            let link = dir.url.appendingPathComponent(tool).path
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: Self.binary)
            let help = try ToolRunner.run(link, ["--help"])
            #expect(help.status == 0, "\(tool): \(help.stderr)")
            #expect(help.stdout.contains("USAGE: \(tool)"), "\(tool) --help: \(help.stdout.prefix(200))")
        }
        let vectors = try ToolRunner.run(dir.url.appendingPathComponent("rkit-verify").path, ["vectors"], currentDirectory: dir.url)
        #expect(vectors.status == 0 && vectors.stdout.hasSuffix(" passed, 0 failed\n"), "\(vectors.stdout) \(vectors.stderr)")
    }

    @Test func anyOtherNameIsAUsageError() throws {
        let result = try ToolRunner.run(Self.binary, ["vectors"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "rkit: this binary holds rkit-generate, rkit-sign and rkit-verify; run it by one of those names (the links in bin/)\n")
    }
}
