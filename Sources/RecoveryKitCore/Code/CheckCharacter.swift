/// rkit's per-group check letters, printed beside the code (never part of
/// it: the reference code has no checksum and must stay unchanged).
///
/// Luhn mod 32 over (group number, symbols…): catches every single
/// mistyped symbol in a group, most swaps of neighbours, and a group typed
/// in the wrong place. Specified in Vectors/README.md.
package enum CheckCharacter {
    /// The check value (0–31) of group number `group` (1-based) whose five
    /// symbols have the alphabet values `symbols`: Luhn mod 32 over the
    /// group number followed by the symbols.
    package static func value(group: Int, symbols: [Int]) -> Int {
        value(group: group, count: symbols.count) { symbols[$0] }
    }

    /// The same over `count` symbol values read one at a time, so a typed
    /// code is checked where it lies, without an array of its symbols.
    package static func value(group: Int, count: Int, symbol: (Int) -> Int) -> Int {
        var sum = 0
        var double = true
        for index in stride(from: count - 1, through: -1, by: -1) {
            let v = index < 0 ? group : symbol(index)
            var addend = v
            if double {
                addend = 2 * v
                addend = addend / 32 + addend % 32
            }
            sum += addend
            double.toggle()
        }
        return (32 - sum % 32) % 32
    }

    /// The check character of group `group` whose symbols are `text`
    /// (canonical alphabet characters only).
    package static func character(group: Int, text: Substring) -> Character {
        let symbols = text.map { RecoveryCode.symbolValue($0)! }
        return RecoveryCode.alphabet[value(group: group, symbols: symbols)]
    }
}
