/// A Dfns organisation ID as it is printed on a kit and sent in recovery
/// requests (`or-30ldf-8d7s5-8kerbutv6g2dumq7`): one word of ASCII letters,
/// digits and dashes (Dfns's documented pattern,
/// `^or-[a-z0-9]{5}-[a-z0-9]{5}-[a-z0-9]{14,16}$`, is a subset; shorter test
/// IDs such as `or-demo-0001` are allowed). Quotes, angle brackets and
/// controls never belong to one, so a kit file carrying them is refused.
/// Checked once here for `--org-id` and a kit file's `orgId`.
package enum OrgID {
    package static let maxLength = DfnsIdentifier.maxLength

    package static func isValid(_ text: String) -> Bool { DfnsIdentifier.isValid(text) }
}
