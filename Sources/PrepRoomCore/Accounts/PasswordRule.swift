/// The password rule (OWASP ASVS 2.1, NCSC guidance): at least 12 characters, not one of
/// the 30,000 most common passwords (nor one of them with digits or symbols around it,
/// as in "Summer2026!"), and not the person's own email. No composition rules: they push
/// people to worse passwords.
public enum PasswordRule {
    public static let minimumLength = 12
    public static let maximumLength = TextLimit.password

    /// zxcvbn's list (CommonPasswords.swift) and a few words of this service's own.
    static let common: Set<String> = {
        var words = Set(commonPasswordList.split(separator: "\n").map(String.init))
        words.formUnion(["technician", "technicians", "sserc", "preproom", "prep room", "scotland", "changeme"])
        return words
    }()

    public static func check(_ password: String, email: String = "") -> FieldError? {
        if password.count < minimumLength {
            return FieldError("password", "Password must be at least \(minimumLength) characters")
        }
        if password.count > maximumLength {
            return FieldError("password", "Password must be at most \(maximumLength) characters")
        }
        let lowered = password.lowercased()
        if !email.isEmpty, lowered == email.lowercased() {
            return FieldError("password", "Password must not be your email address")
        }
        if isCommon(lowered) {
            return FieldError("password", "This is one of the most common passwords. Choose another: three or four unrelated words work well")
        }
        return nil
    }

    /// A common password as it stands, without its spaces, or with only digits and
    /// symbols around it; or one made of fewer than four different characters.
    static func isCommon(_ lowered: String) -> Bool {
        if Set(lowered).count < 4 { return true }
        if common.contains(lowered) || common.contains(lowered.filter { $0 != " " }) { return true }
        let core = lowered.drop { !$0.isLetter }.reversed().drop { !$0.isLetter }.reversed()
        return core.count < lowered.count && common.contains(String(core))
    }
}
