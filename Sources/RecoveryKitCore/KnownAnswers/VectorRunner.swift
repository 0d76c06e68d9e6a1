#if canImport(FoundationEssentials)
internal import FoundationEssentials
#else
internal import Foundation
#endif

/// Runs the known-answer vectors of `Vectors/` (format: Vectors/README.md)
/// through this core, so a security team can prove rkit's crypto right on
/// the machine it will run on.
package enum VectorRunner {
    /// One vector that did not give its known answer.
    package struct Failure: Sendable, CustomStringConvertible {
        package let file: String
        package let name: String
        package let message: String
        package var description: String { "\(file): \(name): \(message)" }
    }

    /// The outcome of a run over a vectors folder.
    package struct Report: Sendable {
        package var passed = 0
        package var failures: [Failure] = []
        /// Vectors per layer, for the summary.
        package var counts: [String: Int] = [:]

        package init() {}
    }

    /// Every `*.json` file in `directory`, in name order.
    package static func run(directory: String) throws -> Report {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var report = Report()
        for name in names {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: directory).appendingPathComponent(name)))
            run(file: name, bytes: bytes, into: &report)
        }
        return report
    }

    /// Runs the vectors of one file (`bytes`, named `file` in failures) and
    /// adds its counts and failures to `report`.
    package static func run(file: String, bytes: [UInt8], into report: inout Report) {
        let document: JSONObject
        do {
            guard let object = try JSONParser.parse(bytes).objectValue else { throw VectorError("not a JSON object") }
            document = object
        } catch {
            report.failures.append(Failure(file: file, name: "(file)", message: "\(error)"))
            return
        }
        guard let layer = document["layer"]?.stringValue, let check = layers[layer] else {
            report.failures.append(Failure(file: file, name: "(file)", message: "unknown or missing layer"))
            return
        }
        guard let vectors = document["vectors"]?.arrayValue, !vectors.isEmpty else {
            report.failures.append(Failure(file: file, name: "(file)", message: "no vectors"))
            return
        }
        for (index, value) in vectors.enumerated() {
            let vector = value.objectValue ?? [:]
            let name = vector["name"]?.stringValue ?? "#\(index + 1)"
            report.counts[layer, default: 0] += 1
            do {
                let expectOK: Bool
                switch vector["expect"]?.stringValue {
                case "ok": expectOK = true
                case "fail": expectOK = false
                default: throw VectorError("\"expect\" must be \"ok\" or \"fail\"")
                }
                try check(Vector(fields: vector), expectOK)
                report.passed += 1
            } catch {
                report.failures.append(Failure(file: file, name: name, message: "\(error)"))
            }
        }
    }

    static let layers: [String: @Sendable (Vector, Bool) throws -> Void] = [
        "sha256": KnownAnswerLayers.sha256,
        "pbkdf2": KnownAnswerLayers.pbkdf2,
        "aes-gcm": KnownAnswerLayers.aesGCM,
        "encoding": KnownAnswerLayers.encoding,
        "json": KnownAnswerLayers.json,
        "code": KnownAnswerLayers.code,
        "salt": KnownAnswerLayers.salt,
        "keys": KnownAnswerLayers.keys,
        "ecdsa": KnownAnswerLayers.ecdsa,
        "envelope": KnownAnswerLayers.envelope,
        "attestation": KnownAnswerLayers.attestation,
        "assertion": KnownAnswerLayers.assertion,
        "clientdata-hash": KnownAnswerLayers.clientDataHash,
    ]
}

struct VectorError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Typed access to a vector's fields.
struct Vector {
    let fields: JSONObject

    func text(_ key: String) throws -> String {
        guard let value = fields[key]?.stringValue else { throw VectorError("missing string field \"\(key)\"") }
        return value
    }

    func optionalText(_ key: String) -> String? { fields[key]?.stringValue }

    /// Counts and positions: 1 through 2^24, so a hostile vector file can
    /// neither trap the conversion to Int (1e300) nor PBKDF2's contract (0).
    func int(_ key: String) throws -> Int {
        guard let value = fields[key]?.numberValue, value == value.rounded(), value >= 1, value <= 16_777_216 else {
            throw VectorError("\"\(key)\" must be an integer from 1 to 16777216")
        }
        return Int(value)
    }

    func hex(_ key: String) throws -> [UInt8] { try Hex.decode(try text(key)) }

    /// `<base>_hex` or `<base>_utf8`, whichever is present.
    func bytes(_ base: String) throws -> [UInt8] {
        if let hex = optionalText(base + "_hex") { return try Hex.decode(hex) }
        if let utf8 = optionalText(base + "_utf8") { return Array(utf8.utf8) }
        throw VectorError("missing \(base)_hex or \(base)_utf8")
    }

    func expectEqual<T: Equatable>(_ got: T, _ expected: T, _ what: String) throws {
        guard got == expected else { throw VectorError("\(what) differs") }
    }
}
