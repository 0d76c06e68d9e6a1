/// A page as a list of device-independent drawing operations, in points with
/// the origin at the TOP-left (the way one reads a page). `KitLayout` builds
/// it once; `KitPDF` and `KitSVG` only translate it, so both outputs have the
/// same content and the same layout by construction.
struct PageDrawing: Sendable {
    var width: Double
    var height: Double
    var ops: [DrawOp] = []
}

/// Grey level, 0 = black, 1 = white. The kit is printed in black and white,
/// so a single channel is enough and photocopies the same.
typealias Gray = Double

struct Rect: Sendable, Equatable {
    var x, y, width, height: Double
}

enum DrawOp: Sendable {
    /// Text with its baseline at `y`, starting at `x`.
    case text(String, x: Double, y: Double, font: Font, size: Double, gray: Gray)
    /// Filled rectangles (one operation for many, e.g. all QR runs).
    case fill([Rect], gray: Gray)
    /// Rectangle outline.
    case stroke(Rect, lineWidth: Double, gray: Gray)
    /// Straight line, optionally dashed (`dash` = on/off lengths).
    case line(x1: Double, y1: Double, x2: Double, y2: Double, lineWidth: Double, gray: Gray, dash: [Double])
    /// Circle outline (used for the scissors' finger holes).
    case circle(cx: Double, cy: Double, r: Double, lineWidth: Double, gray: Gray)
}
