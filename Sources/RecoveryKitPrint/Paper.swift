/// Paper sizes the kit is laid out for. The layout is computed from the page
/// size, so both fit on one page without scaling by the printer driver.
public enum Paper: String, Sendable, CaseIterable {
    case a4, letter

    /// Page size in PostScript points (1/72 inch).
    public var size: (width: Double, height: Double) {
        switch self {
        case .a4: (595, 842)
        case .letter: (612, 792)
        }
    }
}
