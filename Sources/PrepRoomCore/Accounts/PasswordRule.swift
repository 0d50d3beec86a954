/// A sensible password rule (NCSC guidance): long enough, not an obvious one, and not the
/// person's own email. No composition rules: they push people to worse passwords.
public enum PasswordRule {
    public static let minimumLength = 10
    public static let maximumLength = 128

    private static let common: Set<String> = [
        "password", "password1", "password123", "passw0rd", "1234567890", "123456789",
        "qwertyuiop", "iloveyou", "letmein123", "welcome123", "technician", "sserc12345",
        "changeme123", "administrator",
    ]

    public static func check(_ password: String, email: String = "") -> FieldError? {
        if password.count < minimumLength {
            return FieldError("password", "Password must be at least \(minimumLength) characters")
        }
        if password.count > maximumLength {
            return FieldError("password", "Password must be at most \(maximumLength) characters")
        }
        let lowered = password.lowercased()
        if common.contains(lowered) || Set(lowered).count < 4 {
            return FieldError("password", "Choose a less common password")
        }
        if !email.isEmpty, lowered == email.lowercased() {
            return FieldError("password", "Password must not be your email address")
        }
        return nil
    }
}
