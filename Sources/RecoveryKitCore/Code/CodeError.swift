/// Why a typed recovery code was refused. Messages name a position, a
/// group or a count, never the code itself.
public enum CodeError: RecoveryKitError, Equatable {
    case empty
    case forbiddenCharacter(Character, position: Int)
    case wrongLength(symbols: Int)
    case wrongGroupCount(Int)
    case wrongGroupLength(group: Int, length: Int)
    case checkMismatch(group: Int)

    public var kind: FailureKind { .malformedInput }

    public var description: String {
        switch self {
        case .empty:
            return "the recovery code is empty; type the code printed on your recovery kit"
        case let .forbiddenCharacter(character, position):
            let shown = character.isLetter || character.isNumber || character.isPunctuation || character.isSymbol
                ? "'\(character)'" : "U+" + String(character.unicodeScalars.first!.value, radix: 16, uppercase: true)
            let hint = "IiOo01".contains(character)
                ? " (recovery codes never contain I, O, 0 or 1: check the paper again)"
                : " (codes use only A-Z without I and O, and 2-9)"
            return "the recovery code has \(shown) at position \(position), which is not a code symbol\(hint)"
        case let .wrongLength(symbols):
            return "the recovery code has \(symbols) symbols after D1-; it needs 32 (or 38 with the check letters)"
        case let .wrongGroupCount(count):
            return "the recovery code has \(count) groups; it needs 6 groups after D1-, as printed on the kit"
        case let .wrongGroupLength(group, length):
            let expected = RecoveryCode.groupLengths[group - 1]
            return "group \(group) of the recovery code has \(length) symbols; it needs \(expected) (or \(expected + 1) with its check letter)"
        case let .checkMismatch(group):
            return "group \(group) of the recovery code does not match its check letter: compare that group with the paper"
        }
    }
}
