import RecoveryKitCore

/// How a split is said to people (kit paper, summaries, reviews): the one
/// place its wording lives.
package enum ShareSplitWording {
    /// "You need 2 of the 3 shares." or, with groups, what each group needs.
    package static func need(_ plan: SharePlan) -> String {
        if plan.groups.count == 1 {
            return "You need \(plan.groups[0].threshold) of the \(plan.groups[0].count) shares."
        }
        let groups = plan.groupThreshold == plan.groups.count ? "all \(plan.groups.count) groups"
            : "\(plan.groupThreshold) of the \(plan.groups.count) groups"
        let each = plan.groups.enumerated().map { "group \($0.offset + 1) needs \($0.element.threshold) of its \($0.element.count)" }
        return "You need \(groups) (" + each.joined(separator: ", ") + ")."
    }

    /// One line for a summary: "2-of-3: 3 share papers, any 2 give the code".
    package static func summary(_ plan: SharePlan) -> String {
        "split into \(plan.shareCount) share papers (SLIP-0039). " + need(plan)
    }
}
