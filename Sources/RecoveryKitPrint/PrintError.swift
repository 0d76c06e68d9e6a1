import Glibc

/// Errors the print module reports. Messages are written for the person
/// running the tool, not for a developer.
public enum PrintError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text does not fit in the largest QR symbol at this error-correction level.
    case textTooLongForQR(bytes: Int, maxBytes: Int, level: QRMatrix.Level)
    /// The QR text is empty: a QR with nothing in it would be useless on paper.
    case emptyQRText
    /// libqrencode failed for another reason (errno value).
    case qrEncodingFailed(errno: Int32)
    /// The kit's fields cannot be printed as given.
    case invalidKit(String)
    /// Text for an alphanumeric-mode code has a character outside that mode
    /// (or the version is not 1 to 40).
    case notAlphanumeric
    /// HarfBuzz could not subset a font file the text needs.
    case fontSubsetFailed(String)

    public var description: String {
        switch self {
        case let .textTooLongForQR(bytes, maxBytes, level):
            "The kit text is \(bytes) bytes, too long for one QR code (at most \(maxBytes) bytes at error-correction level \(level.rawValue)). Shorten the kit or lower the error-correction level."
        case .emptyQRText:
            "There is nothing to put in the QR code (the text is empty)."
        case let .qrEncodingFailed(code):
            "The QR code could not be generated (libqrencode: \(String(cString: strerror(code))))."
        case let .invalidKit(why):
            "The kit cannot be printed: \(why)."
        case .notAlphanumeric:
            "The text has characters a QR code's alphanumeric mode cannot carry (0-9, A-Z, space and $%*+-./: only)."
        case let .fontSubsetFailed(file):
            "The font \(file) could not be subset for the PDF (HarfBuzz refused it); reinstall the font or leave pdf out of --formats."
        }
    }
}
