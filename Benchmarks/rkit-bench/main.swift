// rkit-bench: the in-process half of `make bench` (Benchmarks/run.sh drives
// it). Each timing subcommand prints one number, the seconds the measured
// work took inside this process, so process start-up is not counted and
// the driver can alternate contenders trial by trial.
//
//   rkit-bench floor COUNT            COUNT SHA-256 block compressions (SHA256_Transform)
//   rkit-bench pbkdf2 rkit|openssl [ITERATIONS]
//                                     one 32-byte PBKDF2-HMAC-SHA256 with kit parameters
//                                     (prints 'seconds key-hex')
//   rkit-bench make-kits N DIR        N kit.json files and DIR/codes.txt ("<credentialId> <code>")
import COpenSSL
import Dispatch
import Foundation
import RecoveryKitCore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rkit-bench: \(message)\n".utf8))
    exit(64)
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The floor: the work PBKDF2 cannot avoid, one compression per hash input block.
func floor(compressions: Int) -> Double {
    var context = SHA256_CTX()
    SHA256_Init(&context)
    var block = [UInt8](repeating: 0x5c, count: 64)
    let elapsed = seconds {
        block.withUnsafeBufferPointer { input in
            for _ in 0..<compressions { SHA256_Transform(&context, input.baseAddress) }
        }
    }
    // Use the result so the loop cannot be dropped.
    if context.h.0 == 0x1234_5678 { print("") }
    block.removeAll()
    return elapsed
}

/// Kit parameters: a recovery code as password, SHA-256(username) as salt,
/// 32 bytes. Returns the seconds and the key in hex (a fixed bench password,
/// so the driver can check that every contender computed the same key).
func pbkdf2(_ contender: String, iterations: Int) throws -> (Double, String) {
    let salt = SHA256Digest.hash(utf8: "bench@example.com")
    let derive: (SecretBytes, Int) throws -> SecretBytes
    switch contender {
    case "rkit": derive = { try PBKDF2.deriveKey(password: $0, salt: salt, iterations: $1, length: 32) }
    case "openssl": derive = { try PBKDF2.openSSL(password: $0, salt: salt, iterations: $1, length: 32) }
    default: fail("unknown contender \(contender); use rkit or openssl")
    }
    let password = SecretBytes(utf8: "D1-ABCDEF-GHJKL-MNPQR-STUVW-XYZ23-456789")
    _ = try derive(password, 1_000)  // warm-up, as every contender does
    var key: SecretBytes? = nil
    let elapsed = try seconds { key = try derive(password, iterations) }
    return (elapsed, Hex.encode(key!.copyBytes()))
}

/// Runs `body` for 0..<count on one thread per CPU. (DispatchQueue's
/// concurrentPerform ran everything on the calling thread on this Linux.)
func parallel(count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let lock = NSLock()
    nonisolated(unsafe) var next = 0
    let done = DispatchSemaphore(value: 0)
    let threads = max(1, min(count, ProcessInfo.processInfo.activeProcessorCount))
    for _ in 0..<threads {
        Thread {
            while true {
                let index: Int = lock.withLock { next += 1; return next - 1 }
                guard index < count else { break }
                body(index)
            }
            done.signal()
        }.start()
    }
    for _ in 0..<threads { done.wait() }
}

/// Kits made directly with the core, so the bench does not depend on rkit-generate.
func makeKits(count: Int, directory: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let width = max(4, String(count).count)
    let lock = NSLock()
    nonisolated(unsafe) var lines = [String](repeating: "", count: count)
    nonisolated(unsafe) var failure: String? = nil
    parallel(count: count) { index in
        let number = String(repeating: "0", count: width - String(index + 1).count) + String(index + 1)
        do {
            let made = try KitGenerator.make(.init(username: "bench-\(number)@example.com"))
            try Data(made.kit.kitFileText.utf8).write(to: URL(fileURLWithPath: "\(directory)/kit-\(number).json"))
            let line = "\(made.kit.credentialId) \(made.code.revealCanonicalText())\n"
            lock.withLock { lines[index] = line }
        } catch {
            lock.withLock { failure = failure ?? "kit \(number): \(error)" }
        }
    }
    if let failure { fail(failure) }
    let codesPath = "\(directory)/codes.txt"
    guard FileManager.default.createFile(atPath: codesPath, contents: Data(lines.joined().utf8),
                                         attributes: [.posixPermissions: 0o600]) else { fail("cannot write \(codesPath)") }
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "floor":
        guard arguments.count == 2, let count = Int(arguments[1]), count > 0 else { fail("usage: rkit-bench floor COUNT") }
        print(floor(compressions: count))
    case "pbkdf2":
        guard arguments.count >= 2 else { fail("usage: rkit-bench pbkdf2 rkit|openssl [ITERATIONS]") }
        let iterations = arguments.count > 2 ? Int(arguments[2]) ?? 0 : KeyEnvelope.iterations
        guard iterations > 0 else { fail("ITERATIONS must be a positive number") }
        let (elapsed, key) = try pbkdf2(arguments[1], iterations: iterations)
        print(elapsed, key)
    case "make-kits":
        guard arguments.count == 3, let count = Int(arguments[1]), count > 0 else { fail("usage: rkit-bench make-kits N DIR") }
        try makeKits(count: count, directory: arguments[2])
    default:
        fail("usage: rkit-bench floor COUNT | pbkdf2 rkit|openssl [ITERATIONS] | make-kits N DIR")
    }
} catch {
    fail("\(error)")
}
