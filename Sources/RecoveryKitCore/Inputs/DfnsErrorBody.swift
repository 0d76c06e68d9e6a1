/// An error answer from Dfns saved where a challenge was expected (the
/// online step failed and its output went to response.json): the shapes
/// Dfns's SDK reads, `{"error":{"message":…}}` and `{"message":…}`. The
/// one rule for the recovery and the registration challenge readers, so the
/// person reads Dfns's own words instead of "missing field".
package enum DfnsErrorBody {
    /// Dfns's message when `object` is such an error (no `challenge` of its
    /// own), shortened to 300 characters with control characters dropped.
    package static func message(in object: JSONObject) -> String? {
        guard object["challenge"] == nil else { return nil }
        let text = object["error"]?["message"]?.stringValue ?? object["message"]?.stringValue
        guard let text, !text.isEmpty else { return nil }
        let shown = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 && !(0x7F...0x9F).contains($0.value) }))
        return shown.count > 300 ? String(shown.prefix(300)) + "…" : shown
    }

    /// How every reader words it.
    package static func describe(_ message: String) -> String {
        "it is an error answer from Dfns, not a challenge: \(JSONText.quoted(message)) (Dfns's words); deal with what it says, then run the step that saved this file again"
    }
}
