import XCTest
@testable import PrepRoomCore

final class CertificateRulesTests: XCTestCase {
    func testNumbersAreLongRandomAndReadable() {
        var numbers = Set<String>()
        for _ in 0..<1000 { numbers.insert(CertificateRules.newNumber()) }
        XCTAssertEqual(numbers.count, 1000)
        let number = numbers.first!
        XCTAssertEqual(number.count, 22)
        XCTAssertTrue(number.hasPrefix("PR-"))
        XCTAssertFalse(number.dropFirst(3).contains { "ILOU".contains($0) })
        XCTAssertEqual(CertificateRules.normalise(" pr-7kq2-m9xd-4twa-h3oi "), "PR-7KQ2-M9XD-4TWA-H301")
        for typed in ["PR7KQ2M9XD4TWAH3N8", "pr 7kq2 m9xd 4twa h3n8", "7KQ2-M9XD-4TWA-H3N8", "PR\u{2013}7KQ2\u{2013}M9XD\u{2013}4TWA\u{2013}H3N8",
                      "PR-7KQ-2M9-XD4-TWAH3N8"] {
            XCTAssertEqual(CertificateRules.normalise(typed), "PR-7KQ2-M9XD-4TWA-H3N8", typed)
        }
        XCTAssertEqual(CertificateRules.normalise("pr-123"), "PR123", "too short: compacted, matches nothing")
        XCTAssertEqual(CertificateRules.normalise("PRO-OOOO"), "PROOOOO", "no mapping outside a full number")
        XCTAssertEqual(CertificateRules.normalise(""), "")
    }

    func testExpiryStandingAndReminders() {
        let issued = ServiceTime.london(2024, 9, 4, 16)
        let expires = CertificateRules.expiry(issuedAt: issued, validityMonths: 36)!
        XCTAssertEqual(ServiceTime.isoDay(expires), "2027-09-04")
        XCTAssertNil(CertificateRules.expiry(issuedAt: issued, validityMonths: nil))
        let day = 86_400.0
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: false, now: expires.addingTimeInterval(-100 * day)), .current)
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: false, now: expires.addingTimeInterval(-89 * day)), .expiringSoon)
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: false, now: expires), .expired)
        XCTAssertEqual(CertificateRules.standing(expiresAt: expires, revoked: true, now: issued), .revoked)
        func due(_ daysLeft: Double, _ sent: Set<CertificateRules.Reminder> = []) -> [CertificateRules.Reminder] {
            CertificateRules.dueReminders(expiresAt: expires, revoked: false, alreadySent: sent, now: expires.addingTimeInterval(-daysLeft * day))
        }
        XCTAssertEqual(due(91), [])
        XCTAssertEqual(due(90), [.ninetyDays])
        XCTAssertEqual(due(60, [.ninetyDays]), [])
        XCTAssertEqual(due(30, [.ninetyDays]), [.thirtyDays])
        XCTAssertEqual(due(10), [.thirtyDays], "a late first run sends only the nearer one")
        XCTAssertEqual(due(10, [.thirtyDays]), [])
        XCTAssertEqual(due(-1), [])
    }

    func testACertificateIsRenewedByALongerOneOfTheSameCourseOnly() {
        let now = ServiceTime.london(2026, 11, 23, 12)
        let lapsing = CertificateRules.Held(courseCode: "safe-use", expiresAt: now.addingTimeInterval(30 * 86_400), revoked: false)
        func renewed(by other: CertificateRules.Held) -> Bool { CertificateRules.isRenewed(lapsing, among: [lapsing, other]) }
        XCTAssertFalse(CertificateRules.isRenewed(lapsing, among: [lapsing]), "not by itself")
        XCTAssertTrue(renewed(by: .init(courseCode: "safe-use", expiresAt: now.addingTimeInterval(1_000 * 86_400), revoked: false)))
        XCTAssertTrue(renewed(by: .init(courseCode: "safe-use", expiresAt: nil, revoked: false)), "one that never expires")
        XCTAssertFalse(renewed(by: .init(courseCode: "safe-use", expiresAt: now.addingTimeInterval(1_000 * 86_400), revoked: true)), "a revoked one does not count")
        XCTAssertFalse(renewed(by: .init(courseCode: "safe-use", expiresAt: now.addingTimeInterval(10 * 86_400), revoked: false)), "an older one does not count")
        XCTAssertFalse(renewed(by: .init(courseCode: "soldering", expiresAt: nil, revoked: false)), "another course does not count")

        XCTAssertTrue(CertificateRules.isDueForRenewal(lapsing, among: [lapsing], now: now))
        let expired = CertificateRules.Held(courseCode: "safe-use", expiresAt: now.addingTimeInterval(-5 * 86_400), revoked: false)
        XCTAssertTrue(CertificateRules.isDueForRenewal(expired, among: [expired], now: now))
        let current = CertificateRules.Held(courseCode: "safe-use", expiresAt: now.addingTimeInterval(400 * 86_400), revoked: false)
        XCTAssertFalse(CertificateRules.isDueForRenewal(current, among: [current], now: now))
        XCTAssertFalse(CertificateRules.isDueForRenewal(lapsing, among: [lapsing, current], now: now), "renewed already")
    }
}

final class QRCodeMatrixTests: XCTestCase {
    /// A 21-module square as qrencode draws it: two characters a module.
    private func drawing(_ dark: (Int, Int) -> Bool, size: Int = 21) -> String {
        (0..<size).map { y in (0..<size).map { x in dark(x, y) ? "##" : "  " }.joined() }.joined(separator: "\n") + "\n"
    }

    func testReadsTheModulesAndJoinsARowsRunsIntoOnePath() throws {
        let matrix = try XCTUnwrap(QRCodeMatrix(qrencodeASCII: "\n" + drawing { x, y in y == 0 && x < 3 || (x == 5 && y == 2) }))
        XCTAssertEqual(matrix.size, 21)
        XCTAssertEqual(matrix.rows[0].prefix(4), [true, true, true, false])
        XCTAssertTrue(matrix.rows[2][5])
        XCTAssertEqual(matrix.svgPath, "M0 0h3v1h-3zM5 2h1v1h-1z")
    }

    func testRefusesWhatIsNotASquareOfModules() {
        XCTAssertNil(QRCodeMatrix(qrencodeASCII: ""))
        XCTAssertNil(QRCodeMatrix(qrencodeASCII: drawing { _, _ in false }), "no dark module")
        XCTAssertNil(QRCodeMatrix(qrencodeASCII: drawing({ x, _ in x == 0 }, size: 20)), "smaller than version 1")
        XCTAssertNil(QRCodeMatrix(qrencodeASCII: drawing { x, _ in x == 0 }.replacingOccurrences(of: "##", with: "#@")))
        XCTAssertNil(QRCodeMatrix(qrencodeASCII: drawing { x, _ in x == 0 } + "##\n"), "a short row")
        XCTAssertNil(QRCodeMatrix(qrencodeASCII: "#" + drawing { x, _ in x == 0 }), "an odd row")
    }
}
