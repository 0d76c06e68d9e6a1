import Glibc

/// The font files the PDF embeds (subsets of) for text the standard fonts
/// cannot show: a username, org or origin outside WinAnsi. Debian's DejaVu
/// (Latin, Greek, Cyrillic and more, in the kit's three styles) and
/// WenQuanYi Micro Hei (Chinese, Japanese, Korean). WenQuanYi rather than
/// Droid Sans Fallback, which it is derived from: Debian's Droid Sans
/// Fallback has no Hangul syllables (U+AC00 and U+D7A2-D7A3 only), so a
/// Korean name would print as code points.
enum FontFile: String, Sendable, CaseIterable {
    case sans, sansBold, monoBold, cjk

    var fileName: String {
        switch self {
        case .sans: "DejaVuSans.ttf"
        case .sansBold: "DejaVuSans-Bold.ttf"
        case .monoBold: "DejaVuSansMono-Bold.ttf"
        case .cjk: "wqy-microhei.ttc"
        }
    }

    var postScriptName: String {
        switch self {
        case .sans: "DejaVuSans"
        case .sansBold: "DejaVuSans-Bold"
        case .monoBold: "DejaVuSansMono-Bold"
        case .cjk: "WenQuanYiMicroHei"
        }
    }

    /// Where Debian installs it, and the package that does.
    var systemPath: String {
        switch self {
        case .sans, .sansBold, .monoBold: "/usr/share/fonts/truetype/dejavu/" + fileName
        case .cjk: "/usr/share/fonts/truetype/wqy/" + fileName
        }
    }

    var debianPackage: String {
        switch self {
        case .sans, .sansBold, .monoBold: "fonts-dejavu-core"
        case .cjk: "fonts-wqy-microhei"
        }
    }

    /// The release archive ships the files in share/rkit/fonts/ (Scripts/dist.sh);
    /// the binary is lib/rkit/rkit, so that is ../../share/rkit/fonts from it.
    static let releaseFolder = "share/rkit/fonts"

    /// The shipped copy first (the release works on a machine without the
    /// Debian packages), then Debian's.
    var candidates: [String] {
        var paths: [String] = []
        if let binary = FontFile.executableFolder {
            paths.append(binary + "/../../" + FontFile.releaseFolder + "/" + fileName)
        }
        paths.append(systemPath)
        return paths
    }

    private static let executableFolder: String? = {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard let slash = path.lastIndex(of: "/") else { return nil }
        return String(path[..<slash])
    }()
}

/// The four faces, loaded once per process. `shared` is nil when any file
/// is missing: the paper then writes what the standard fonts lack as
/// `\u{XXXX}` (never guessed glyphs) and `missing` names what to install.
final class EmbeddedFonts: Sendable {
    let faces: [FontFile: FontFace]

    private init(faces: [FontFile: FontFace]) { self.faces = faces }

    private static let loaded: (fonts: EmbeddedFonts?, missing: [FontFile]) = {
        var faces: [FontFile: FontFace] = [:]
        var missing: [FontFile] = []
        for file in FontFile.allCases {
            if let face = file.candidates.lazy.compactMap({ FontFace(path: $0, postScriptName: file.postScriptName) }).first {
                faces[file] = face
            } else {
                missing.append(file)
            }
        }
        return (missing.isEmpty ? EmbeddedFonts(faces: faces) : nil, missing)
    }()

    static var shared: EmbeddedFonts? { loaded.fonts }
    static var missing: [FontFile] { loaded.missing }

    func face(_ file: FontFile) -> FontFace { faces[file]! }

    /// The faces tried for a character drawn in `style`, in order.
    func chain(for style: Font) -> [FontFile] {
        switch style {
        case .helvetica: [.sans, .sansBold, .cjk]
        case .helveticaBold: [.sansBold, .sans, .cjk]
        case .courierBold: [.monoBold, .sansBold, .sans, .cjk]
        }
    }

    /// True when some face has every scalar of the character.
    func canShow(_ character: Character) -> Bool {
        [FontFile.sans, .sansBold, .cjk].contains { face($0).covers(character) }
    }

    /// A run of text in one face, shaped.
    struct Run: Sendable {
        var file: FontFile
        var text: String
        var glyphs: [FontFace.Glyph]
    }

    /// `text` cut into runs of one face each (each character in the first
    /// face of the style's chain that has it), shaped.
    func runs(_ text: String, style: Font) -> [Run] {
        let chain = chain(for: style)
        var pieces: [(FontFile, String)] = []
        for character in text {
            let file = chain.first { face($0).covers(character) } ?? chain[0]
            if let last = pieces.last, last.0 == file {
                pieces[pieces.count - 1].1.append(character)
            } else {
                pieces.append((file, String(character)))
            }
        }
        return pieces.map { Run(file: $0.0, text: $0.1, glyphs: face($0.0).shape($0.1)) }
    }

    /// Width of `text` in `style` at `size` points, as the PDF draws it.
    func width(_ text: String, style: Font, size: Double) -> Double {
        runs(text, style: style).reduce(0) { total, run in
            let units = run.glyphs.reduce(0) { $0 + Int($1.advance) }
            return total + Double(units) * size / Double(face(run.file).unitsPerEm)
        }
    }
}
