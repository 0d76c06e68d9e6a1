/// `--security-key [DEVICE]`: the option's value may be left out (then the
/// one key plugged in is used). The argument parser has no optional
/// values, so a bare `--security-key` (last, or followed by another
/// option) is rewritten to `--security-key plugged-in` (`pluggedIn`: the
/// one plugged in; no device path is a bare word) before parsing. A
/// following word that is no option is the DEVICE.
enum SecurityKeyArgument {
    static let flag = "--security-key"
    static let pluggedIn = "plugged-in"

    static func rewrite(_ arguments: [String]) -> [String] {
        var out: [String] = []
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return out + arguments[index...] }
            guard argument == flag else { out.append(argument); continue }
            let next = index + 1 < arguments.count ? arguments[index + 1] : nil
            if let next, !next.hasPrefix("-") { out.append(argument) } else { out += [flag, pluggedIn] }
        }
        return out
    }
}
