/// One share paper: a SLIP-0039 share of a kit's recovery code, for one
/// holder. Everything is computed by the caller (the core makes the words);
/// the paper never carries the code, the QR or the username: only the kit
/// tag ties it to its kit, as on the kit's code half.
public struct PrintableShare: Sendable {
    /// The 23 share words, in order.
    public var words: [String]
    /// This paper's number among all share papers of the kit (1-based): share-N.pdf.
    public var number: Int
    /// How many share papers were made in all.
    public var total: Int
    /// Its group (1-based) and the number of groups; one group for `K-of-N`.
    public var group: Int
    public var groupCount: Int
    /// How many groups are needed.
    public var groupThreshold: Int
    /// Its number within its group (1-based), and the group's threshold and size.
    public var member: Int
    public var memberThreshold: Int
    public var memberCount: Int
    public var kitTag: String
    public var createdAt: String
    public var paper: Paper
    /// The whole split as rkit writes it (`2-of-3`, `2 of 2-of-3,1-of-1`), recorded on
    /// the text paper so a recovery can split the new kit's code the same way.
    public var split: String?

    public init(words: [String], number: Int, total: Int, group: Int, groupCount: Int, groupThreshold: Int,
                member: Int, memberThreshold: Int, memberCount: Int, kitTag: String, createdAt: String, paper: Paper = .a4,
                split: String? = nil) {
        self.split = split
        self.words = words
        self.number = number
        self.total = total
        self.group = group
        self.groupCount = groupCount
        self.groupThreshold = groupThreshold
        self.member = member
        self.memberThreshold = memberThreshold
        self.memberCount = memberCount
        self.kitTag = kitTag
        self.createdAt = createdAt
        self.paper = paper
    }

    func validate() throws(PrintError) {
        guard !words.isEmpty, words.allSatisfy({ !$0.isEmpty && $0.count <= 8 && $0.allSatisfy(\.isASCII) }) else {
            throw .invalidKit("a share paper needs its words")
        }
        guard number >= 1, number <= total, member >= 1, member <= memberCount, group >= 1, group <= groupCount else {
            throw .invalidKit("share \(number) of \(total) is out of range")
        }
    }
}

/// The wording of share papers and of the kit paper's note about them: the
/// ONE place it lives, used by the PDF and the text paper.
public enum ShareWording {
    /// "Share 2 of 3" or "Share 2 of 3 in group 1".
    public static func title(_ s: PrintableShare) -> String {
        s.groupCount == 1 ? "Recovery code share \(s.member) of \(s.memberCount)"
                          : "Recovery code share \(s.member) of \(s.memberCount) in group \(s.group) of \(s.groupCount)"
    }

    /// What it takes to recover: "You need 2 of the 3 shares." and, with
    /// groups, what the groups need.
    public static func need(_ s: PrintableShare) -> String {
        if s.groupCount == 1 {
            return "You need \(s.memberThreshold) of the \(s.memberCount) shares (any \(s.memberThreshold)) to recover the kit's recovery code."
        }
        let inGroup = s.memberThreshold == 1 ? "this share alone stands for group \(s.group)"
            : "\(s.memberThreshold) of the \(s.memberCount) shares of group \(s.group) stand for the group"
        let groups = s.groupThreshold == s.groupCount ? "all \(s.groupCount) groups" : "\(s.groupThreshold) of the \(s.groupCount) groups"
        return "The recovery code needs \(groups); \(inGroup)."
    }

    public static let keep = "Keep this paper private and offline, apart from the kit and from the other shares. On its own it reveals nothing about the recovery code; together with enough other shares it gives the code, and with the kit and the owner's mailbox, the account."

    public static let use = "To recover, the kit's owner runs rkit-sign, which asks for the shares: type this share's words in order when asked (the first 4 letters of each word are enough; case does not matter), or give this share's text file with --share-file FILE. Hand it only to the kit's owner, in person, when they recover."

    public static let setWords = "Every share of this kit begins with the same two words; a share with other first words belongs to another kit."

    /// The kit paper's warning when its code is split (instead of
    /// `RecoverySteps.warning`, which speaks of the code on the paper).
    public static let kitWarning = "This paper does not hold the recovery code: it is split into share papers kept by other people or in other places. Whoever gathers enough share papers and can read your mailbox can take over your account, so never keep them with this paper. The QR holds only the encrypted key, so scanning it for steps 1 and 4 is safe."

    /// The kit paper's note where the code would be.
    public static func kitNote(_ note: PrintableKit.Shares) -> String {
        let groups = note.groupCount == 1 ? "" : " in \(note.groupCount) groups"
        return "This kit's recovery code is not on this paper: it was split into \(note.total) share papers\(groups) (SLIP-0039). \(note.need) Where rkit-sign asks for the recovery code, type the first share's words; it then asks for the others one by one. Or give each share with --share-file FILE."
    }
}
