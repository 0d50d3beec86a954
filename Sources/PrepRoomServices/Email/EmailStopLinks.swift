import Crypto
import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// The one-click "stop these emails" address in every optional email. It names the person
/// and the kind of email, signed with a key every instance reads from the database
/// (created by the first instance that needs it), so the link works without signing in,
/// on whichever instance answers, and cannot be made for someone else or another kind.
package struct EmailStopLinks: Sendable {
    static let settingKey = "email_stop_links_key"
    private let key: SymmetricKey
    private let links: Links

    package static func load(db: any Database, links: Links) async throws -> EmailStopLinks {
        let fresh = Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }).base64EncodedString()
        let stored = try await SettingStore.value(settingKey, storingIfMissing: fresh, on: db)
        return EmailStopLinks(key: SymmetricKey(data: Data(base64Encoded: stored) ?? Data(stored.utf8)), links: links)
    }

    private init(key: SymmetricKey, links: Links) { self.key = key; self.links = links }

    /// 128 bits of HMAC-SHA256 over the person and the kind, in base64url.
    func signature(_ userID: UUID, _ kind: OptionalEmail) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("stop|\(userID.uuidString)|\(kind.rawValue)".utf8), using: key)
        return Secrets.base64URL(Array(mac).prefix(16))
    }

    package func url(_ userID: UUID, _ kind: OptionalEmail) -> String {
        links.absolute(.stopEmails(userID: userID, kind: kind.rawValue, signature: signature(userID, kind)))
    }

    /// Whether `signature` is this service's for the person and kind.
    package func isGenuine(_ userID: UUID, _ kind: OptionalEmail, _ signature: String) -> Bool {
        Secrets.same(signature, self.signature(userID, kind))
    }
}
