import RecoveryKitCLI

/// rkit-sign's QR transport: any file as BBQr frames sized to the
/// terminal, and frames back to the file's exact bytes (`QRTransport`).
enum QRParts {
    static func show(bytes: [UInt8], partBytes: Int?, version: Int? = nil) throws {
        try QRTransport.show(bytes: bytes, partBytes: partBytes, version: version, tool: "rkit-sign")
    }
}
