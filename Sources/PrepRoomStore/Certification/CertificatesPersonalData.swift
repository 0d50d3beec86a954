import Fluent
import Foundation
import PrepRoomCore

/// A person's certificates and the reminders sent about them. Employers rely on a
/// certificate's number, so erasure keeps the certificate and its check: the holder's
/// name becomes `Erasure.withheldHolder` wherever the certificate is shown.
extension PersonalDataArea {
    public static let certificates = PersonalDataArea(
        name: "Certificates",
        tables: [Certificate.schema, CertificateReminder.schema],
        export: { subject, db in
            let certificates = try await Certificate.query(on: db).filter(\.$user.$id == subject.id).sort(\.$issuedAt).all()
            let ids = certificates.compactMap(\.id)
            let reminders = ids.isEmpty ? [] : try await CertificateReminder.query(on: db).filter(\.$certificate.$id ~~ ids).sort(\.$sentAt).all()
            let numbers = Dictionary(certificates.compactMap { c in c.id.map { ($0, c.number) } }, uniquingKeysWith: { a, _ in a })
            return [
                PersonalSection(key: "certificates", title: "Certificates",
                                why: "So that you, and anyone you give the number to, can check what you are trained for, and so you are reminded before one lapses.",
                                records: certificates.map {
                                    PersonalRecord([
                                        ("number", $0.number), ("holderName", $0.holderName), ("course", "\($0.courseCode) \($0.courseTitle)"),
                                        ("scqfLevel", $0.scqfLevel.map(String.init)), ("scqfCredits", $0.scqfCredits.map(String.init)),
                                        ("hours", PersonalRecord.text($0.hours)), ("issued", PersonalRecord.text($0.issuedAt)),
                                        ("expires", PersonalRecord.text($0.expiresAt)), ("revoked", PersonalRecord.text($0.revokedAt)),
                                        ("revokedReason", $0.revokedReason),
                                    ])
                                }),
                PersonalSection(key: "certificateReminders", title: "Certificate reminders sent",
                                why: "So each reminder is sent once.",
                                records: reminders.map {
                                    PersonalRecord([("certificate", numbers[$0.$certificate.id]), ("reminder", $0.kind), ("sent", PersonalRecord.text($0.sentAt))])
                                }),
            ]
        },
        erase: { subject, _, db in
            try await Certificate.query(on: db).filter(\.$user.$id == subject.id).set(\.$holderName, to: Erasure.withheldHolder).update()
            let revoked = try await Certificate.query(on: db).filter(\.$user.$id == subject.id).filter(\.$revokedReason != nil).all()
            for certificate in revoked {
                let reason = certificate.revokedReason.map { Erasure.scrub($0, name: subject.name, email: subject.email) }
                if reason != certificate.revokedReason { certificate.revokedReason = reason; try await certificate.save(on: db) }
            }
        })
}
