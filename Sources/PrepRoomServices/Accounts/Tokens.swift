import Crypto
import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Bearer tokens: random 32 bytes shown once; only their digest is stored. They expire,
/// and their holder lists and revokes them (`/me/security`, `/api/v1/tokens`).
package enum Tokens {
    package static let lifetime: TimeInterval = 30 * 86_400

    package static func digest(_ token: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(token.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// 32 random bytes, URL-safe base64: for tokens, session and device cookies.
    package static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return Secrets.base64URL((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    package static func issue(for user: User, label: String? = nil, on db: any Database) async throws -> String {
        let token = random()
        try await UserToken(digest: digest(token), userID: user.requireID(), expiresAt: Date().addingTimeInterval(lifetime), label: label)
            .create(on: db)
        return token
    }

    /// The approved account a token belongs to, if the token is live.
    package static func user(for token: String, on db: any Database) async throws -> User? {
        guard token.count <= 64 else { return nil }
        return try await UserStore.approvedUser(tokenDigest: digest(token), now: Date(), on: db)
    }

    /// Revokes one of the person's own tokens; 404 for any other id, theirs or not, so
    /// nobody learns which ids exist.
    package static func revoke(_ id: UUID?, of user: User, on db: any Database) async throws {
        guard let id, let token = try await UserToken.query(on: db).filter(\.$id == id).filter(\.$user.$id == user.requireID()).first()
        else { throw ServiceError.notFound("token") }
        try await token.delete(on: db)
    }

    /// The person's live tokens, newest first.
    package static func live(of user: User, on db: any Database) async throws -> [UserToken] {
        try await UserStore.liveTokens(of: user.requireID(), now: Date(), on: db)
    }
}
