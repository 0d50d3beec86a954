import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// The one search on the real database (both engines: FTS5 and PostgreSQL's text search):
/// stemming, phrases, ranking and marks; each reader finds only what they may read; the
/// index follows every write, including a moderator's and an erasure's; and nothing typed
/// can break the query.
@Suite("Search")
struct SearchTests {
    private func start(_ app: Application, _ token: String, in category: String = "chemistry", _ title: String, _ body: String) async throws -> String {
        let response = try await app.testing().sendRequest(.POST, "/api/v1/community/categories/\(category)/topics", headers: .json(bearer: token),
                                                           body: jsonBody(["title": title, "body": body]))
        #expect(response.status == .created, "\(response.text)")
        return try #require(try response.json()["id"] as? String)
    }

    private func search(_ app: Application, _ query: String, token: String? = nil) async throws -> [[String: Any]] {
        var components = URLComponents()
        components.queryItems = query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            return URLQueryItem(name: parts[0], value: parts.count > 1 ? parts[1] : "")
        }
        let path = "/api/v1/search?" + (components.percentEncodedQuery ?? "")
        let response = try await app.testing().sendRequest(.GET, path, headers: token.map { .bearer($0) } ?? [:])
        #expect(response.status == .ok, "\(path): \(response.text)")
        return try response.json()["items"] as? [[String: Any]] ?? []
    }

    private func titles(_ items: [[String: Any]]) -> [String] { items.compactMap { $0["title"] as? String } }

    @Test func wordsAreStemmedPhrasesKeptInOrderAndMatchesMarked() async throws {
        try await withPrepRoom(seed: true) { app in
            let member = try await token(app, role: .technician, email: "nia@school.sch.uk")
            let topic = try await start(app, member, "Cloudy copper sulfate crystals", "Our crystals come out cloudy after filtering the solution.")
            _ = try await start(app, member, in: "physics", "Storing radioactive sources", "Where do you keep the sealed sources?")

            let crystal = try await search(app, "q=crystal")
            #expect(titles(crystal) == ["Cloudy copper sulfate crystals"], "crystal finds crystals")
            #expect(crystal.first?["url"] as? String == "/community/topics/\(topic.uppercased())#post-1" || crystal.first?["url"] as? String == "/community/topics/\(topic)#post-1")
            #expect((crystal.first?["matches"] as? [String])?.contains("crystals") == true)
            #expect(titles(try await search(app, "q=filtered")).count == 1, "filtered finds filtering")
            #expect(titles(try await search(app, "q=\"copper sulfate\"")).count == 1)
            #expect(titles(try await search(app, "q=\"sulfate copper\"")).isEmpty, "a phrase keeps its order")
            #expect(titles(try await search(app, "q=copper sources")).isEmpty, "every word is needed")

            // The catalogue is in the same search, and the filters narrow it.
            let soldering = try await search(app, "q=soldering")
            #expect(soldering.contains { $0["kind"] as? String == "course" && ($0["url"] as? String)?.hasPrefix("/courses/") == true })
            #expect(try await search(app, "q=soldering&kind=discussion").isEmpty)
            #expect(titles(try await search(app, "q=sources&subject=physics&kind=discussion")) == ["Storing radioactive sources"])
            #expect(try await search(app, "q=sources&subject=chemistry&kind=discussion").isEmpty)

            // The page marks the matches, and what members wrote stays text.
            _ = try await start(app, member, "<script>alert(1)</script> crystal trays", "Plain <b>text</b> about crystal trays.")
            let page = try await app.testing().sendRequest(.GET, "/search?q=crystal").body.string
            #expect(page.contains("<mark>") && page.contains("&lt;script&gt;") && !page.contains("<script>alert"))
        }
    }

    @Test func eachReaderFindsOnlyWhatTheyMayReadAndTheIndexFollowsEveryWrite() async throws {
        try await withPrepRoom { app in
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            let moderator = try await token(app, role: .moderator, email: "mod@sserc.org.uk")
            _ = try await start(app, member, in: "general-safety", "A near miss with the autoclave", "The autoclave lid lifted under pressure.")
            #expect(try await search(app, "q=autoclave").isEmpty, "members-only: not for visitors")
            #expect(try await search(app, "q=autoclave", token: member).count == 1)

            let topic = try await start(app, member, "Mercury thermometers", "Do we still keep mercury thermometers?")
            let reply = try await app.testing().sendRequest(.POST, "/api/v1/community/topics/\(topic)/replies", headers: .json(bearer: member),
                                                            body: jsonBody(["body": "Buy xylophones instead, cheap!"]))
            let replyID = try #require(try reply.json()["id"] as? String)
            #expect(try await search(app, "q=xylophones").count == 1, "a reply is found as soon as it is posted")
            let hidden = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(replyID)/hide", headers: .json(bearer: moderator),
                                                             body: jsonBody(["reason": "Spam"]))
            #expect(hidden.status == .ok)
            #expect(try await search(app, "q=xylophones", token: member).isEmpty, "hidden: gone for members")
            #expect(try await search(app, "q=xylophones", token: moderator).count == 1, "moderators still find it")
            _ = try await app.testing().sendRequest(.POST, "/api/v1/community/posts/\(replyID)/restore", headers: .json(bearer: moderator),
                                                    body: jsonBody(["reason": "Fine after all"]))
            #expect(try await search(app, "q=xylophones").count == 1)

            // An erased member's words leave the index with their posts.
            let leaver = try await makeUser(app, email: "leaver@school.sch.uk", role: .technician)
            _ = try await start(app, try await Tokens.issue(for: leaver, on: app.db), "Zirconium crucibles", "Zirconium crucibles crack in our furnace.")
            #expect(try await search(app, "q=furnace").count == 1)
            _ = try await Privacy(db: app.db, links: Links(base: "https://preproom.example")).erase(leaver, by: nil)
            #expect(try await search(app, "q=furnace").isEmpty)
        }
    }

    @Test func nothingTypedBreaksTheSearchAndBadFiltersAreNamed() async throws {
        try await withPrepRoom { app in
            let member = try await token(app, role: .technician, email: "member@school.sch.uk")
            _ = try await start(app, member, "Copper sulfate NEAR the sink", "Keep copper sulfate OR copper chloride away from drains.")
            for query in ["q=\"", "q=copper\"", "q=NEAR(copper sulfate)", "q=copper*", "q=title:copper", "q=-copper", "q=copper OR", "q=^copper",
                          "q=AND", "q=(", "q=%27%3B DROP TABLE users", "q=ö", "q=\u{E000}copper\u{E001}"] {
                _ = try await search(app, query)
            }
            #expect(titles(try await search(app, "q=copper OR")).count == 1, "OR is a word to find, not an operator")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/search").status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/search?q=copper&kind=everything").status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/search?q=copper&subject=..%2Fetc").status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/search?q=copper&limit=0").status == .unprocessableEntity)
            let empty = try await app.testing().sendRequest(.GET, "/search?q=%22%22")
            #expect(empty.status == .ok && empty.body.string.contains("a \"phrase in quotes\"") || empty.body.string.contains("phrase in quotes"))
            let nothing = try await app.testing().sendRequest(.GET, "/search?q=unobtainium")
            #expect(nothing.body.string.contains("Nothing found for unobtainium") && nothing.body.string.contains("Ask in Techné"))
        }
    }
    /// A word in more entries than `SearchStore.rankedWindow` is ranked among its newest
    /// matches (so a common word stays fast); a rarer one is ranked whole; pages end there.
    @Test func aCommonWordIsRankedAmongItsNewestMatches() async throws {
        try await withPrepRoom { app in
            let author = try await makeUser(app, email: "writer@school.sch.uk", role: .technician)
            let token = try await Tokens.issue(for: author, on: app.db)
            let topic = try #require(UUID(uuidString: try await start(app, token, "Ferrite cores in the physics store", "Where do yours live?")))
            let authorID = try author.requireID()
            let first = try await app.db.writeTransaction { db -> UUID? in
                let start = Date().addingTimeInterval(-86_400)
                var first: UUID?
                for n in 0...SearchStore.rankedWindow {
                    let body = n == 0 ? "Ferrite ferrite ferrite ferrite: keep the magnetite apart." : "Reply \(n) about a ferrite rod."
                    let post = try await CommunityStore.addReply(to: topic, by: authorID, body: body, at: start.addingTimeInterval(Double(n)), on: db)
                    if n == 0 { first = try post?.requireID() }
                }
                return first
            }
            let oldest = try #require(first)
            func hits(_ words: String, page: Int = 1) async throws -> [SearchHit] {
                try await SearchStore.search(try #require(SearchTerms(words)), .init(), for: SearchReader(signedIn: true, moderator: false),
                                             Pagination(page: page, perPage: 20), on: app.db)
            }
            let common = try await hits("ferrite")
            #expect(common.count == 21, "a full page and one more")
            #expect(!common.contains { $0.refID == oldest }, "the best-ranked but oldest of \(SearchStore.rankedWindow + 2) matches is outside the window")
            #expect(try await hits("magnetite").map(\.refID) == [oldest], "a rare word finds it")
            #expect(try await hits("ferrite", page: SearchStore.rankedWindow / 20 + 1).isEmpty, "pages end at the window")
        }
    }
}
