import RecoveryKitCore
import RecoveryKitPrint
#if canImport(Glibc)
import Glibc
#endif

/// A kit's folder as rkit writes it, shared by rkit-generate and
/// `rkit-sign --new-kit` so both make exactly the same kit:
///
/// - `kit.json` (0644, no secret) always; `attestation.json` (0644) when the
///   kit has an attestation: the complete `RecoveryKey` credential object;
/// - `kit.pdf`, `kit.txt`, `kit.svg` as asked by `formats` (0600: they carry
///   the recovery code);
/// - the code alone in `codeOut` (0600) when asked.
///
/// Everything is rendered and checked before the folder is touched; the
/// files then go into the caller's `OutputFiles`, so a kit is written
/// together with anything else the command makes (rkit-sign's body), all
/// or nothing.
public struct KitFolder: Sendable {
    public static let kitJSON = "kit.json"
    public static let attestationJSON = "attestation.json"
    /// Every name a kit folder may hold. An existing folder holding any of
    /// them already holds a kit: it is only replaced with `--force`, and
    /// then the ones this kit does not write are removed (an old
    /// attestation or SVG must not sit beside a new kit).
    public static let fileNames = [kitJSON, attestationJSON, "kit.pdf", "kit.txt", "kit.svg"]

    public var directory: String
    public var paper: Paper
    public var splitCodePage: Bool
    /// `.terminal` is ignored here: printing is the command's business.
    public var formats: Set<KitFormat>
    public var codeOut: String?
    /// Set to split the code into share papers (share-N.pdf/.txt, 0600):
    /// the kit's papers then carry no code.
    package var sharePlan: SharePlan?

    public init(directory: String, paper: Paper = .a4, splitCodePage: Bool = false,
                formats: Set<KitFormat> = KitFormat.defaults, codeOut: String? = nil) {
        var directory = directory
        while directory.count > 1, directory.hasSuffix("/") { directory.removeLast() }
        self.directory = directory
        self.paper = paper
        self.splitCodePage = splitCodePage
        self.formats = formats
        self.codeOut = codeOut
    }

    /// Whether the folder's files hold the recovery code somewhere (a paper
    /// rendering or `codeOut`). A kit whose code is nowhere can never be
    /// opened: the commands refuse to make one.
    public var holdsCode: Bool {
        if sharePlan != nil { return formats.contains(.pdf) || formats.contains(.txt) }
        return formats.contains { $0 != .terminal } || codeOut != nil
    }

    /// A share paper's file name: share-N.pdf, share-N.txt.
    public static func shareFileName(_ number: Int, _ ext: String) -> String { "share-\(number).\(ext)" }

    /// The share papers an earlier kit left in the folder.
    func existingShareFiles() -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            let parts = name.split(separator: ".")
            if parts.count == 2, ["pdf", "txt"].contains(parts[1]), parts[0].hasPrefix("share-"),
               let n = Int(parts[0].dropFirst(6)), n >= 1, String(n) == parts[0].dropFirst(6) { names.append(name) }
        }
        return names.sorted()
    }
    /// True when a printed kit (pdf, txt or svg) is written.
    public var holdsPaper: Bool { formats.contains { $0 != .terminal } }

    public func path(_ name: String) -> String { directory == "/" ? "/" + name : directory + "/" + name }

    /// What a file of a kit is for.
    public enum Role: Sendable, Equatable {
        case kit, attestation, pdf, txt, svg
        /// The recovery code alone (`codeOut`).
        case code
        /// Share paper N (1-based) of the split code.
        case share(Int)

        /// The paper renderings, which carry the code.
        public var isPaper: Bool { self == .pdf || self == .txt || self == .svg }
        public var isShare: Bool { if case .share = self { return true }; return false }
    }

    /// One staged file: where, what for, and whether it holds a secret
    /// (then it is written 0600), as `stage` decided; summaries report it
    /// from here instead of guessing from names.
    public struct File: Sendable {
        public let path: String
        public let role: Role
        public let secret: Bool
    }

    /// What `stage` added, and the files of an earlier kit to remove once
    /// the new one is in place.
    public struct Staged: Sendable {
        /// Every file staged, kit files first, the code file last.
        public let files: [File]
        public let stalePaths: [String]

        /// Every path staged, kit files first, the code file last.
        public var paths: [String] { files.map(\.path) }

        /// Call after `OutputFiles.commit()` succeeded (only `--force`
        /// ever leaves stale files): each file of the replaced kit that the
        /// new one does not rewrite is kept under its dated name, 0600
        /// (`OutputFiles.keep`), never deleted. Returns (file, kept as).
        @discardableResult
        public func removeStale() -> [(replaced: String, keptAs: String)] {
            stalePaths.map { ($0, OutputFiles.keep($0, for: $0)) }
        }
    }

    /// Renders the kit, checks that it may be written, creates the folder
    /// if absent, and adds the files to `files`. The caller commits next,
    /// or calls `files.rollback()` if it fails before committing.
    /// `registration`, when given, is what attestation.json holds (a
    /// `CreateCredentialBody` for a credentials/init challenge); otherwise
    /// the kit's attestation as the `recoveryCredential` object.
    public func stage(_ kit: RecoveryKit, code: RecoveryCode, registration: RegistrationBody? = nil,
                      into files: OutputFiles) throws -> Staged {
        var contents: [Content] = [Content(name: KitFolder.kitJSON, role: .kit, bytes: Array(kit.kitFileText.utf8), secret: false)]
        if let text = registration?.fileText ?? kit.attestation.map({ JSONText.stringify($0.json) + "\n" }) {
            contents.append(Content(name: KitFolder.attestationJSON, role: .attestation, bytes: Array(text.utf8), secret: false))
        }
        if let sharePlan {
            guard codeOut == nil else {
                throw CLIFailure.usage("--code-out would write the code whole; with --shares it is written nowhere, only as share papers")
            }
            let groups: [[Share]]
            do { groups = try RecoveryCodeShares.split(code, plan: sharePlan) } catch { throw CLIFailure.from(error) }
            var printable = PrintableKit(kit: kit, code: code, paper: paper, splitCodePage: splitCodePage)
            printable.codeGroups = []
            printable.checkCharacters = []
            printable.shares = .init(total: sharePlan.shareCount, groupCount: sharePlan.groups.count, need: ShareSplitWording.need(sharePlan))
            contents += try printables(printable)
            contents += try sharePapers(groups, plan: sharePlan, kit: printable)
        } else {
            contents += try printables(PrintableKit(kit: kit, code: code, paper: paper, splitCodePage: splitCodePage))
        }

        let written = Set(contents.map(\.name))
        let existing = KitFolder.fileNames.filter { fileExists(path($0)) } + existingShareFiles()
        if let first = existing.first, !files.force {
            throw CLIFailure(.outputExists, "\(directory) already holds a kit (\(path(first))); use --force to replace it, or choose another --out")
        }
        if let codeOut {
            if KitFolder.fileNames.contains(where: { samePath(codeOut, path($0)) }) {
                throw CLIFailure.usage("--code-out \(codeOut) is one of the kit's own files; choose another path")
            }
            if fileExists(codeOut), !files.force {
                throw CLIFailure(.outputExists, "\(codeOut) already exists; the code file is only ever created new (use --force to replace it, or choose another path)")
            }
        }
        try files.ensureDirectory(directory)
        if let codeOut, !isDirectory(parentOf(codeOut)) {
            files.rollback()
            throw CLIFailure(.writeFailed, "cannot write --code-out \(codeOut): folder \(parentOf(codeOut)) does not exist")
        }
        for item in contents { files.add(path(item.name), item.bytes, secret: item.secret) }
        if let codeOut { files.add(codeOut, text: code.revealCanonicalText() + "\n", secret: true) }
        return Staged(files: contents.map { File(path: path($0.name), role: $0.role, secret: $0.secret) }
                          + (codeOut.map { [File(path: $0, role: .code, secret: true)] } ?? []),
                      stalePaths: existing.filter { !written.contains($0) }.map(path))
    }

    struct Content {
        var name: String
        var role: Role
        var bytes: [UInt8]
        var secret: Bool
    }

    /// The paper renderings asked for; they carry the code, so 0600.
    private func printables(_ printable: PrintableKit) throws(CLIFailure) -> [Content] {
        do {
            var out: [Content] = []
            if formats.contains(.pdf) { out.append(Content(name: "kit.pdf", role: .pdf, bytes: try KitPDF.render(printable), secret: true)) }
            if formats.contains(.txt) { out.append(Content(name: "kit.txt", role: .txt, bytes: Array(try KitText.render(printable).utf8), secret: true)) }
            if formats.contains(.svg) { out.append(Content(name: "kit.svg", role: .svg, bytes: Array(try KitSVG.render(printable).utf8), secret: true)) }
            return out
        } catch {
            throw KitFolder.failure(error)
        }
    }

    /// One paper per share, in the formats asked for that hold text (pdf, txt).
    private func sharePapers(_ groups: [[Share]], plan: SharePlan, kit: PrintableKit) throws(CLIFailure) -> [Content] {
        var out: [Content] = []
        var number = 0
        do {
            for (g, group) in groups.enumerated() {
                for (i, share) in group.enumerated() {
                    number += 1
                    let paper = PrintableShare(words: share.words, number: number, total: plan.shareCount, group: g + 1,
                                               groupCount: plan.groups.count, groupThreshold: plan.groupThreshold,
                                               member: i + 1, memberThreshold: plan.groups[g].threshold,
                                               memberCount: plan.groups[g].count, kitTag: kit.kitTag,
                                               createdAt: kit.createdAt, paper: self.paper, split: plan.recorded)
                    if formats.contains(.pdf) {
                        out.append(Content(name: KitFolder.shareFileName(number, "pdf"), role: .share(number), bytes: try SharePDF.render(paper), secret: true))
                    }
                    if formats.contains(.txt) {
                        out.append(Content(name: KitFolder.shareFileName(number, "txt"), role: .share(number), bytes: Array(try ShareText.render(paper).utf8), secret: true))
                    }
                }
            }
        } catch { throw KitFolder.failure(error) }
        return out
    }

    /// The one print failure a user can cause is a kit too big for a QR
    /// (very long username, org ID or origin).
    static func failure(_ error: PrintError) -> CLIFailure {
        switch error {
        case .textTooLongForQR:
            return CLIFailure(.malformedInput, "the kit does not fit in one printable QR code; the username, --org-id or --origin is too long")
        default:
            return CLIFailure(.internalError, "the printable kit could not be made: \(error.description)")
        }
    }

    private func fileExists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private func parentOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Same file: compared by resolved folder and name (the files need
    /// not exist yet).
    private func samePath(_ a: String, _ b: String) -> Bool {
        canonical(a) == canonical(b)
    }

    private func canonical(_ path: String) -> String {
        let parent = parentOf(path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let resolved = realpath(parent, nil) else { return parent + "/" + name }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + name
    }
}
