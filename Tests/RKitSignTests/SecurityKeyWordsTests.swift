import Testing
import RecoveryKitCLI
import RecoveryKitSecurityKey
@testable import RKitSignTool

/// rkit-sign's one line per security-key failure, with the next step
/// (the cases a test cannot make with a software key on a socket).
@Suite struct SecurityKeyWordsTests {
    @Test func severalKeysAreListed() {
        let two = [SecurityKeyDevice(path: "/dev/hidraw0", product: "YubiKey 5", manufacturer: "Yubico"),
                   SecurityKeyDevice(path: "/dev/hidraw3", product: "Solo\u{1B}[2K 2", manufacturer: "SoloKeys")]
        let failure = SecurityKeyWords.failure(.severalDevices(two), device: nil)
        #expect(failure.status == .malformedInput)
        #expect(failure.message == "2 security keys are plugged in (/dev/hidraw0 (Yubico YubiKey 5); /dev/hidraw3 (SoloKeys Solo\\u{1B}[2K 2)): name one with --security-key PATH, or unplug the others; nothing was signed")
    }

    @Test func lockedAndPinlessKeysNameTheNextStep() {
        #expect(SecurityKeyWords.failure(.pinBlocked, device: "/dev/hidraw0").message.contains("only a reset of the key unblocks it"))
        #expect(SecurityKeyWords.failure(.pinBlocked, device: nil).status == .wrongSecret)
        #expect(SecurityKeyWords.failure(.pinNotSet, device: "/dev/hidraw0").message
            == "the security key has no PIN, and the sign-in requires one: set a PIN first (e.g. 'fido2-token -S /dev/hidraw0' or the key maker's tool), then run this again; nothing was signed")
        #expect(SecurityKeyWords.failure(.userPresenceTimeout, device: nil).message.hasPrefix("the security key was not touched in time"))
    }

    @Test func aBareFlagMeansThePluggedInKey() {
        #expect(SecurityKeyArgument.rewrite(["recover", "--security-key", "--out", "b"]) == ["recover", "--security-key", "plugged-in", "--out", "b"])
        #expect(SecurityKeyArgument.rewrite(["recover", "--security-key"]) == ["recover", "--security-key", "plugged-in"])
        #expect(SecurityKeyArgument.rewrite(["--security-key", "/dev/hidraw2"]) == ["--security-key", "/dev/hidraw2"])
        #expect(SecurityKeyArgument.rewrite(["--", "--security-key"]) == ["--", "--security-key"])
    }
}
