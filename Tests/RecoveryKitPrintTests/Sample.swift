import Foundation
import RecoveryKitPrint

/// A realistic kit: the shapes and lengths the crypto core will produce.
enum Sample {
    /// Deterministic filler bytes standing in for the encrypted envelope.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        }
    }

    static let credentialId: String = {
        Data(bytes(32, seed: 7)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }()

    static func qrText(username: String = "demo@example.com") -> String {
        let envelope = Data(bytes(249, seed: 42)).base64EncodedString() // 332 chars
        // As the core writes it: ASCII, anything else as a JSON \u escape.
        let escaped = username.utf16.map { $0 < 0x7F ? String(UnicodeScalar(UInt8($0))) : String(format: "\\u%04x", $0) }.joined()
        return #"{"rk":1,"u":"\#(escaped)","o":"or-30ldf-8d7s5-8kerbutv6g2dumq7","a":"https://app.example.com","e":"\#(envelope)"}"#
    }

    static func kit(paper: Paper = .a4, split: Bool = false, username: String = "demo@example.com") -> PrintableKit {
        PrintableKit(
            username: username,
            orgId: "or-30ldf-8d7s5-8kerbutv6g2dumq7",
            origin: "https://app.example.com",
            credentialId: credentialId,
            codeGroups: ["9W32PF", "6QFU8", "8E72U", "3QK8T", "9QR8N", "G5FG66"],
            checkCharacters: ["K", "7", "M", "R", "3", "X"],
            qrText: qrText(username: username),
            createdAt: "2026-11-23",
            paper: paper,
            splitCodePage: split)
    }
}
