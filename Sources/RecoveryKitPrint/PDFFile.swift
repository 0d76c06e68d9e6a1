/// A minimal PDF 1.4 file writer: numbered objects, an exact cross-reference
/// table and trailer. Hand-written (rather than a library) so the output is
/// small, deterministic and easy to audit with `qpdf --qdf`; streams are left
/// uncompressed for the same reason.
struct PDFFile {
    private var objects: [[UInt8]] = []

    /// Reserves an object number to be filled later (for forward references).
    mutating func reserve() -> Int {
        objects.append([])
        return objects.count
    }

    mutating func set(_ number: Int, _ body: String) { objects[number - 1] = Array(body.utf8) }
    mutating func set(_ number: Int, bytes: [UInt8]) { objects[number - 1] = bytes }

    mutating func add(_ body: String) -> Int {
        let n = reserve()
        set(n, body)
        return n
    }

    /// A stream object with the given (uncompressed) content.
    /// `extra` adds entries to its dictionary (e.g. a font file's /Length1).
    mutating func addStream(_ content: [UInt8], extra: String = "") -> Int {
        let n = reserve()
        let entries = extra.isEmpty ? "" : " " + extra
        set(n, bytes: Array("<< /Length \(content.count)\(entries) >>\nstream\n".utf8) + content + Array("\nendstream".utf8))
        return n
    }

    /// Serializes with byte offsets computed from the actual output, which is
    /// what `qpdf --check` verifies.
    func serialize(root: Int, info: Int) -> [UInt8] {
        // The comment line with high bytes tells transfer tools the file is binary.
        var out: [UInt8] = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + [0x0A]
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            table += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(root) 0 R /Info \(info) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    /// A PDF literal string `( ... )` for WinAnsi bytes; parentheses and
    /// backslashes escaped, bytes outside printable ASCII as octal.
    static func literal(_ bytes: [UInt8]) -> String {
        var s = "("
        for b in bytes {
            switch b {
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "\\"):
                s += "\\" + String(UnicodeScalar(b))
            case 0x20...0x7E:
                s += String(UnicodeScalar(b))
            default:
                let o = String(b, radix: 8)
                s += "\\" + String(repeating: "0", count: 3 - o.count) + o
            }
        }
        return s + ")"
    }

    /// Number in PDF syntax: at most 3 decimals, no exponent, no trailing zeros.
    static func num(_ v: Double) -> String {
        let scaled = Int((v * 1000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let a = abs(scaled)
        let whole = a / 1000, frac = a % 1000
        if frac == 0 { return sign + String(whole) }
        var f = String(frac)
        f = String(repeating: "0", count: 3 - f.count) + f
        while f.hasSuffix("0") { f.removeLast() }
        return sign + String(whole) + "." + f
    }
}
