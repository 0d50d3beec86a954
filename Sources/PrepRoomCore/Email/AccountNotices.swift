import Foundation

/// The wording of the emails about a person's own account.
public enum AccountNotices {
    private static let signOff = EmailMessage.signOff

    /// Someone registered with an address that already has an account. The page they saw
    /// says only "check your email", so the form does not reveal who has an account; the
    /// owner learns here what happened and what to do.
    public static func registrationForExistingAccount(to email: String, name: String, signInURL: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Someone tried to register with your email address",
                     body: "Dear \(name),\n\nSomebody (perhaps you) tried to register for PrepRoom with this email address, but it already has an account. Nothing has changed.\n\nIf it was you, sign in here: \(signInURL)\n\nIf it was not you, you need do nothing." + signOff)
    }

    /// A registration has arrived and waits for the service's check.
    public static func registrationReceived(to email: String, name: String) -> EmailMessage {
        EmailMessage(to: email, subject: "We have your PrepRoom registration",
                     body: "Dear \(name),\n\nThank you for registering for PrepRoom. The service checks each new registration, usually within two working days, and will email you when yours is approved; then you can sign in and book courses.\n\nIf you did not register, you need do nothing: the registration will not be approved without you." + signOff)
    }

    public static func passwordChanged(to email: String, name: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Your PrepRoom password was changed",
                     body: "Dear \(name),\n\nThe password of your PrepRoom account was changed just now, and you were signed out everywhere else. If this was not you, contact the service at once." + signOff)
    }

    /// The link that sets a new password. Sent only to an approved account's own address.
    public static func passwordReset(to email: String, name: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Reset your PrepRoom password",
                     body: "Dear \(name),\n\nSomebody (perhaps you) asked to reset the password of your PrepRoom account. To choose a new password, open this link within \(PasswordResetRules.lifetimeText):\n\n\(link)\n\nThe link works once. If you did not ask, you need do nothing: your password stays as it is." + signOff)
    }

    /// The service approved a registration: the person can sign in.
    public static func registrationApproved(to email: String, name: String, signInURL: String) -> EmailMessage {
        EmailMessage(to: email, subject: "Your PrepRoom account is approved",
                     body: "Dear \(name),\n\nYour registration for PrepRoom is approved. You can sign in now and book courses:\n\n\(signInURL)" + signOff)
    }

    /// The service did not approve a registration, with its reason when staff gave one.
    public static func registrationRejected(to email: String, name: String, reason: String?) -> EmailMessage {
        let why = reason.map { "\n\nThe reason given: \($0)" } ?? ""
        return EmailMessage(to: email, subject: "Your PrepRoom registration was not approved",
                            body: "Dear \(name),\n\nYour registration for PrepRoom was not approved.\(why)\n\nIf you think this is a mistake, reply to this email or contact the service." + signOff)
    }

    /// Sent to the new address: the link that makes it the account's email.
    public static func emailChangeConfirmation(to newEmail: String, name: String, link: String) -> EmailMessage {
        EmailMessage(to: newEmail, subject: "Confirm your new PrepRoom email address",
                     body: "Dear \(name),\n\nTo use this address for your PrepRoom account, open this link within \(PasswordResetRules.lifetimeText) and confirm:\n\n\(link)\n\nUntil then the account keeps its old address. If you did not ask for this, you need do nothing." + signOff)
    }

    /// Sent to the old address, so a change nobody asked for is noticed.
    public static func emailChangeRequested(to oldEmail: String, name: String, newEmail: String) -> EmailMessage {
        EmailMessage(to: oldEmail, subject: "Your PrepRoom email address is being changed",
                     body: "Dear \(name),\n\nSomebody signed in to your PrepRoom account asked to change its email address to \(newEmail). The change happens only when the link sent there is opened. If this was not you, change your password and contact the service." + signOff)
    }

    /// The admins' daily digest: registrations that arrived since the last one.
    public static func registrationsWaiting(to email: String, name: String, people: [(name: String, email: String)],
                                            total: Int, url: String) -> EmailMessage {
        let list = people.map { "- \($0.name) <\($0.email)>" }.joined(separator: "\n")
        return EmailMessage(to: email, subject: "\(Wording.count(people.count, "new registration")) to check",
                            body: "Dear \(name),\n\nThese registrations arrived since yesterday's email:\n\n\(list)\n\n\(Wording.count(total, "registration")) in all \(total == 1 ? "is" : "are") waiting for approval: \(url)" + signOff)
    }
}
