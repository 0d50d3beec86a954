/// Small pieces of wording that pages get wrong when each writes its own ("1 certificates").
public enum Wording {
    /// "1 certificate", "3 certificates": the count with the noun in the right number.
    public static func count(_ n: Int, _ singular: String, plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }
}
