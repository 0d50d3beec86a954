/// What the service itself is called where it delivers a run, beside the Accredited
/// Centres: one name on run pages, certificates, forms and reports alike.
public enum ProviderName {
    public static let nationalBase = "PrepRoom national base"

    /// The provider of a run or certificate: its centre, or the national base.
    public static func of(centre: String?) -> String { centre ?? nationalBase }
}
