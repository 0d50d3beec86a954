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
