import Fluent
import Foundation
import PrepRoomCore
import SQLKit

/// Queries about the certificates people hold.
public enum CertificateStore {
    /// Course codes of which the person holds or held a certificate (revoked ones excluded):
    /// what a course's prerequisites are checked against.
    public static func certificatedCourseCodes(userID: UUID, on db: any Database) async throws -> Set<String> {
        Set(try await Certificate.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .field(\.$courseCode).all().map(\.courseCode))
    }

    /// A person's certificates, newest first, each with its delivering centre (the pages
    /// name it): one fixed statement, without writing a Fluent query out on every visit to
    /// My certificates and My page.
    public static func held(by userID: UUID, on db: any Database) async throws -> [Certificate] {
        try await (db as! any SQLDatabase).raw("""
            SELECT t.*, \(parent: Centre.self, as: "k") FROM certificates t LEFT JOIN centres k ON k.id = t.centre_id
            WHERE t.user_id = \(bind: userID) ORDER BY t.issued_at DESC
            """).all().map(withCentre)
    }

    /// The certificate of this number (already normalised), with its centre: what anyone
    /// checking a certificate opens, read by one fixed statement.
    public static func find(number: String, on db: any Database) async throws -> Certificate? {
        try await (db as! any SQLDatabase).raw("""
            SELECT t.*, \(parent: Centre.self, as: "k") FROM certificates t LEFT JOIN centres k ON k.id = t.centre_id
            WHERE t.number = \(bind: number)
            """).first().map(withCentre)
    }

    /// A certificate and its delivering centre (if any) from one row, as Fluent's eager load
    /// would set them.
    private static func withCentre(_ row: any SQLRow) throws -> Certificate {
        let certificate = try row.decode(fluentModel: Certificate.self)
        if certificate.$centre.id != nil {
            certificate.$centre.value = .some(try row.decodeNil(column: "k_id") ? nil : try row.decode(fluentModel: Centre.self, prefix: "k"))
        }
        return certificate
    }

    /// The certificate numbers a run issued, by booking: what its delegates page shows once
    /// it is closed.
    public static func numbers(issuedFor runID: UUID, on db: any Database) async throws -> [UUID: String] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT booking_id, number FROM certificates WHERE run_id = \(bind: runID) AND booking_id IS NOT NULL
            """).all()
        return Dictionary(try rows.map { (try $0.decode(column: "booking_id", as: UUID.self), try $0.decode(column: "number", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }
}
