import RecoveryKitCLI

/// rkit-sign's QR transport: any file as terminal QR parts sized to the
/// terminal, and parts back to the file's exact bytes (`QRTransport`).
enum QRParts {
    static func show(bytes: [UInt8], partBytes: Int?) throws {
        try QRTransport.show(bytes: bytes, partBytes: partBytes, tool: "rkit-sign")
    }
}
