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
}
