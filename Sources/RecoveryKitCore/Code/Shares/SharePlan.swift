/// How a secret is split: `groupThreshold` of the groups are needed, and
/// in group i, `groups[i].threshold` of its `groups[i].count` shares.
/// Written `K-of-N` for one group, `K-of-N,K-of-N,…` for several (then
/// every group is needed unless a group threshold says fewer).
package struct SharePlan: Sendable, Equatable, CustomStringConvertible {
    package struct Group: Sendable, Equatable {
        package var threshold: Int
        package var count: Int
        package init(threshold: Int, count: Int) { self.threshold = threshold; self.count = count }
    }

    package var groupThreshold: Int
    package var groups: [Group]

    /// Checks SLIP-0039's limits and rkit's rule that no single share may
    /// open the kit alone (that is what splitting is for).
    package init(groupThreshold: Int, groups: [Group]) throws {
        guard !groups.isEmpty else { throw SharePlanError.syntax }
        guard groups.count <= ShamirSharing.maxShares else { throw SharePlanError.tooManyGroups(groups.count) }
        for (i, group) in groups.enumerated() {
            guard group.threshold >= 1, group.count <= ShamirSharing.maxShares else { throw SharePlanError.groupSize(group: i + 1) }
            guard group.threshold <= group.count else { throw SharePlanError.thresholdAboveCount(group: i + 1) }
            // SLIP-0039 GenerateShares step 1: 1-of-N with N > 1 is refused.
            guard group.threshold > 1 || group.count == 1 else { throw SharePlanError.oneOfMany(group: i + 1) }
        }
        guard groupThreshold >= 1, groupThreshold <= groups.count else {
            throw SharePlanError.groupThreshold(groupThreshold, groups: groups.count)
        }
        // One share alone opens the secret when one group is enough and that group needs one share.
        if groupThreshold == 1, let lone = groups.firstIndex(where: { $0.threshold == 1 }) {
            throw SharePlanError.singleShareOpens(group: lone + 1)
        }
        self.groupThreshold = groupThreshold
        self.groups = groups
    }

    /// Reads `2-of-3` or `2-of-3,1-of-1,3-of-5`; `groupThreshold` nil means
    /// every group is needed.
    package init(parsing text: String, groupThreshold: Int? = nil) throws {
        var groups: [Group] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.trimmingSpaces.lowercased().split(separator: "-of-", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2, let k = Int(pieces[0]), let n = Int(pieces[1]) else { throw SharePlanError.syntax }
            groups.append(Group(threshold: k, count: n))
        }
        try self.init(groupThreshold: groupThreshold ?? groups.count, groups: groups)
    }

    /// The form recorded on share papers: `2-of-3`, or `G of K-of-N,K-of-N`.
    package var recorded: String {
        let list = groups.map { "\($0.threshold)-of-\($0.count)" }.joined(separator: ",")
        return groups.count == 1 ? list : "\(groupThreshold) of \(list)"
    }

    /// Reads the recorded form back.
    package init(recorded text: String) throws {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        if parts.count == 3, parts[1] == "of", let g = Int(parts[0]) {
            try self.init(parsing: String(parts[2]), groupThreshold: g)
        } else {
            try self.init(parsing: text)
        }
    }

    /// How many shares there are in all.
    package var shareCount: Int { groups.reduce(0) { $0 + $1.count } }

    package var description: String {
        let list = groups.map { "\($0.threshold)-of-\($0.count)" }.joined(separator: ",")
        return groups.count == 1 ? list : "\(groupThreshold) of the \(groups.count) groups \(list)"
    }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

/// Why a split (`--shares`) was refused.
package enum SharePlanError: RecoveryKitError, Equatable {
    case syntax
    case tooManyGroups(Int)
    case groupSize(group: Int)
    case thresholdAboveCount(group: Int)
    case oneOfMany(group: Int)
    case groupThreshold(Int, groups: Int)
    case singleShareOpens(group: Int)

    package var kind: FailureKind { .malformedInput }

    package var description: String {
        switch self {
        case .syntax: return "a split is written K-of-N (e.g. 2-of-3), or groups K-of-N,K-of-N"
        case let .tooManyGroups(n): return "\(n) groups: SLIP-0039 allows at most 16"
        case let .groupSize(g): return "group \(g): a group has 1 to 16 shares and needs at least 1"
        case let .thresholdAboveCount(g): return "group \(g) needs more shares than it has"
        case let .oneOfMany(g): return "group \(g) is 1-of-N: SLIP-0039 makes a group that needs one share 1-of-1 (copy that paper instead)"
        case let .groupThreshold(t, groups): return "a group threshold of \(t) with \(groups) groups: it must be 1 to \(groups)"
        case let .singleShareOpens(g): return "group \(g) needs one share and one group is enough: a single paper would open the kit alone"
        }
    }
}
