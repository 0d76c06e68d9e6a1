internal import CZlib

/// Raw deflate with a 1 KiB window (zlib window bits 10, no zlib or gzip
/// header): BBQr's `Z` encoding. The only file that talks to zlib.
package enum RawDeflate {
    /// BBQr fixes the window: it bounds the memory a decoder needs.
    static let windowBits: Int32 = -10

    /// `bytes` compressed at level 9; nil if zlib refuses (out of memory).
    package static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit2_(&stream, 9, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 16)
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// Why `inflate` gave no bytes.
    package enum Failure: Error, Equatable {
        /// The data is not a complete raw-deflate stream; `at` is the offset
        /// of the input byte where zlib noticed it (the damage is there or
        /// before).
        case damaged(at: Int)
        /// It would expand past `limit` bytes.
        case tooLarge(limit: Int)
    }

    /// The bytes `compressed` expands to, refused beyond `limit` bytes (a
    /// hostile stream may expand a thousandfold) or when the stream is
    /// damaged, truncated, or followed by more data.
    package static func inflate(_ compressed: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            return .failure(.damaged(at: 0))
        }
        defer { inflateEnd(&stream) }
        var input = compressed
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        return input.withUnsafeMutableBufferPointer { source -> Result<[UInt8], Failure> in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let (status, made) = chunk.withUnsafeMutableBufferPointer { target -> (Int32, Int) in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                output += chunk.prefix(made)
                if output.count > limit { return .failure(.tooLarge(limit: limit)) }
                let consumed = source.count - Int(stream.avail_in)
                switch status {
                case Z_STREAM_END:
                    return stream.avail_in == 0 ? .success(output) : .failure(.damaged(at: consumed))
                case Z_OK:
                    continue
                case Z_BUF_ERROR where made == 0:
                    // No progress possible: the input ended mid-stream.
                    return .failure(.damaged(at: consumed))
                case Z_BUF_ERROR:
                    continue
                default:
                    return .failure(.damaged(at: max(0, consumed - 1)))
                }
            }
        }
    }
}
