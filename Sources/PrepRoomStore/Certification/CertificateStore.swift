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
    /// name it): two fixed statements, as Fluent's eager load makes, without writing a
    /// Fluent query out on every visit to My certificates.
    public static func held(by userID: UUID, on db: any Database) async throws -> [Certificate] {
        let sql = db as! any SQLDatabase
        let certificates = try await sql.models(Certificate.self, """
            SELECT * FROM certificates WHERE user_id = \(bind: userID) ORDER BY issued_at DESC
            """)
        return try await withCentres(certificates, on: sql)
    }

    /// The certificate of this number (already normalised), with its centre: what anyone
    /// checking a certificate opens, read by fixed statements.
    public static func find(number: String, on db: any Database) async throws -> Certificate? {
        let sql = db as! any SQLDatabase
        guard let certificate = try await sql.model(Certificate.self, "SELECT * FROM certificates WHERE number = \(bind: number)") else { return nil }
        return try await withCentres([certificate], on: sql).first
    }

    /// Sets each certificate's delivering centre, as Fluent's eager load would.
    private static func withCentres(_ certificates: [Certificate], on sql: any SQLDatabase) async throws -> [Certificate] {
        let centres = try await sql.models(Centre.self, ids: certificates.compactMap { $0.$centre.id })
        for certificate in certificates { certificate.$centre.value = certificate.$centre.id.map { centres[$0] } }
        return certificates
    }

    /// The certificate numbers a run issued, by booking: what its delegates page shows once
    /// it is closed.
    public static func numbers(issuedFor runID: UUID, on db: any Database) async throws -> [UUID: String] {
        struct Row: Decodable { var bookingId: UUID, number: String }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT booking_id, number FROM certificates WHERE run_id = \(bind: runID) AND booking_id IS NOT NULL
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(rows.map { ($0.bookingId, $0.number) }, uniquingKeysWith: { first, _ in first })
    }
}
