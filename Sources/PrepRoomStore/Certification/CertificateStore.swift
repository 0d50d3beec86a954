import Fluent
import Foundation
import PrepRoomCore

/// Queries about the certificates people hold.
public enum CertificateStore {
    /// Course codes of which the person holds or held a certificate (revoked ones excluded):
    /// what a course's prerequisites are checked against.
    public static func certificatedCourseCodes(userID: UUID, on db: any Database) async throws -> Set<String> {
        Set(try await Certificate.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .field(\.$courseCode).all().map(\.courseCode))
    }
}
