/// A Dfns organisation ID as it is printed on a kit and sent in recovery
/// requests (`or-30ldf-8d7s5-8kerbutv6g2dumq7`): one word of printable
/// ASCII. Checked once here for every tool that accepts `--org-id`.
public enum OrgID {
    public static func isValid(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) }
    }
}
