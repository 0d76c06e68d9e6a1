/// GF(256) with the Rijndael polynomial x^8 + x^4 + x^3 + x + 1 (AES,
/// FIPS 197 §4.2), as SLIP-0039's Shamir sharing works byte by byte in it.
/// Log and exp tables on the generator x + 1.
enum GF256 {
    static let tables: (exp: [UInt8], log: [Int]) = {
        var exp = [UInt8](repeating: 0, count: 255)
        var log = [Int](repeating: 0, count: 256)
        var value = 1
        for power in 0..<255 {
            exp[power] = UInt8(value)
            log[value] = power
            value ^= value << 1          // multiply by x + 1
            if value & 0x100 != 0 { value ^= 0x11B }
        }
        return (exp, log)
    }()

    /// Lagrange interpolation at `x` of the points (xᵢ, yᵢ), each yᵢ a
    /// vector of bytes of one length, evaluated byte by byte. The xᵢ must
    /// be distinct (the caller checks).
    static func interpolate(_ points: [(x: Int, y: [UInt8])], at x: Int) -> [UInt8] {
        if let known = points.first(where: { $0.x == x }) { return known.y }
        let (exp, log) = tables
        let length = points[0].y.count
        // log of ∏ (xᵢ − x); subtraction is XOR in GF(2^8).
        let logProduct = points.reduce(0) { $0 + log[$1.x ^ x] }
        var result = [UInt8](repeating: 0, count: length)
        for point in points {
            // log of the basis polynomial of this point, evaluated at x.
            var logBasis = logProduct - log[point.x ^ x]
            for other in points where other.x != point.x { logBasis -= log[point.x ^ other.x] }
            logBasis = ((logBasis % 255) + 255) % 255
            for k in 0..<length where point.y[k] != 0 {
                result[k] ^= exp[(log[Int(point.y[k])] + logBasis) % 255]
            }
        }
        return result
    }
}
