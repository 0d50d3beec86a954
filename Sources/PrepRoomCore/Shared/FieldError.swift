/// A problem with one field of a submitted form or JSON body.
///
/// Rules return these rather than throwing so a form can show every mistake at once
/// (the GOV.UK error-summary pattern) and the API can name the first field at fault.
public struct FieldError: Equatable, Sendable, Codable {
    /// The field's name as it appears in the form and in JSON (camelCase).
    public let field: String
    public let message: String

    public init(_ field: String, _ message: String) {
        self.field = field
        self.message = message
    }
}
