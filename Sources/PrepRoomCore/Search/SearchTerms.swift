import Foundation

/// What a person typed into the search, read into words and "quoted phrases", and written
/// back as the one query both engines read the same way: each word or phrase in double
/// quotes, all of them required. Nothing typed is ever passed as query syntax (FTS5's
/// `NEAR`, `*`, column filters; a stray quote), so no search can fail on what it holds.
public struct SearchTerms: Sendable, Equatable {
    /// Words and phrases, each a run of words.
    public let parts: [[String]]

    public static let mostParts = 8
    public static let longestWord = 40

    /// Nil when nothing searchable was typed.
    public init?(_ text: String?) {
        var parts: [[String]] = []
        var quoted = false
        for (index, chunk) in (text ?? "").split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            quoted = index % 2 == 1
            let words = Self.words(String(chunk))
            if words.isEmpty { continue }
            if quoted { parts.append(Array(words.prefix(Self.mostParts))) } else { parts += words.map { [$0] } }
        }
        var seen = Set<[String]>()
        parts = parts.filter { seen.insert($0).inserted }
        guard !parts.isEmpty else { return nil }
        self.parts = Array(parts.prefix(Self.mostParts))
    }

    /// Letters and digits, lower-cased; anything else separates words.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { String($0.prefix(longestWord)).lowercased() }
    }

    /// `"copper" "sulfate crystals"`: FTS5 reads it as all of these, each phrase in order;
    /// PostgreSQL's `websearch_to_tsquery` reads it the same way.
    public var query: String {
        parts.map { "\"" + $0.joined(separator: " ") + "\"" }.joined(separator: " ")
    }

    /// As the page shows it back.
    public var text: String {
        parts.map { $0.count > 1 ? "\"" + $0.joined(separator: " ") + "\"" : $0[0] }.joined(separator: " ")
    }
}

/// What a search looks through.
public enum SearchKind: String, CaseIterable, Sendable {
    /// Techné's topics and replies.
    case discussion
    /// The catalogue's courses.
    case course
    /// The resource library's documents and videos.
    case resource
    /// The council's published agendas and minutes.
    case minutes

    public var label: String {
        switch self {
        case .discussion: "Discussion"
        case .course: "Courses"
        case .resource: "Resources"
        case .minutes: "Council minutes"
        }
    }

    /// The entry kinds (`search_entries.kind`) it covers.
    public var entryKinds: [String] {
        switch self {
        case .discussion: ["topic", "reply"]
        case .course: ["course"]
        case .resource: ["resource"]
        case .minutes: ["minutes"]
        }
    }
}

/// Who is searching decides what may be found: members-only discussion needs a signed-in
/// member, hidden posts a moderator.
public struct SearchReader: Sendable, Equatable {
    public var signedIn: Bool
    public var moderator: Bool
    public init(signedIn: Bool, moderator: Bool) { self.signedIn = signedIn; self.moderator = moderator }
}

/// Highlighted text: the search marks each match between these two characters (from
/// Unicode's private use area: nobody types them, and a page splits on them).
public enum SearchMarks {
    public static let start: Character = "\u{E000}"
    public static let end: Character = "\u{E001}"

    /// The text in runs, each saying whether it is a match.
    public static func runs(_ marked: String) -> [(text: String, match: Bool)] {
        var runs: [(String, Bool)] = []
        var current = "", inside = false
        for character in marked {
            if character == start || character == end {
                if !current.isEmpty { runs.append((current, inside)) }
                current = ""; inside = character == start
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { runs.append((current, inside)) }
        return runs
    }

    public static func plain(_ marked: String) -> String { String(marked.filter { $0 != start && $0 != end }) }
}
