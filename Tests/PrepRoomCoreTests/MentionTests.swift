import XCTest
@testable import PrepRoomCore

/// `@mentions`: what counts as one, and whose name a handle is.
final class MentionTests: XCTestCase {
    func testHandlesAreNamesRunTogether() {
        XCTAssertEqual(Mentions.handle(forName: "Nia New"), "NiaNew")
        XCTAssertEqual(Mentions.handle(forName: "Morag Quennell-Fictional"), "MoragQuennellFictional")
        XCTAssertEqual(Mentions.handle(forName: "Seán O'Neil"), "SeánONeil")
        XCTAssertTrue(Mentions.matches("nianew", name: "Nia New"))
        XCTAssertFalse(Mentions.matches("nia", name: "Nia New"))
    }

    func testMentionsAreFoundOnceEachAndAddressesAreNot() {
        XCTAssertEqual(Mentions.handles(in: "Thanks @NiaNew and @olwenOldhand; @NiaNew again."), ["nianew", "olwenoldhand"])
        XCTAssertEqual(Mentions.handles(in: "Write to jo@school.sch.uk or @J"), [], "an address is not a mention, nor a one-letter handle")
        XCTAssertEqual(Mentions.handles(in: "(@SeánONeil) @"), ["seánoneil"])
        XCTAssertEqual(Mentions.handles(in: "@@Twice"), ["twice"])
        let many = (0..<30).map { "@person\($0)" }.joined(separator: " ")
        XCTAssertEqual(Mentions.handles(in: many).count, Mentions.mostPerPost, "a long list is a broadcast: only the first ten")
    }

    func testTheNamePatternIsANarrowSupersetOfTheHandle() {
        XCTAssertEqual(Mentions.namePattern("nianew"), "%n%i%a%n%e%w%")
        XCTAssertEqual(Mentions.namePattern("seán"), "%s%e%_%n%", "letters outside ASCII stand as any one character")
    }
}

/// What is typed into the search becomes words and phrases, never query syntax.
final class SearchTermsTests: XCTestCase {
    func testWordsAndPhrases() throws {
        let terms = try XCTUnwrap(SearchTerms("Copper \"sulfate crystals\" copper"))
        XCTAssertEqual(terms.parts, [["copper"], ["sulfate", "crystals"]])
        XCTAssertEqual(terms.query, "\"copper\" \"sulfate crystals\"")
        XCTAssertEqual(terms.text, "copper \"sulfate crystals\"")
    }

    func testSyntaxIsOnlyWords() throws {
        XCTAssertEqual(try XCTUnwrap(SearchTerms("NEAR(copper* -title:sulfate) OR")).query, "\"near\" \"copper\" \"title\" \"sulfate\" \"or\"")
        XCTAssertEqual(try XCTUnwrap(SearchTerms("copper\"")).query, "\"copper\"", "an unclosed quote")
        XCTAssertNil(SearchTerms("\"\" *** ()"))
        XCTAssertNil(SearchTerms(nil))
        XCTAssertEqual(SearchTerms((0..<30).map { "w\($0)" }.joined(separator: " "))?.parts.count, SearchTerms.mostParts)
    }

    func testMarksSplitIntoRuns() {
        let runs = SearchMarks.runs("a \u{E000}b\u{E001} c")
        XCTAssertEqual(runs.map(\.text), ["a ", "b", " c"])
        XCTAssertEqual(runs.map(\.match), [false, true, false])
        XCTAssertEqual(SearchMarks.plain("a \u{E000}b\u{E001} c"), "a b c")
    }
}
