import Foundation

/// The Scottish Technicians' Advisory Council (STAC): one seat for each local authority,
/// and one each for SCIS and Jordanhill School (the member bodies), advising the service
/// on technicians' professional learning (objective T4). Its meetings' agendas and minutes
/// are published to members; a technician writes to their own representative.
public enum CouncilRules {
    /// Managers (and admins) run the service's side of the council: seats and meetings.
    public static func mayManage(_ permissions: Permissions) -> Bool { permissions.has(.manager) }

    public static let titleLength = 8...TextLimit.title

    public static func meetingProblems(title: String?, heldOn: Date?, agenda: String?) -> [FieldError] {
        var problems: [FieldError] = []
        if !titleLength.contains((title ?? "").trimmed.count) {
            problems.append(FieldError("title", "Give the meeting a title of \(titleLength.lowerBound) to \(titleLength.upperBound) characters"))
        }
        if heldOn == nil { problems.append(FieldError("heldOn", "Give the day of the meeting, like 2027-03-10")) }
        if (agenda ?? "").trimmed.isEmpty { problems.append(FieldError("agenda", "Write the agenda")) }
        return problems
    }

    /// A letter to a representative says something, and not a book.
    public static func letterProblems(_ text: String?) -> [FieldError] {
        let text = (text ?? "").trimmed
        if text.isEmpty { return [FieldError("body", "Write your message")] }
        if text.count > 5_000 { return [FieldError("body", "Keep the message to 5,000 characters")] }
        return []
    }
}

/// The emails the council sends.
public enum CouncilNotices {
    /// A technician's message to their representative, with the address to answer them at.
    public static func letter(to email: String, name: String, from sender: String, senderEmail: String, organisation: String, body: String) -> EmailMessage {
        EmailMessage(to: email, subject: "STAC: a message from \(sender)",
                     body: "Dear \(name),\n\n\(sender), a member in \(organisation), wrote to you as their STAC representative through PrepRoom:\n\n\(body)\n\nReply to them at \(senderEmail)." + EmailMessage.signOff)
    }

    /// To the new holder of a seat.
    public static func seatTaken(to email: String, name: String, organisation: String, link: String) -> EmailMessage {
        EmailMessage(to: email, subject: "You represent \(organisation) on STAC",
                     body: "Dear \(name),\n\nYou are now the STAC representative for \(organisation). Members there can write to you through PrepRoom, and the council's agendas and minutes are here: \(link)" + EmailMessage.signOff)
    }
}
