import CQRencode
import Glibc
import Synchronization

/// A QR symbol as a square grid of dark/light modules, without quiet zone.
///
/// This is the only file that talks to libqrencode. Everything else (PDF, SVG,
/// terminal) draws from this value type.
public struct QRMatrix: Sendable, Equatable {
    /// QR error-correction level: the share of the symbol that may be damaged
    /// and still decode.
    public enum Level: String, Sendable, CaseIterable {
        case L, M, Q, H

        /// Largest byte-mode payload of a version-40 symbol at this level
        /// (ISO/IEC 18004 table 7).
        public var maxBytes: Int {
            switch self {
            case .L: 2953
            case .M: 2331
            case .Q: 1663
            case .H: 1273
            }
        }

        /// Largest alphanumeric-mode payload of a version-40 symbol.
        public var maxAlphanumeric: Int {
            switch self {
            case .L: 4296
            case .M: 3391
            case .Q: 2420
            case .H: 1852
            }
        }

        var c: QRecLevel {
            switch self {
            case .L: QR_ECLEVEL_L
            case .M: QR_ECLEVEL_M
            case .Q: QR_ECLEVEL_Q
            case .H: QR_ECLEVEL_H
            }
        }
    }

    /// Modules per side (21 for version 1, up to 177 for version 40).
    public let size: Int
    /// QR version chosen by libqrencode (the smallest that fits).
    public let version: Int
    /// Row-major, `true` = dark module.
    private let modules: [Bool]

    /// Encodes `text` (its UTF-8 bytes) in byte mode.
    ///
    /// Level M by default: it survives ~15% damage (a fold, a coffee stain on
    /// a paper stored for years). A ~600-byte kit is a version-19 symbol; the
    /// paper draws its modules 0.93 mm wide (`KitLayout.moduleDots`, measured
    /// for a phone photo), about 9 cm. L would give a smaller symbol with half
    /// the margin but needs modules as large to be read from a blurred photo;
    /// Q/H would push the kit to versions 22-25, too wide for the page.
    /// Byte mode because the kit is JSON (lower case, quotes, braces) that
    /// alphanumeric mode cannot carry, and it keeps the bytes exact.
    public init(text: String, level: Level = .M) throws(PrintError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .emptyQRText }
        guard bytes.count <= level.maxBytes else {
            throw .textTooLongForQR(bytes: bytes.count, maxBytes: level.maxBytes, level: level)
        }
        let result: Result<(Int, Int, [Bool]), PrintError> = qrencodeLock.withLock { _ in
            errno = 0
            // version 0: let libqrencode pick the smallest version that fits.
            guard let code = bytes.withUnsafeBufferPointer({
                QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, level.c)
            }) else {
                let err = errno
                if err == ERANGE {
                    return .failure(.textTooLongForQR(bytes: bytes.count, maxBytes: level.maxBytes, level: level))
                }
                return .failure(.qrEncodingFailed(errno: err))
            }
            defer { QRcode_free(code) }
            let width = Int(code.pointee.width)
            // Bit 0 of each byte is the module colour; the other bits describe
            // the module's role (finder, timing, ...), which we do not need.
            let cells = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
            return .success((width, Int(code.pointee.version), cells.map { $0 & 1 == 1 }))
        }
        let (width, version, modules) = try result.get()
        self.size = width
        self.version = version
        self.modules = modules
    }

    /// Encodes `text` in alphanumeric mode (`0-9A-Z $%*+-./:`, 5.5 bits a
    /// character: what BBQr frames are made for) as a symbol of `version`
    /// at least, so every frame of a series has the same size.
    public init(alphanumeric text: String, version: Int, level: Level = .L) throws(PrintError) {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { throw .emptyQRText }
        guard (1...40).contains(version), bytes.allSatisfy({ Self.alphanumericSet.contains($0) }) else {
            throw .notAlphanumeric
        }
        let result: Result<(Int, Int, [Bool]), PrintError> = qrencodeLock.withLock { _ in
            errno = 0
            guard let input = QRinput_new2(Int32(version), level.c) else { return .failure(.qrEncodingFailed(errno: errno)) }
            defer { QRinput_free(input) }
            guard bytes.withUnsafeBufferPointer({ QRinput_append(input, QR_MODE_AN, Int32($0.count), $0.baseAddress) }) == 0,
                  let code = QRcode_encodeInput(input) else {
                let err = errno
                return .failure(err == ERANGE ? .textTooLongForQR(bytes: bytes.count, maxBytes: level.maxAlphanumeric, level: level)
                                              : .qrEncodingFailed(errno: err))
            }
            defer { QRcode_free(code) }
            let width = Int(code.pointee.width)
            let cells = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
            return .success((width, Int(code.pointee.version), cells.map { $0 & 1 == 1 }))
        }
        let (width, madeVersion, modules) = try result.get()
        self.size = width
        self.version = madeVersion
        self.modules = modules
    }

    /// The 45 characters of alphanumeric mode.
    static let alphanumericSet = Set(Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8))

    /// The most characters an alphanumeric-mode symbol of `version` holds
    /// at `level` (as libqrencode encodes them).
    public static func alphanumericCapacity(version: Int, level: Level) -> Int {
        precondition((1...40).contains(version), "QR versions are 1 to 40")
        let key = "AN\(level.rawValue)\(version)"
        if let known = capacityCache.withLock({ $0[key] }) { return known }
        var low = 0, high = level.maxAlphanumeric  // low fits, high + 1 does not
        while low < high {
            let middle = (low + high + 1) / 2
            if let made = try? QRMatrix(alphanumeric: String(repeating: "A", count: middle), version: version, level: level),
               made.version <= version {
                low = middle
            } else {
                high = middle - 1
            }
        }
        capacityCache.withLock { $0[key] = low }
        return low
    }

    /// Modules per side of a symbol of `version` (1...40).
    public static func size(version: Int) -> Int { 17 + 4 * version }

    /// The most bytes a byte-mode symbol of `version` holds at `level`, as
    /// libqrencode encodes them (the encoder that draws every rkit QR), so
    /// a payload of that size gets a symbol no larger than `version`.
    public static func byteCapacity(version: Int, level: Level) -> Int {
        precondition((1...40).contains(version), "QR versions are 1 to 40")
        if let known = capacityCache.withLock({ $0["\(level.rawValue)\(version)"] }) { return known }
        var low = 0, high = level.maxBytes  // low fits, high + 1 does not
        while low < high {
            let middle = (low + high + 1) / 2
            if let made = try? QRMatrix(text: String(repeating: "A", count: middle), level: level), made.version <= version {
                low = middle
            } else {
                high = middle - 1
            }
        }
        capacityCache.withLock { $0["\(level.rawValue)\(version)"] = low }
        return low
    }

    /// Builds a matrix from rows of `#` (dark) and anything else (light).
    /// For tests and previews; not a QR encoder.
    public init(rows: [String]) {
        size = rows.count
        version = 0
        modules = rows.flatMap { row in row.map { $0 == "#" } }
        precondition(modules.count == size * size, "rows must form a square")
    }

    /// `true` if the module at column `x`, row `y` is dark. Coordinates outside
    /// the symbol (the quiet zone) are light.
    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// Horizontal runs of dark modules per row: `(x, y, length)`. Drawing one
    /// rectangle per run instead of per module keeps the PDF and SVG small.
    public var darkRuns: [(x: Int, y: Int, length: Int)] {
        var runs: [(x: Int, y: Int, length: Int)] = []
        for y in 0..<size {
            var x = 0
            while x < size {
                guard self[x, y] else { x += 1; continue }
                let start = x
                while x < size, self[x, y] { x += 1 }
                runs.append((start, y, x - start))
            }
        }
        return runs
    }
}

/// libqrencode is only thread-safe when built with pthread support; a lock
/// costs nothing here and removes the doubt under Swift Testing's parallelism.
private let qrencodeLock = Mutex(())
private let capacityCache = Mutex([String: Int]())
