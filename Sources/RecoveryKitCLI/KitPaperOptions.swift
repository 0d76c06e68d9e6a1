import ArgumentParser
import RecoveryKitPrint

/// `--paper a4|letter` for every tool that prints a kit.
extension Paper: ExpressibleByArgument {}

/// How a new kit goes on paper, and where its code may also go: the same
/// options for `rkit-generate` and `rkit-sign --new-kit`.
public struct KitPaperOptions: ParsableArguments {
    public init() {}

    @Option(help: "Paper size of kit.pdf and kit.svg: a4 or letter.")
    public var paper: Paper = .a4

    @Flag(help: "Put the recovery code on its own page instead of below a cut line.")
    public var split = false

    @Option(help: ArgumentHelp("Also write the kit's recovery code to FILE (mode 0600, never an existing file unless --force).", valueName: "FILE"))
    public var codeOut: String?

    /// The kit folder these options describe.
    public func folder(directory: String, formats: Set<KitFormat>) -> KitFolder {
        KitFolder(directory: directory, paper: paper, splitCodePage: split, formats: formats, codeOut: codeOut)
    }
}
