import RecoveryKitCLI
import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// Shows multipart text as terminal QR codes, one part at a time: each
/// headed by its index, and on a terminal, the next shown after Enter.
enum QRParts {
    static func show(_ parts: [String]) throws {
        let interactive = isatty(1) == 1 && isatty(0) == 1
        for (index, part) in parts.enumerated() {
            let picture: String
            do { picture = try TerminalQR.render(text: part, level: .L) } catch {
                throw CLIFailure(.malformedInput, "part \(index + 1) does not fit in a QR code (\(error)); use a smaller --qr-part-bytes")
            }
            Output.show(["part \(index + 1) of \(parts.count)  \(part.prefix(22))"])
            Output.out(picture + "\n")
            if interactive, index + 1 < parts.count {
                Output.error("scan part \(index + 1) of \(parts.count), then press Enter for the next")
                var byte: UInt8 = 0
                while read(0, &byte, 1) == 1, byte != UInt8(ascii: "\n") {}
            }
        }
    }
}
