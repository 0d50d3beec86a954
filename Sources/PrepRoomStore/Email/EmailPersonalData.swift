import Fluent
import Foundation
import PrepRoomCore

/// The emails sent (or waiting to be sent) to a person. Erasure deletes them, and takes the
/// person's name and address out of emails to other people that mention them (the admins'
/// registration digest, a notice to an old address).
extension PersonalDataArea {
    public static let emails = PersonalDataArea(
        name: "Emails",
        tables: [OutboxMessage.schema],
        export: { subject, db in
            let messages = try await OutboxMessage.query(on: db).filter(\.$recipient == subject.email).sort(\.$createdAt).all()
            return [PersonalSection(key: "emails", title: "Emails to you",
                                    why: "Confirmations, reminders and notices the service sent you, kept so a failed one can be sent again.",
                                    records: messages.map {
                                        PersonalRecord([("to", $0.recipient), ("subject", $0.subject), ("queued", PersonalRecord.text($0.createdAt)),
                                                        ("sent", PersonalRecord.text($0.sentAt)), ("text", $0.body)])
                                    })]
        },
        erase: { subject, _, db in
            try await OutboxMessage.query(on: db).filter(\.$recipient == subject.email).delete()
            try await Erasure.scrub(OutboxMessage.self, \.$subject, of: subject, on: db)
            try await Erasure.scrub(OutboxMessage.self, \.$body, of: subject, on: db)
        })
}
