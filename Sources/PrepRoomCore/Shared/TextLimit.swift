/// How long each kind of text a person may type can be. Forms and the API refuse longer
/// text with a 422 naming the field, and the OpenAPI document states the same limits.
public enum TextLimit {
    /// A person's or organisation's name, a title, a venue.
    public static let name = 200
    public static let title = 200
    /// A code such as a course code (`Slug.isValid` allows this many).
    public static let code = 80
    /// An email address (RFC 5321).
    public static let email = 254
    /// A password (`PasswordRule.maximumLength`).
    public static let password = 128
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
    /// A video's transcript or captions.
    public static let transcript = 100_000

    /// A question's wording, an option's, a short label.
    public static let prompt = 500
    /// A list typed one item a line (venues, options).
    public static let lines = 4000
    /// A CSV file sent as text (an equipment register).
    public static let csvFile = 2_000_000
    /// Ids, codes, enum values and dates: nothing legitimate is longer.
    public static let token = 64

    /// The limit for a field by its name, in JSON (`sessions[0].start` → `start`, an item
    /// of `covers` → `covers`) and in forms alike. Requests over it are refused with a 422
    /// naming the field before a handler reads them (`InputScreening`), form controls carry
    /// it as `maxlength`, and the OpenAPI document states it as `maxLength`.
    public static func limit(forField name: String) -> Int {
        byField[name] ?? anyValue
    }

    static let byField: [String: Int] = {
        var table: [String: Int] = [:]
        for field in ["name", "title", "venue", "cohort", "contactName", "label", "competence", "courseTitle", "provider"] { table[field] = name }
        for field in ["email", "contactEmail"] { table[field] = email }
        for field in ["onlineLink", "evidenceUrl", "next", "url"] { table[field] = url }
        for field in ["reason", "summary", "withdrawnReason", "why", "kit"] { table[field] = reason }
        for field in ["note", "notes", "statement", "reflection", "recommendations", "actions", "answers", "comment", "body"] { table[field] = text }
        for field in ["prompt", "covers"] { table[field] = prompt }
        for field in ["venues", "options"] { table[field] = lines }
        for field in ["password", "currentPassword", "newPassword"] { table[field] = password }
        for field in ["q"] { table[field] = searchText }
        for field in ["csv", "register"] { table[field] = csvFile }
        table["transcript"] = transcript
        table["tags"] = reason
        table["courses"] = code
        for field in ["description", "location"] { table[field] = name }
        for field in ["assetTag", "serialNumber", "isotope", "activity", "referenceDate", "checkedOn", "result", "category", "task"] { table[field] = token }
        for field in ["code", "courseCode", "refresherOf", "key"] { table[field] = code }
        for field in ["id", "ids", "runId", "bookingId", "userId", "centreId", "organisationId", "localAuthorityId", "questionId",
                      "kind", "status", "step", "outcome", "subject", "format", "audiences", "roles", "from", "to", "start", "end",
                      "bookingOpensAt", "bookingClosesAt", "date", "month", "page", "offset", "limit", "level", "certificated",
                      "section", "action", "run", "course", "centre", "number", "ageBand", "sex", "trans", "sexualOrientation",
                      "ethnicGroup", "disability", "_csrf", "decision"] { table[field] = token }
        return table
    }()

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
