internal import COpenSSL

/// PBKDF2-HMAC-SHA256 at the cost floor: two SHA-256 block compressions
/// per iteration and nothing else.
///
/// HMAC(K, m) = H((K ^ opad) || H((K ^ ipad) || m)). The two key blocks are
/// the same for every iteration, so their compressions are done once and
/// the resulting chaining states kept. From the second iteration on, m is
/// the previous 32-byte U, so each hash input is one state plus one block:
/// 32 digest bytes, 0x80, zeros, and the bit length 8 * (64 + 32) = 768.
/// Those two padded blocks are built once; an iteration only rewrites
/// their first 32 bytes and calls OpenSSL's `SHA256_Transform` (which uses
/// the CPU's SHA instructions where present).
///
/// Every intermediate value (key blocks, states, U, the running XOR) lives
/// in one `SecretBytes` scratch buffer that is wiped when it is released.
enum PBKDF2SHA256Blocks {
    private static let blockSize = 64
    private static let digestSize = 32

    /// Where each piece sits in the scratch buffer (all 16-byte aligned).
    private struct Layout {
        static let contextStride = (MemoryLayout<SHA256_CTX>.size + 15) & ~15
        static let work = 0                         // the context the loop runs in
        static let inner = contextStride            // after (K ^ ipad)
        static let outer = 2 * contextStride        // after (K ^ opad)
        static let key = 3 * contextStride          // the 64-byte key block
        static let innerBlock = key + 64            // U || padding, input of the inner hash
        static let outerBlock = innerBlock + 64     // inner digest || padding, input of the outer hash
        static let accumulator = outerBlock + 64    // T_i as eight state words
        static let size = accumulator + 32
        static let stateOffset = MemoryLayout<SHA256_CTX>.offset(of: \SHA256_CTX.h)!
    }

    /// Copies a saved context into the working one byte for byte, so no
    /// copy of the state passes through a Swift temporary on the stack.
    private static func restart(_ work: UnsafeMutablePointer<SHA256_CTX>, from saved: UnsafeMutablePointer<SHA256_CTX>) {
        UnsafeMutableRawPointer(work).copyMemory(from: saved, byteCount: MemoryLayout<SHA256_CTX>.size)
    }

    static func derive(password: SecretBytes, salt: [UInt8], iterations: Int, length: Int) -> SecretBytes {
        let out = SecretBytes(zeroedCount: length)
        let scratch = SecretBytes(zeroedCount: Layout.size)
        scratch.withUnsafeMutableBytes { raw in
            let base = raw.baseAddress!
            let work = (base + Layout.work).bindMemory(to: SHA256_CTX.self, capacity: 1)
            let inner = (base + Layout.inner).bindMemory(to: SHA256_CTX.self, capacity: 1)
            let outer = (base + Layout.outer).bindMemory(to: SHA256_CTX.self, capacity: 1)
            let key = (base + Layout.key).bindMemory(to: UInt8.self, capacity: blockSize)
            let innerBlock = base + Layout.innerBlock
            let outerBlock = base + Layout.outerBlock
            let accumulator = (base + Layout.accumulator).bindMemory(to: UInt32.self, capacity: 8)
            _ = innerBlock.bindMemory(to: UInt8.self, capacity: blockSize)
            _ = outerBlock.bindMemory(to: UInt8.self, capacity: blockSize)

            // HMAC key block: the password, or its hash when longer than a block.
            password.withUnsafeBytes { pass in
                if pass.count > blockSize {
                    _ = COpenSSL.SHA256(pass.baseAddress!.assumingMemoryBound(to: UInt8.self), pass.count, key)
                } else if let p = pass.baseAddress {
                    UnsafeMutableRawPointer(key).copyMemory(from: p, byteCount: pass.count)
                }
            }
            // The two fixed compressions. SHA256_Update of exactly one block
            // compresses it and leaves a context that can also finish a
            // normal hash (the first iteration needs that).
            for i in 0..<blockSize { key[i] ^= 0x36 }
            SHA256_Init(inner)
            SHA256_Update(inner, key, blockSize)
            for i in 0..<blockSize { key[i] ^= 0x36 ^ 0x5c }
            SHA256_Init(outer)
            SHA256_Update(outer, key, blockSize)

            // The constant tail of both padded blocks.
            for block in [innerBlock, outerBlock] {
                block.storeBytes(of: 0x80, toByteOffset: digestSize, as: UInt8.self)
                block.storeBytes(of: UInt64(8 * (blockSize + digestSize)).bigEndian,
                                 toByteOffset: blockSize - 8, as: UInt64.self)
            }

            let workState = (UnsafeMutableRawPointer(work) + Layout.stateOffset).assumingMemoryBound(to: UInt32.self)
            let innerState = (UnsafeMutableRawPointer(inner) + Layout.stateOffset).assumingMemoryBound(to: UInt32.self)
            let outerState = (UnsafeMutableRawPointer(outer) + Layout.stateOffset).assumingMemoryBound(to: UInt32.self)
            let innerInput = innerBlock.assumingMemoryBound(to: UInt8.self)
            let outerInput = outerBlock.assumingMemoryBound(to: UInt8.self)

            out.withUnsafeMutableBytes { output in
                var blockIndex: UInt32 = 1
                var written = 0
                while written < length {
                    // U_1 = HMAC(K, salt || INT(i)), with ordinary updates
                    // from the saved states; the digest goes straight into
                    // the inner block, where iteration 2 reads it.
                    restart(work, from: inner)
                    salt.withUnsafeBytes { s in if let p = s.baseAddress { SHA256_Update(work, p, s.count) } }
                    var counter = blockIndex.bigEndian
                    SHA256_Update(work, &counter, 4)
                    SHA256_Final(outerInput, work)
                    restart(work, from: outer)
                    SHA256_Update(work, outerInput, digestSize)
                    SHA256_Final(innerInput, work)
                    for j in 0..<8 {
                        accumulator[j] = UInt32(bigEndian: innerBlock.loadUnaligned(fromByteOffset: 4 * j, as: UInt32.self))
                    }

                    // U_2 ... U_c: two compressions each.
                    var remaining = iterations - 1
                    while remaining > 0 {
                        workState.update(from: innerState, count: 8)
                        SHA256_Transform(work, innerInput)
                        for j in 0..<8 {
                            outerBlock.storeBytes(of: workState[j].bigEndian, toByteOffset: 4 * j, as: UInt32.self)
                        }
                        workState.update(from: outerState, count: 8)
                        SHA256_Transform(work, outerInput)
                        for j in 0..<8 {
                            let word = workState[j]
                            accumulator[j] ^= word
                            innerBlock.storeBytes(of: word.bigEndian, toByteOffset: 4 * j, as: UInt32.self)
                        }
                        remaining -= 1
                    }

                    // T_i, big-endian, truncated for the last block.
                    let take = min(digestSize, length - written)
                    for j in 0..<8 {
                        outerBlock.storeBytes(of: accumulator[j].bigEndian, toByteOffset: 4 * j, as: UInt32.self)
                    }
                    output.baseAddress!.advanced(by: written).copyMemory(from: outerBlock, byteCount: take)
                    written += take
                    blockIndex += 1
                }
            }
        }
        return out  // scratch is released, and wiped, here
    }
}
