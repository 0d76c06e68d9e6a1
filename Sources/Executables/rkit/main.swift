// The release archive's one binary (docs/release/README.md): rkit-generate,
// rkit-sign and rkit-verify are names of it (symlinks in bin/), and it runs
// the tool it is called as. One binary, so `rkit-verify vectors` on the
// offline machine proves the very machine code that rkit-sign signs with,
// and the archive carries one copy of the Swift runtime and libcrypto, not three.
import RecoveryKitCLI
import RKitGenerateTool
import RKitSignTool
import RKitVerifyTool
#if canImport(Glibc)
import Glibc
#endif

let calledAs = CommandLine.arguments.first.map { $0.split(separator: "/").last.map(String.init) ?? $0 } ?? ""
switch calledAs {
case "rkit-generate": runRKitGenerate()
case "rkit-sign": runRKitSign()
case "rkit-verify": runRKitVerify()
default:
    Output.error("rkit: this binary holds rkit-generate, rkit-sign and rkit-verify; run it by one of those names (the links in bin/)")
    exit(ExitStatus.usage.rawValue)
}
