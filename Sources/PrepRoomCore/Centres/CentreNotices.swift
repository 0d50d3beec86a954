import Foundation

/// The wording of messages about centres.
public enum CentreNotices {
    private static let signOff = EmailMessage.signOff

    public static func statusChanged(to email: String, centre: String, status: CentreStatus, reason: String?) -> EmailMessage {
        let what: String = switch status {
        case .approved: "\(centre) is now an approved Accredited Centre. Its coordinator can schedule runs of the courses the centre is approved for."
        case .rejected: "The application from \(centre) to become an Accredited Centre has not been accepted."
        case .suspended: "\(centre) is suspended as an Accredited Centre: it cannot schedule runs until the service reinstates it."
        case .withdrawn: "\(centre) is no longer an Accredited Centre."
        case .applicant: "\(centre)'s application has been received."
        }
        return EmailMessage(to: email, subject: "\(centre): \(status.label)",
                            body: what + (reason.map { "\n\nReason: \($0)" } ?? "") + signOff)
    }
}
