/// How people reach the service: the contact page and the footer say this. The defaults are
/// the service's published details (the back page of its annual report); an operator sets
/// their own with `PREPROOM_CONTACT_EMAIL`, `PREPROOM_CONTACT_PHONE` and
/// `PREPROOM_CONTACT_ADDRESS`.
public struct ServiceContact: Sendable, Equatable {
    public var organisation: String
    public var address: String
    public var phone: String
    public var email: String

    public init(organisation: String, address: String, phone: String, email: String) {
        self.organisation = organisation; self.address = address; self.phone = phone; self.email = email
    }

    public static let published = ServiceContact(
        organisation: "SSERC", address: "1-3 Pitreavie Court, South Pitreavie Business Park, Dunfermline KY11 8UU",
        phone: "01383 626070", email: "enquiries@sserc.scot")

    /// The number as a `tel:` link dials it: digits and a leading plus only.
    public var phoneLink: String { "tel:" + phone.filter { $0.isNumber || $0 == "+" } }
}
