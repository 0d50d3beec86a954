import Foundation
import PrepRoomCore
import Testing

@Suite("Privacy rules: the ZIP writer, erasure's wording and the inactivity rule")
struct PrivacyRulesTests {
    @Test func crc32MatchesTheStandardCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([]) == 0)
    }

    /// Read back by Python's zipfile, an independent reader, which checks every CRC.
    @Test func aZipOpensElsewhereWithItsFilesIntact() throws {
        var archive = ZipArchive(modified: Date(timeIntervalSince1970: 1_765_000_000))
        try archive.add(.init(name: "data/index.html", text: "<p>Caf\u{E9} \u{2014} n\u{E4}me</p>"))
        try archive.add(.init(name: "data/empty.json", text: ""))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString).zip")
        try Data(try archive.bytes()).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            for i in z.infolist(): print(i.filename, i.file_size, i.date_time[0], z.read(i).decode("utf-8"))
            """, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(output == "data/index.html 22 2025 <p>Caf\u{E9} \u{2014} n\u{E4}me</p>\ndata/empty.json 0 2025 \n")
    }

    @Test func namesThatWouldUnpackOutsideTheFolderAreRefused() {
        for name in ["", "/etc/passwd", "../up", "a/../../b", "a\\b", "a//b", "./a"] {
            var archive = ZipArchive(modified: Date())
            #expect(throws: ZipArchive.Problem.badName(name)) { try archive.add(.init(name: name, text: "x")) }
        }
    }

    @Test func scrubbingTakesOutTheAddressInAnyCaseAndTheNameAsWholeWords() {
        let name = "Ann Smith", email = "ann.smith@school.sch.uk"
        #expect(Erasure.scrub("New registration: Ann Smith <Ann.Smith@School.sch.uk>", name: name, email: email)
                == "New registration: [erased] <[erased]>")
        #expect(Erasure.scrub("ANN SMITH asked", name: name, email: email) == "[erased] asked")
        #expect(Erasure.scrub("Annual report by Ann Smithson", name: name, email: email) == "Annual report by Ann Smithson")
        #expect(!Erasure.mentions("Annual report", name: "Ann", email: email))
        #expect(Erasure.mentions("from Ann, today", name: "Ann", email: email))
        #expect(Erasure.scrub("a (b) $1", name: "(b) $1", email: "x@y.z") == "a [erased]", "regex characters in a name are literal")
        #expect(Erasure.placeholderEmail(for: UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!)
                == "erased-6f9619ff-8b86-d011-b42d-00c04fc964ff@erased.invalid")
    }

    @Test func inactivityCountsFromTheLastSignInOrRegistration() {
        #expect(InactivityRule(months: 5) == nil)
        #expect(InactivityRule(months: 241) == nil)
        #expect(InactivityRule.standard.months == 36)
        let now = Date()
        let rule = InactivityRule(months: 12)!
        let longAgo = now.addingTimeInterval(-400 * 86_400), recently = now.addingTimeInterval(-30 * 86_400)
        #expect(rule.isInactive(lastSignedIn: longAgo, registered: longAgo, now: now))
        #expect(!rule.isInactive(lastSignedIn: recently, registered: longAgo, now: now))
        #expect(rule.isInactive(lastSignedIn: nil, registered: longAgo, now: now))
        #expect(!rule.isInactive(lastSignedIn: nil, registered: recently, now: now))
        #expect(!rule.isInactive(lastSignedIn: nil, registered: nil, now: now))
        #expect(rule.cutoff(now: now) < now.addingTimeInterval(-364 * 86_400) && rule.cutoff(now: now) > now.addingTimeInterval(-367 * 86_400))
    }
}
