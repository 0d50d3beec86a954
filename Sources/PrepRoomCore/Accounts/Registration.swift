/// What a person gives when they register or an operator creates an account.
public struct RegistrationForm: Sendable, Equatable {
    public var email: String
    public var name: String
    public var password: String
    public var roles: [Role]

    public init(email: String, name: String, password: String, roles: [Role]) {
        self.email = Self.normalise(email)
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.password = password
        self.roles = roles
    }

    /// Emails compare case-insensitively and without surrounding spaces.
    public static func normalise(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".") && !email.contains(" ")
            && email.count <= 254
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if name.isEmpty { errors.append(FieldError("name", "Enter your full name")) }
        if name.count > 200 { errors.append(FieldError("name", "Name must be at most 200 characters")) }
        if !Self.looksLikeEmail(email) {
            errors.append(FieldError("email", "Enter an email address in the correct format, like name@school.sch.uk"))
        }
        if let problem = PasswordRule.check(password, email: email) { errors.append(problem) }
        if roles.isEmpty { errors.append(FieldError("roles", "Choose a role")) }
        return errors
    }
}
