/// How long each kind of text a person may type can be. Forms and the API refuse longer
/// text with a 422 naming the field, and the OpenAPI document states the same limits.
public enum TextLimit {
    /// A person's or organisation's name, a title, a venue.
    public static let name = 200
    public static let title = 200
    /// A code such as a course code.
    public static let code = 40
    /// An email address (RFC 5321).
    public static let email = 254
    /// A web address.
    public static let url = 2000
    /// A reason or a one-paragraph note.
    public static let reason = 2000
    /// Free text: a statement, notes, a reflection, an answer.
    public static let text = 10_000
    /// Words searched for.
    public static let searchText = 200
    /// Any one value of any request, whatever its field: beyond this the request is refused
    /// before a handler reads it (`InputScreening`).
    public static let anyValue = 20_000

    /// nil when `text` fits; else the message for its field.
    public static func problem(_ text: String, field: String, max: Int, label: String? = nil) -> FieldError? {
        text.count > max ? FieldError(field, "\(label ?? "This") must be at most \(max) characters") : nil
    }
}

/// Characters no person types: NUL and the other C0 controls except tab, newline and
/// carriage return, and DEL. A request carrying them is refused (400).
public enum ControlCharacters {
    public static func contains(_ text: String) -> Bool {
        text.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || scalar.value == 0x7F
        }
    }
}
