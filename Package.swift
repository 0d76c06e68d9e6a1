// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "rkit",
    products: [
        .library(name: "RecoveryKitCore", targets: ["RecoveryKitCore"]),
        .library(name: "RecoveryKitPrint", targets: ["RecoveryKitPrint"]),
        .executable(name: "rkit-verify", targets: ["rkit-verify"]),
        .executable(name: "rkit-sign", targets: ["rkit-sign"]),
        .executable(name: "rkit-generate", targets: ["rkit-generate"]),
        // The release's multi-call binary (make dist): the three tools in one.
        .executable(name: "rkit", targets: ["rkit"]),
        // rkit-bench is no product: a release neither builds nor ships it
        // (`make bench` builds it by name).
    ],
    dependencies: [
        // Pinned exactly (and Package.resolved committed): a signing
        // process gets no dependency release nobody reviewed (issue 13).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        // C interop: the only places that see OpenSSL, libqrencode and zlib directly.
        .systemLibrary(name: "COpenSSL", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        // Yubico's libfido2: security keys (rkit-sign recover --security-key).
        .systemLibrary(name: "CFIDO2", pkgConfig: "libfido2",
                       providers: [.apt(["libfido2-dev"])]),
        .systemLibrary(name: "CQRencode", pkgConfig: "libqrencode",
                       providers: [.apt(["libqrencode-dev"])]),
        // Raw deflate for BBQr's `Z` frames (Encoding/RawDeflate.swift only).
        .systemLibrary(name: "CZlib", pkgConfig: "zlib",
                       providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CHarfBuzz", pkgConfig: "harfbuzz-subset",
                       providers: [.apt(["libharfbuzz-dev"])]),

        // The core is a library product: `InternalImportsByDefault` (and an
        // explicit `internal import COpenSSL` in every file) keeps OpenSSL's C
        // types out of its public API; the compiler refuses one that leaks.
        .target(name: "RecoveryKitCore", dependencies: ["COpenSSL", "CZlib"],
                swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]),

        // A FIDO2 security key through libfido2: list, open (USB or the
        // `unix:` test socket), read its info, make a passkey. No libfido2
        // type in its API (`internal import CFIDO2`).
        .target(name: "RecoveryKitSecurityKey", dependencies: ["CFIDO2", "RecoveryKitCore"],
                swiftSettings: [.enableUpcomingFeature("InternalImportsByDefault")]),

        // What the three command lines share: exit statuses, reading inputs
        // and secrets, all-or-nothing output files.
        .target(name: "CProcessShims"),
        .target(name: "RecoveryKitCLI", dependencies: [
            "RecoveryKitCore", "RecoveryKitPrint", "CProcessShims",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Each tool is a library (its folder under Sources/) with a one-line
        // executable in Sources/Executables/, so the release can link all
        // three into one multi-call binary.
        .target(name: "RKitVerifyTool", dependencies: [
            "RecoveryKitCore", "RecoveryKitCLI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/rkit-verify"),
        .executableTarget(name: "rkit-verify", dependencies: ["RKitVerifyTool"], path: "Sources/Executables/rkit-verify"),

        .target(name: "RKitSignTool", dependencies: [
            "RecoveryKitCore", "RecoveryKitCLI", "RecoveryKitPrint", "RecoveryKitSecurityKey",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/rkit-sign"),
        .executableTarget(name: "rkit-sign", dependencies: ["RKitSignTool"], path: "Sources/Executables/rkit-sign"),
        // Option parsing is tested in-process too (the tool target linked in).
        .testTarget(name: "RKitSignTests", dependencies: ["RecoveryKitCore", "RecoveryKitCLI", "RKitTestSupport", "RKitSignTool", "RecoveryKitSecurityKey"]),
        .target(name: "RKitGenerateTool", dependencies: [
            "RecoveryKitCore", "RecoveryKitCLI", "RecoveryKitPrint",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], path: "Sources/rkit-generate"),
        .executableTarget(name: "rkit-generate", dependencies: ["RKitGenerateTool"], path: "Sources/Executables/rkit-generate"),

        .executableTarget(name: "rkit", dependencies: ["RKitGenerateTool", "RKitSignTool", "RKitVerifyTool", "RecoveryKitCLI"],
                          path: "Sources/Executables/rkit"),

        .testTarget(name: "RKitGenerateTests", dependencies: ["RecoveryKitCore", "RecoveryKitCLI", "RKitTestSupport", "RKitGenerateTool"]),

        // Test helpers: run the built tools and the independent peers.
        .target(name: "RKitTestSupport", dependencies: ["RecoveryKitCore"], path: "Tests/RKitTestSupport"),
        .testTarget(name: "RecoveryKitSecurityKeyTests", dependencies: ["RecoveryKitSecurityKey", "RecoveryKitCore", "RKitTestSupport"]),
        .testTarget(name: "RecoveryKitCoreTests", dependencies: ["RecoveryKitCore", "RKitTestSupport"]),
        // What the three tools share (messages, rendering, options, the
        // terminal sanitizer, …), tested without running a tool.
        .testTarget(name: "RecoveryKitCLITests", dependencies: ["RecoveryKitCLI", "RecoveryKitCore", "RKitTestSupport"]),
        .testTarget(name: "RKitVerifyTests", dependencies: ["RecoveryKitCore", "RecoveryKitCLI", "RKitTestSupport", "RKitVerifyTool"]),
        // Every tool against hostile input (Tests/Hostile/inputs) and the envelope bit-flip property.
        .testTarget(name: "RKitHostileTests", dependencies: ["RecoveryKitCore", "RecoveryKitCLI", "RKitTestSupport"]),

        // The paper kit: PDF, SVG and terminal QR. Needs libqrencode and HarfBuzz, not the crypto core.
        // HarfBuzz shapes and subsets the fonts embedded for text outside WinAnsi.
        .target(name: "RecoveryKitPrint", dependencies: ["CQRencode", "CHarfBuzz"]),
        .testTarget(name: "RecoveryKitPrintTests", dependencies: ["RecoveryKitPrint", "RKitTestSupport"]),

        // `make bench` (Benchmarks/run.sh): in-process timings and bench kits.
        .executableTarget(name: "rkit-bench", dependencies: ["RecoveryKitCore", "COpenSSL"],
                          path: "Benchmarks/rkit-bench"),
    ]
)
