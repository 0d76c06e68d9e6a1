/// Places the kit's content on one page (code half below a cut line) or two
/// (code half on page 2), for A4 or Letter. Shared by `KitPDF` and `KitSVG`.
///
/// Reading order follows what a first-time reader needs: what this is and
/// whose it is, the warning, the account and QR, how to recover, and, apart,
/// the code. The code half deliberately does not show the username: it is
/// matched to the top half by the first 8 characters of the credential ID.
enum KitLayout {
    /// Which characters the output can show: the PDF, WinAnsi and what its
    /// embedded fonts have; the SVG, any (the viewer's fonts draw it).
    enum Repertoire: Sendable { case pdf, unicode }

    static let margin = 40.0
    /// One dot of a 300-dpi printer, in points. QR modules are a whole number
    /// of dots so they print crisp, with no uneven module widths.
    static let printerDot = 72.0 / 300.0
    /// QR module size in printer dots: 11 (0.93 mm), measured for a phone
    /// photo (issue 19 finding 12). The kit's QR text in its final form
    /// (plus 100 characters for a signature field) at level M, printed,
    /// rendered at 100 dpi, turned 7° either way and blurred by 1 px, is read
    /// by zbarimg in 8 of 8 tries from 10 dots up, in none at 9 or fewer;
    /// level L needs 11 dots for the same (its symbol is smaller but not its
    /// modules), so M keeps its error correction at no cost in width.
    /// Tests/RKitGenerateTests/PhonePhotoTests.swift holds it.
    static let moduleDots = 11.0
    /// The fewest dots that passed that photo in most tries (16 of 16 for a
    /// short name, 7 of 8 for a long Greek one): used only when the page
    /// cannot hold the QR at `moduleDots`.
    static let minimumModuleDots = 10.0
    /// Upper bound on the QR's width including quiet zone: 10.5 cm (a long
    /// non-Latin username makes a bigger symbol); above it modules shrink.
    static let maxQRWidth = 10.5 / 2.54 * 72
    static let quietZone = 4

    static func pages(for kit: PrintableKit, repertoire: Repertoire) throws(PrintError) -> [PageDrawing] {
        try kit.validate()
        let qr = try QRMatrix(text: kit.qrText)
        // Largest instruction size that fits: A4 has more room than Letter,
        // and long names need more lines; then the smallest module that
        // still scans from a phone photo (`moduleDots`).
        // Last, a kit that cannot share its page with the code half (a very
        // long name on Letter paper) puts the code on page 2, as --split does.
        var split = kit
        split.splitCodePage = true
        for candidate in kit.splitCodePage ? [kit] : [kit, split] {
            for dots in [moduleDots, minimumModuleDots] {
                for stepSize in [10, 9.5, 9, 8.5, 8, 7.5, 7] {
                    var builder = Builder(kit: candidate, qr: qr, repertoire: repertoire, stepSize: stepSize, moduleDots: dots)
                    if let pages = builder.build() { return pages }
                }
            }
        }
        throw .invalidKit("the account details are too long to fit on the page")
    }

    /// Size of one QR module in points for a symbol of `size` modules:
    /// `moduleDots`, or less when the symbol would pass `maxQRWidth`.
    static func moduleSize(forSymbolSize size: Int, dots wanted: Double = moduleDots) -> Double {
        let span = Double(size + 2 * quietZone)
        let dots = max(1, min(wanted, (maxQRWidth / printerDot / span).rounded(.down)))
        return dots * printerDot
    }

    private struct Builder {
        let kit: PrintableKit
        let qr: QRMatrix
        let repertoire: Repertoire
        let stepSize: Double
        let moduleDots: Double
        let W: Double, H: Double
        var escapedSomething = false

        init(kit: PrintableKit, qr: QRMatrix, repertoire: Repertoire, stepSize: Double, moduleDots: Double) {
            self.moduleDots = moduleDots
            self.kit = kit
            self.qr = qr
            self.repertoire = repertoire
            self.stepSize = stepSize
            (W, H) = kit.paper.size
        }

        var m: Double { KitLayout.margin }
        var contentWidth: Double { W - 2 * m }

        /// User-supplied text as the output can show it (see `WinAnsi`).
        mutating func show(_ s: String) -> String {
            let canShow: ((Character) -> Bool)?
            switch repertoire {
            case .pdf: canShow = EmbeddedFonts.shared.map { fonts in { fonts.canShow($0) } } ?? { _ in false }
            case .unicode: canShow = nil
            }
            let d = PaperText.displayable(s, canShow: canShow)
            escapedSomething = escapedSomething || d.escaped
            return d.text
        }

        mutating func build() -> [PageDrawing]? {
            var page = PageDrawing(width: W, height: H)
            var y = header(&page, top: m, subtitle: nil)
            y = warning(&page, top: y + 10)
            y = accountAndQR(&page, top: y + 16)
            y = steps(&page, top: y + 14)
            let codeHeight = codeHalfHeight()
            if kit.splitCodePage {
                let noteTop = y + 12
                let note = TextBlock(.helveticaBold, 9)
                y = page.paragraph("The recovery code is on page 2. Store page 2 in a different place from this page.",
                                   x: m, top: noteTop, width: contentWidth, note)
                footer(&page, "Page 1 of 2")
                guard y <= H - m else { return nil }
                var page2 = PageDrawing(width: W, height: H)
                var y2 = header(&page2, top: m, subtitle: "Page 2 of 2: the recovery code")
                y2 += 18
                page2.ops.append(.line(x1: m, y1: y2 - 8, x2: W - m, y2: y2 - 8, lineWidth: 0.6, gray: 0.6, dash: []))
                y2 = codeHalf(&page2, top: y2 + 6)
                footer(&page2, "Page 2 of 2")
                guard y2 <= H - m else { return nil }
                return [page, page2]
            } else {
                let codeTop = H - m - codeHeight
                let cutY = codeTop - 18
                guard y <= cutY - 10 else { return nil }
                // A split code has no code half to cut off: its note stays on the page.
                if kit.shares == nil { cutLine(&page, y: cutY) }
                codeHalf(&page, top: codeTop)
                return [page]
            }
        }

        // MARK: Top half

        /// Title, owner, creation date; returns y below.
        mutating func header(_ page: inout PageDrawing, top: Double, subtitle: String?) -> Double {
            let title = TextBlock(.helveticaBold, 22)
            page.text("Account recovery kit", x: m, baseline: top + title.ascent, title)
            let date = TextBlock(.helvetica, 9, gray: 0.35)
            let created = "Created " + show(kit.createdAt)
            page.text(created, x: W - m - Font.helvetica.width(created, size: 9), baseline: top + title.ascent, date)
            var y = top + 30
            if let subtitle {
                y = page.paragraph(subtitle, x: m, top: y, width: contentWidth, TextBlock(.helvetica, 12))
                return y
            }
            let lead = TextBlock(.helvetica, 12)
            let prefix = "Belongs to "
            let prefixWidth = Font.helvetica.width(prefix, size: 12)
            page.text(prefix, x: m, baseline: y + lead.ascent, lead)
            let name = show(kit.username)
            y = page.paragraph(name, x: m + prefixWidth, top: y, width: contentWidth - prefixWidth, TextBlock(.helveticaBold, 12))
            if escapedSomething {
                y = page.paragraph("Characters that cannot be printed here are written as \\u{hex}, their Unicode code point; the QR holds the exact name, so scanning it is the safest way to enter it.",
                                   x: m + prefixWidth, top: y + 2, width: contentWidth - prefixWidth, TextBlock(.helvetica, 7.5, gray: 0.3))
            }
            return y
        }

        /// A black frame: NOT REGISTERED in large type, what it means, and
        /// the command that registers the kit. In the account column, under
        /// the kit tag, where the QR leaves room (a box across the page
        /// pushed Letter paper past one page).
        func notRegistered(_ page: inout PageDrawing, x: Double, top: Double, width: Double) -> Double {
            let pad = 5.0
            let title = TextBlock(.helveticaBold, 20)
            let body = TextBlock(.helvetica, 7, leading: 8.5)
            let command = TextBlock(.courierBold, 7, leading: 8.5)
            let inner = width - 2 * pad
            let bodyLines = body.wrap(RecoverySteps.notRegistered, width: inner)
            let commandLines = command.wrapCommand(RecoverySteps.registerCommand(for: kit), width: inner)
            var y = top + pad
            page.text(RecoverySteps.notRegisteredTitle, x: x + pad, baseline: y + title.ascent, title)
            y += title.height(lines: 1)
            y = page.lines(bodyLines, x: x + pad, top: y, body)
            y = page.lines(commandLines, x: x + pad, top: y + 2, command) + pad
            page.ops.append(.stroke(Rect(x: x, y: top, width: width, height: y - top), lineWidth: 2, gray: 0))
            return y
        }

        func warning(_ page: inout PageDrawing, top: Double) -> Double {
            let pad = 8.0
            let head = TextBlock(.helveticaBold, 10)
            let body = TextBlock(.helvetica, 9)
            let text = kit.shares == nil ? RecoverySteps.warning : ShareWording.kitWarning
            let bodyLines = body.wrap(text, width: contentWidth - 2 * pad - 4)
            let height = pad + head.height(lines: 1) + 3 + body.height(lines: bodyLines.count) + pad
            page.ops.append(.fill([Rect(x: m, y: top, width: contentWidth, height: height)], gray: 0.9))
            page.ops.append(.fill([Rect(x: m, y: top, width: 4, height: height)], gray: 0))
            var y = page.paragraph(RecoverySteps.warningTitle, x: m + pad + 4, top: top + pad, width: contentWidth, head)
            y = page.paragraph(text, x: m + pad + 4, top: y + 3, width: contentWidth - 2 * pad - 4, body)
            return top + height
        }

        /// Account details on the left, QR on the right; returns y below both.
        mutating func accountAndQR(_ page: inout PageDrawing, top: Double) -> Double {
            let module = KitLayout.moduleSize(forSymbolSize: qr.size, dots: moduleDots)
            let qrWidth = module * Double(qr.size + 2 * KitLayout.quietZone)
            let qrX = W - m - qrWidth
            // Quiet zone is left unpainted (white paper); a thin frame shows
            // where it ends so nobody trims it off.
            let origin = (x: qrX + module * Double(KitLayout.quietZone), y: top + module * Double(KitLayout.quietZone))
            page.ops.append(.stroke(Rect(x: qrX, y: top, width: qrWidth, height: qrWidth), lineWidth: 0.4, gray: 0.75))
            page.ops.append(.fill(qr.darkRuns.map {
                Rect(x: origin.x + Double($0.x) * module, y: origin.y + Double($0.y) * module,
                     width: Double($0.length) * module, height: module)
            }, gray: 0))
            let caption = TextBlock(.helvetica, 7.5, gray: 0.3)
            let qrBottom = page.paragraph("Kit QR: your encrypted key, username, org and origin. It does not contain the recovery code. Scan it into rkit-sign (step 1).",
                                          x: qrX, top: top + qrWidth + 4, width: qrWidth, caption)

            let colWidth = qrX - m - 18
            let label = TextBlock(.helvetica, 8, gray: 0.4)
            let value = TextBlock(.helveticaBold, 10.5)
            let mono = TextBlock(.courierBold, 9)
            var y = page.paragraph("Account", x: m, top: top, width: colWidth, TextBlock(.helveticaBold, 13))
            func row(_ page: inout PageDrawing, _ name: String, _ text: String, _ style: TextBlock, _ y: inout Double) {
                y = page.paragraph(name, x: m, top: y + 6, width: colWidth, label)
                y = page.paragraph(text, x: m, top: y + 1, width: colWidth, style)
            }
            row(&page, "Username (e-mail)", show(kit.username), value, &y)
            if let org = kit.orgId { row(&page, "Org ID", show(org), mono, &y) }
            if let origin = kit.origin { row(&page, "Origin (app address)", show(origin), mono, &y) }
            if let appId = kit.appId { row(&page, "App ID (sent by the steps below)", show(appId), mono, &y) }
            row(&page, "Credential ID", show(kit.credentialId), mono, &y)
            y = page.paragraph("Kit tag: the first 8 characters of the credential ID (upper and lower case differ). The code half shows the same tag.",
                               x: m, top: y + 8, width: colWidth, label)
            let tag = TextBlock(.courierBold, 24)
            let tagText = show(kit.kitTag)
            let tagWidth = Font.courierBold.width(tagText, size: 24)
            page.ops.append(.stroke(Rect(x: m, y: y + 3, width: tagWidth + 16, height: 32), lineWidth: 1, gray: 0))
            page.text(tagText, x: m + 8, baseline: y + 3 + 23, tag)
            y += 3 + 32
            if !kit.registered { y = notRegistered(&page, x: m, top: y + 10, width: colWidth) }
            return max(y, qrBottom)
        }

        func steps(_ page: inout PageDrawing, top: Double) -> Double {
            var y = page.paragraph(RecoverySteps.title, x: m, top: top, width: contentWidth, TextBlock(.helveticaBold, 11))
            let body = TextBlock(.helvetica, stepSize)
            let number = TextBlock(.helveticaBold, stepSize)
            let command = TextBlock(.courierBold, stepSize - 1)
            let indent = 14.0
            for (i, step) in RecoverySteps.steps(for: kit).enumerated() {
                let stepTop = y + 4
                page.text("\(i + 1).", x: m, baseline: stepTop + number.ascent, number)
                y = page.paragraph(step.text, x: m + indent, top: stepTop, width: contentWidth - indent, body)
                if let cmd = step.command {
                    let pad = 3.0
                    let lines = command.wrapCommand(cmd, width: contentWidth - indent - 2 * pad)
                    let h = command.height(lines: lines.count) + 2 * pad
                    page.ops.append(.fill([Rect(x: m + indent, y: y + 2, width: contentWidth - indent, height: h)], gray: 0.93))
                    page.lines(lines, x: m + indent + pad, top: y + 2 + pad, command)
                    y += 2 + h
                }
            }
            return y
        }

        func footer(_ page: inout PageDrawing, _ text: String) {
            let style = TextBlock(.helvetica, 8, gray: 0.4)
            page.text(text, x: W - m - Font.helvetica.width(text, size: 8), baseline: H - m / 2, style)
        }

        // MARK: Cut line and code half

        func cutLine(_ page: inout PageDrawing, y: Double) {
            let gray = 0.25
            page.ops.append(.line(x1: m / 2, y1: y, x2: W - m / 2, y2: y, lineWidth: 0.8, gray: gray, dash: [5, 3]))
            // Scissors pointing along the line: two finger holes and two blades
            // crossing at a pivot, drawn on a white patch over the dashes.
            let sx = m + 4
            let labelStyle = TextBlock(.helveticaBold, 8, gray: gray)
            let label = "cut here: keep the code half below apart from the rest"
            let labelWidth = Font.helveticaBold.width(label, size: 8)
            page.ops.append(.fill([Rect(x: sx - 5, y: y - 8, width: 30 + labelWidth + 8, height: 16)], gray: 1))
            page.ops.append(.circle(cx: sx, cy: y - 4, r: 2.6, lineWidth: 1, gray: gray))
            page.ops.append(.circle(cx: sx, cy: y + 4, r: 2.6, lineWidth: 1, gray: gray))
            page.ops.append(.line(x1: sx + 2.2, y1: y - 2.6, x2: sx + 17, y2: y + 2.2, lineWidth: 1.1, gray: gray, dash: []))
            page.ops.append(.line(x1: sx + 2.2, y1: y + 2.6, x2: sx + 17, y2: y - 2.2, lineWidth: 1.1, gray: gray, dash: []))
            page.text(label, x: sx + 24, baseline: y + 3, labelStyle)
        }

        /// Geometry of the code block, shared by measuring and drawing.
        var codeSize: Double { 22 }
        var checkBox: (width: Double, height: Double, font: Double) { (13, 15, 11) }
        var hasChecks: Bool { !kit.checkCharacters.isEmpty }

        func codeHalfHeight() -> Double {
            // heading + explanation + two code rows + legend + date.
            var probe = PageDrawing(width: W, height: H)
            var copy = self
            return copy.codeHalf(&probe, top: 0)
        }

        @discardableResult
        mutating func codeHalf(_ page: inout PageDrawing, top: Double) -> Double {
            let heading = TextBlock(.helveticaBold, 15)
            if let shares = kit.shares {
                // The code is split: say so where it would be, and nothing more.
                page.text("Recovery code: split into shares", x: m, baseline: top + heading.ascent, heading)
                let tagText = show(kit.kitTag)
                let tagWidth = Font.courierBold.width(tagText, size: 15)
                page.text(tagText, x: W - m - tagWidth, baseline: top + heading.ascent, TextBlock(.courierBold, 15))
                return page.paragraph(ShareWording.kitNote(shares), x: m, top: top + heading.height(lines: 1) + 4,
                                      width: contentWidth, TextBlock(.helvetica, 10))
            }
            page.text("Recovery code", x: m, baseline: top + heading.ascent, heading)
            let headingWidth = Font.helveticaBold.width("Recovery code", size: 15)
            page.text("created " + show(kit.createdAt), x: m + headingWidth + 10, baseline: top + heading.ascent,
                      TextBlock(.helvetica, 9, gray: 0.4))
            // Right side: "kit tag" so the halves can be matched once cut.
            let tagLabel = "Kit tag "
            let tagText = show(kit.kitTag)
            let tagWidth = Font.courierBold.width(tagText, size: 15)
            let labelWidth = Font.helvetica.width(tagLabel, size: 9)
            page.text(tagLabel, x: W - m - tagWidth - labelWidth, baseline: top + heading.ascent, TextBlock(.helvetica, 9, gray: 0.4))
            page.text(tagText, x: W - m - tagWidth, baseline: top + heading.ascent, TextBlock(.courierBold, 15))
            var y = top + heading.height(lines: 1) + 4
            y = page.paragraph(RecoverySteps.codeNote,
                               x: m, top: y, width: contentWidth, TextBlock(.helvetica, 8.5, gray: 0.2))

            // Two rows: D1-g1-g2-g3- / g4-g5-g6, each group followed by its
            // check letter in a small grey box. Row 2 is indented under g1 so
            // the groups line up.
            let code = TextBlock(.courierBold, codeSize)
            let charW = Font.courierBold.width("M", size: codeSize)
            let box = checkBox
            let groups = kit.codeGroups.map { show($0) }
            let checks = hasChecks ? kit.checkCharacters.map { show(String($0)) } : []
            func groupWidth(_ g: String) -> Double { Double(g.count) * charW + (hasChecks ? box.width + 5 : 0) }
            let prefix = "D1-"
            let row1Width = Double(prefix.count) * charW + groups[0..<3].map(groupWidth).reduce(0, +) + 3 * charW
            let row2Width = Double(prefix.count) * charW + groups[3..<6].map(groupWidth).reduce(0, +) + 2 * charW
            let left = m + max(0, (contentWidth - max(row1Width, row2Width)) / 2)
            let rowTop = y + 8
            for row in 0..<2 {
                let baseline = rowTop + code.ascent + Double(row) * (codeSize + 9)
                var x = left
                if row == 0 { page.text(prefix, x: x, baseline: baseline, code) }
                x += Double(prefix.count) * charW
                for i in (row * 3)..<(row * 3 + 3) {
                    page.text(groups[i], x: x, baseline: baseline, code)
                    x += Double(groups[i].count) * charW
                    if hasChecks {
                        x += 2
                        let r = Rect(x: x, y: baseline - box.height + 1, width: box.width, height: box.height)
                        page.ops.append(.fill([r], gray: 0.92))
                        page.ops.append(.stroke(r, lineWidth: 0.5, gray: 0.55))
                        let cw = Font.courierBold.width(checks[i], size: box.font)
                        page.text(checks[i], x: x + (box.width - cw) / 2, baseline: baseline - 3,
                                  TextBlock(.courierBold, box.font, gray: 0.4))
                        x += box.width + 3
                    }
                    if i < 5 {
                        page.text("-", x: x, baseline: baseline, code)
                        x += charW
                    }
                }
            }
            y = rowTop + 2 * (codeSize + 9) - 4
            if hasChecks {
                let r = Rect(x: m, y: y - 1, width: 9, height: 10.5)
                page.ops.append(.fill([r], gray: 0.92))
                page.ops.append(.stroke(r, lineWidth: 0.5, gray: 0.55))
                y = page.paragraph("Small grey boxes: check letters (optional to type). They let rkit point at a mistyped group; they are not part of the code.",
                                   x: m + 14, top: y, width: contentWidth - 14, TextBlock(.helvetica, 8, gray: 0.3))
            }
            let oneLine = "The same code on one line: "
            let small = TextBlock(.helvetica, 8, gray: 0.3)
            let oneLineWidth = Font.helvetica.width(oneLine, size: 8)
            page.text(oneLine, x: m, baseline: y + 4 + small.ascent, small)
            y = page.paragraph(show(kit.recoveryCode), x: m + oneLineWidth, top: y + 4 - 0.5,
                               width: contentWidth - oneLineWidth, TextBlock(.courierBold, 9, gray: 0.2))
            return y
        }
    }
}
