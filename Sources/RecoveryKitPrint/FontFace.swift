internal import CHarfBuzz

/// One TrueType font file opened with HarfBuzz: which characters it has,
/// the glyphs and advances of a text (HarfBuzz shapes it, so combining
/// marks sit on their letters), and the metrics a PDF font descriptor
/// needs. Read-only once made, so it is shared between threads.
///
/// This file and `FontSubset` are the only ones that see HarfBuzz.
final class FontFace: @unchecked Sendable {
    /// A glyph as shaped, in font units (`unitsPerEm` to the em).
    struct Glyph: Sendable, Equatable {
        var id: UInt32
        var advance: Int32
        var xOffset: Int32
        var yOffset: Int32
        /// Byte offset in the UTF-8 text of the character it came from.
        var cluster: Int
    }

    let postScriptName: String
    let path: String
    let unitsPerEm: Int
    fileprivate let face: OpaquePointer
    private let font: OpaquePointer

    /// Opens `path`; nil when it is missing, unreadable or not a font.
    init?(path: String, postScriptName: String) {
        guard let blob = hb_blob_create_from_file_or_fail(path) else { return nil }
        defer { hb_blob_destroy(blob) }
        guard hb_face_count(blob) > 0, let face = hb_face_create(blob, 0) else { return nil }
        let upem = Int(hb_face_get_upem(face))
        guard hb_face_get_glyph_count(face) > 1, upem > 0, let font = hb_font_create(face) else {
            hb_face_destroy(face)
            return nil
        }
        // Font units throughout: the PDF's widths are these scaled to 1000.
        hb_font_set_scale(font, Int32(upem), Int32(upem))
        hb_face_make_immutable(face)
        hb_font_make_immutable(font)
        self.face = face
        self.font = font
        self.unitsPerEm = upem
        self.path = path
        self.postScriptName = postScriptName
    }

    deinit {
        hb_font_destroy(font)
        hb_face_destroy(face)
    }

    /// True when the font has a glyph of its own for `scalar`.
    func covers(_ scalar: Unicode.Scalar) -> Bool {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, scalar.value, &glyph) != 0 && glyph != 0
    }

    /// True when every scalar of the character is in the font.
    func covers(_ character: Character) -> Bool { character.unicodeScalars.allSatisfy(covers) }

    /// The glyphs of `text`, left to right.
    func shape(_ text: String) -> [Glyph] {
        guard let buffer = hb_buffer_create() else { return [] }
        defer { hb_buffer_destroy(buffer) }
        var utf8 = Array(text.utf8)
        utf8.withUnsafeMutableBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                hb_buffer_add_utf8(buffer, $0.baseAddress, Int32($0.count), 0, Int32($0.count))
            }
        }
        // Left to right always: right-to-left text never reaches a paper
        // (rkit-generate refuses it; see `PaperText`).
        hb_buffer_set_direction(buffer, HB_DIRECTION_LTR)
        hb_buffer_guess_segment_properties(buffer)
        hb_shape(font, buffer, nil, 0)
        var count: UInt32 = 0
        guard let infos = hb_buffer_get_glyph_infos(buffer, &count),
              let positions = hb_buffer_get_glyph_positions(buffer, &count) else { return [] }
        return (0..<Int(count)).map {
            Glyph(id: infos[$0].codepoint, advance: positions[$0].x_advance,
                  xOffset: positions[$0].x_offset, yOffset: positions[$0].y_offset, cluster: Int(infos[$0].cluster))
        }
    }

    /// The advance of a glyph on its own (the PDF's /W entry), in font units.
    func advance(of glyph: UInt32) -> Int32 { hb_font_get_glyph_h_advance(font, glyph) }

    /// Ascender, descender (negative) and cap height in font units.
    var verticalMetrics: (ascent: Int32, descent: Int32, capHeight: Int32) {
        func metric(_ tag: hb_ot_metrics_tag_t, _ fallback: Int32) -> Int32 {
            var value: hb_position_t = 0
            return hb_ot_metrics_get_position(font, tag, &value) != 0 ? value : fallback
        }
        let ascent = metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, Int32(unitsPerEm * 8 / 10))
        return (ascent, metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, -Int32(unitsPerEm / 5)),
                metric(HB_OT_METRICS_TAG_CAP_HEIGHT, ascent))
    }

    /// The font's bounding box (`head` table: xMin, yMin, xMax, yMax).
    var boundingBox: [Int] {
        guard let blob = hb_face_reference_table(face, hbTag("head")) else { return [0, 0, unitsPerEm, unitsPerEm] }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length >= 44 else { return [0, 0, unitsPerEm, unitsPerEm] }
        let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
        return (0..<4).map { Int(Int16(bitPattern: UInt16(bytes[36 + 2 * $0]) << 8 | UInt16(bytes[37 + 2 * $0]))) }
    }

    /// The subset of this font holding `glyphs` (and glyph 0), as TrueType
    /// bytes, with each old glyph ID's new one: HarfBuzz's subsetter, no
    /// hints, no layout tables (the PDF places every glyph itself).
    func subset(_ glyphs: Set<UInt32>) -> (bytes: [UInt8], newID: [UInt32: UInt32])? {
        guard let input = hb_subset_input_create_or_fail() else { return nil }
        defer { hb_subset_input_destroy(input) }
        let glyphSet = hb_subset_input_glyph_set(input)
        for glyph in glyphs.sorted() { hb_set_add(glyphSet, glyph) }
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in ["GSUB", "GPOS", "GDEF", "kern", "hdmx", "VDMX", "LTSH"] {
            hb_set_add(drop, hbTag(tag))
        }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_NO_HINTING.rawValue)
        guard let plan = hb_subset_plan_create_or_fail(face, input) else { return nil }
        defer { hb_subset_plan_destroy(plan) }
        let map = hb_subset_plan_old_to_new_glyph_mapping(plan)
        var newID: [UInt32: UInt32] = [:]
        for glyph in glyphs {
            let mapped = hb_map_get(map, glyph)
            guard mapped != UInt32.max else { return nil }
            newID[glyph] = mapped
        }
        guard let result = hb_subset_plan_execute_or_fail(plan) else { return nil }
        defer { hb_face_destroy(result) }
        guard let blob = hb_face_reference_blob(result) else { return nil }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return nil }
        let bytes = Array(UnsafeRawBufferPointer(start: data, count: Int(length)))
        return (bytes, newID)
    }
}

/// A four-letter OpenType tag as HarfBuzz's number.
private func hbTag(_ tag: String) -> hb_tag_t {
    tag.utf8.reduce(0) { $0 << 8 | hb_tag_t($1) }
}
