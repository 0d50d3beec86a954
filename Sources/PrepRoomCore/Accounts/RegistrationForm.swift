import Foundation

/// What a person gives when they register or an operator creates an account.
public struct RegistrationForm: Sendable, Equatable {
    public var email: String
    public var name: String
    public var password: String
    public var roles: [Role]

    public init(email: String, name: String, password: String, roles: [Role]) {
        self.email = Self.normalise(email)
        self.name = name.trimmed
        self.password = password
        self.roles = roles
    }

    /// Emails compare case-insensitively and without surrounding spaces.
    public static func normalise(_ email: String) -> String {
        email.trimmed.lowercased()
    }

    /// Something, "@", and a domain of two or more dot-separated labels, with no white
    /// space inside: the OpenAPI document's `email` pattern says the same.
    public static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, email.trimmed.count <= 254 else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        let noSpace = { (text: Substring) in !text.unicodeScalars.contains(where: CharacterSet.blank.contains) }
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && noSpace($0) } && noSpace(parts[0])
    }

    /// What is wrong with a person's name (trimmed), at registration or when they change it.
    public static func nameErrors(_ name: String) -> [FieldError] {
        if name.isEmpty { return [FieldError("name", "Enter your full name")] }
        if name.count > TextLimit.name { return [FieldError("name", "Name must be at most \(TextLimit.name) characters")] }
        return []
    }

    /// What is wrong with an email address (normalised), at registration or when it changes.
    public static func emailErrors(_ email: String, field: String = "email") -> [FieldError] {
        looksLikeEmail(email) && email.count <= TextLimit.email ? []
            : [FieldError(field, "Enter an email address in the correct format, like name@school.sch.uk")]
    }

    public func validate() -> [FieldError] {
        var errors = Self.nameErrors(name) + Self.emailErrors(email)
        if let problem = PasswordRule.check(password, email: email) { errors.append(problem) }
        if roles.isEmpty { errors.append(FieldError("roles", "Choose a role")) }
        return errors
    }
}
