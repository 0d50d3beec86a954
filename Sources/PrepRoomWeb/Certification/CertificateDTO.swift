import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct CertificateDTO: Content {
    var number: String
    var valid: Bool
    var standing: String
    var holderName: String
    var courseCode: String
    var courseTitle: String
    var scqfLevel: Int?
    var scqfCredits: Int?
    var issuedAt: Date
    var expiresAt: Date?
    var revokedAt: Date?
    var revokedReason: String?
    var centreName: String?

    init(_ certificate: Certificate, now: Date = Date()) {
        number = certificate.number
        let standing = certificate.standing(now: now)
        valid = standing == .current || standing == .expiringSoon
        self.standing = standing.rawValue
        holderName = certificate.holderName; courseCode = certificate.courseCode; courseTitle = certificate.courseTitle
        scqfLevel = certificate.scqfLevel; scqfCredits = certificate.scqfCredits
        issuedAt = certificate.issuedAt; expiresAt = certificate.expiresAt
        revokedAt = certificate.revokedAt; revokedReason = certificate.revokedReason
        centreName = certificate.$centre.value??.name
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number); try container.encode(valid, forKey: .valid)
        try container.encode(standing, forKey: .standing); try container.encode(holderName, forKey: .holderName)
        try container.encode(courseCode, forKey: .courseCode); try container.encode(courseTitle, forKey: .courseTitle)
        try container.encode(scqfLevel, forKey: .scqfLevel); try container.encode(scqfCredits, forKey: .scqfCredits)
        try container.encode(issuedAt, forKey: .issuedAt); try container.encode(expiresAt, forKey: .expiresAt)
        try container.encode(revokedAt, forKey: .revokedAt); try container.encode(revokedReason, forKey: .revokedReason)
        try container.encode(centreName, forKey: .centreName)
    }
}
