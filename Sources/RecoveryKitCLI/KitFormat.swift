/// The optional renderings of a kit (`--formats`). kit.json is always
/// written and is not listed here.
public enum KitFormat: String, Sendable, CaseIterable, Comparable {
    case pdf, txt, svg, terminal

    public static let defaults: Set<KitFormat> = [.pdf, .txt]

    /// Parses `pdf,txt,svg,terminal` (any order, spaces and case ignored).
    /// Unknown or empty entries are a usage error.
    public static func parseList(_ text: String) throws -> Set<KitFormat> {
        var formats: Set<KitFormat> = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = item.trimmingWhitespace().lowercased()
            guard let format = KitFormat(rawValue: name) else {
                let known = KitFormat.allCases.map(\.rawValue).joined(separator: ",")
                throw CLIFailure.usage("--formats: \"\(name)\" is not a kit format; choose from \(known) (kit.json is always written)")
            }
            formats.insert(format)
        }
        return formats
    }

    public static func < (a: KitFormat, b: KitFormat) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
