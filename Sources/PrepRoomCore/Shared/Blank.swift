import Foundation

extension CharacterSet {
    /// White space as JSON Schema's `\s` (ECMAScript) counts it, which the OpenAPI
    /// document's "not blank" pattern uses: trimming with this set makes the server refuse
    /// exactly the text the document calls blank.
    public static let blank: CharacterSet = {
        var set = CharacterSet(charactersIn: "\u{9}\u{A}\u{B}\u{C}\u{D}\u{20}\u{A0}\u{1680}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}")
        set.insert(charactersIn: "\u{2000}"..."\u{200A}")
        return set
    }()
}

extension StringProtocol {
    /// Empty, or nothing but white space (`CharacterSet.blank`).
    public var isBlank: Bool { unicodeScalars.allSatisfy(CharacterSet.blank.contains) }

    /// Without white space (`CharacterSet.blank`) at either end.
    public var trimmed: String { String(self).trimmingCharacters(in: .blank) }
}
