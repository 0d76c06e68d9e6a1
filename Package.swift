// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rkit",
    products: [
        .library(name: "RecoveryKitCore", targets: ["RecoveryKitCore"]),
        .library(name: "RecoveryKitPrint", targets: ["RecoveryKitPrint"]),
        .executable(name: "rkit-verify", targets: ["rkit-verify"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // C interop: the only places that see OpenSSL and libqrencode directly.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),

        .target(name: "RecoveryKitCore", dependencies: ["COpenSSL"]),

        .executableTarget(name: "rkit-verify", dependencies: [
            "RecoveryKitCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        .testTarget(name: "RecoveryKitCoreTests", dependencies: ["RecoveryKitCore"]),

        // The paper kit: PDF, SVG and terminal QR. Needs only libqrencode, not the crypto core.
        .target(name: "RecoveryKitPrint", dependencies: ["CQRencode"]),
        .testTarget(name: "RecoveryKitPrintTests", dependencies: ["RecoveryKitPrint"]),
    ]
)
