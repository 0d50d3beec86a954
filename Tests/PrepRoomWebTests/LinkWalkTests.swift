import Fluent
import Foundation
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
@testable import PrepRoomWeb
import Testing
import VaporTesting

/// Follows the links of the site as each kind of person sees it, on the demo data, and
/// checks that every link, form and asset on every page reached leads somewhere: a
/// route with that method, or a file in `Public/`; and that no page a person is linked to
/// refuses them (403) or is missing (404). Paths are built by `SiteURL`; this is
/// what keeps them and the routes from drifting apart.
@Suite("Every link on the site is routed")
struct LinkWalkTests {
    struct Link: Equatable {
        var method: HTTPMethod
        var path: String
    }

    /// Links, forms (with their method) and assets of a page. Attribute values come
    /// HTML-escaped; `&amp;` is the only entity a path of ours can hold.
    static func links(in html: String) -> [Link] {
        func matches(_ pattern: String) -> [[String]] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return [] }
            return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
                (1..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: html).map { String(html[$0]) } ?? ""
                }
            }
        }
        var found: [Link] = []
        for groups in matches(#"<(?:a|link)\b[^>]*\bhref="([^"]*)""#) { found.append(Link(method: .GET, path: groups[0])) }
        for groups in matches(#"<(?:script|img)\b[^>]*\bsrc="([^"]*)""#) { found.append(Link(method: .GET, path: groups[0])) }
        for groups in matches(#"<form\b([^>]*)>"#) {
            let attributes = groups[0]
            let action = attributes.firstMatch(of: /action="([^"]*)"/).map { String($0.1) } ?? ""
            let method = attributes.firstMatch(of: /method="([^"]*)"/).map { String($0.1).uppercased() } ?? "GET"
            found.append(Link(method: method == "POST" ? .POST : .GET, path: action))
        }
        return found.map { Link(method: $0.method, path: $0.path.replacingOccurrences(of: "&amp;", with: "&")) }
    }

    /// The path of a link on our own site, without query or fragment; nil for other sites,
    /// `mailto:` and in-page anchors. An empty form action posts back to the page itself.
    static func ownPath(_ link: String, on page: String) -> String? {
        if link.isEmpty { return page }
        if link.hasPrefix("#") || link.hasPrefix("mailto:") || link.hasPrefix("tel:") { return nil }
        if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("//") { return nil }
        guard link.hasPrefix("/") else { return "invalid relative link: \(link)" }
        return String(link.prefix { $0 != "?" && $0 != "#" })
    }

    /// The route answering `method path`, as the router would choose it.
    static func route(for method: HTTPMethod, _ path: String, in routes: [Route]) -> Route? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0.removingPercentEncoding ?? String($0) }
        let parts = segments.last == "" && segments.count > 1 ? Array(segments.dropLast()) : segments
        return routes.first { route in
            guard route.method == method else { return false }
            let components = route.path
            if components.isEmpty { return parts == [""] || parts.isEmpty }
            for (index, component) in components.enumerated() {
                switch component {
                case .catchall: return index < parts.count
                case .anything, .parameter: if index >= parts.count || parts[index].isEmpty { return false }
                case .constant(let text): if index >= parts.count || parts[index] != text { return false }
                }
            }
            return components.count == parts.count
        }
    }

    static func isPublicFile(_ path: String) -> Bool {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return FileManager.default.fileExists(atPath: root.appendingPathComponent("Public").appendingPathComponent(path).path)
    }

    /// Walks from the home page and the person's own pages, at most `limit` pages, at most
    /// three pages of any one route (the demo has 42 runs: three show what a run page links to).
    static func walk(_ browser: Browser, from start: [String], limit: Int = 90) async throws -> (broken: [String], pages: Int) {
        let routes = browser.app.routes.all
        var queue = start, seen = Set(start), perRoute: [String: Int] = [:], broken: Set<String> = [], pages = 0
        var linkedFrom: [String: String] = [:]
        while !queue.isEmpty, pages < limit {
            let page = queue.removeFirst()
            let response = try await browser.get(page)
            pages += 1
            if response.status.code >= 500 { broken.insert("GET \(page) answered \(response.status.code)") }
            // A start page may refuse the role; a page the role was linked to must not.
            if let referrer = linkedFrom[page], response.status == .forbidden || response.status == .notFound {
                broken.insert("GET \(page), linked from \(referrer), answered \(response.status.code)")
            }
            guard response.headers.contentType?.subType == "html" else { continue }
            for link in links(in: response.body.string) {
                guard let path = ownPath(link.path, on: page) else { continue }
                if path.hasPrefix("invalid") { broken.insert("\(path) on \(page)"); continue }
                if link.method == .GET, isPublicFile(path) { continue }
                guard let route = route(for: link.method, path, in: routes) else {
                    broken.insert("\(link.method) \(link.path) on \(page) has no route")
                    continue
                }
                let key = route.path.map(\.description).joined(separator: "/")
                guard link.method == .GET, !link.path.contains(".csv"), !link.path.contains(".ics"),
                      !link.path.hasPrefix("/api/"), seen.insert(link.path).inserted,
                      perRoute[key, default: 0] < 3 else { continue }
                perRoute[key, default: 0] += 1
                linkedFrom[link.path] = page
                queue.append(link.path)
            }
        }
        return (broken.sorted(), pages)
    }

    @Test func theMatcherTellsRoutedFromUnroutedPaths() async throws {
        try await withPrepRoom { app in
            let routes = app.routes.all
            let run = UUID()
            #expect(Self.route(for: .GET, SiteURL.run(run).path, in: routes) != nil)
            #expect(Self.route(for: .POST, SiteURL.run(run, .book).path, in: routes) != nil)
            #expect(Self.route(for: .GET, "/runs/", in: routes) == nil, "a run link without an id")
            #expect(Self.route(for: .GET, "/runs/\(run.uuidString)/nowhere", in: routes) == nil)
            #expect(Self.route(for: .DELETE, SiteURL.run(run).path, in: routes) == nil)
            #expect(Self.links(in: #"<a class="x" href="/a?b=1&amp;c=2">x</a><form method="post" action="/f"></form>"#)
                    == [Link(method: .GET, path: "/a?b=1&c=2"), Link(method: .POST, path: "/f")])
        }
    }

    @Test func pathsAreBuiltFromTypedValuesAndEncoded() async throws {
        let run = try #require(UUID(uuidString: "5B0B7F4E-8C1D-4D5E-9A57-2C3B1E0F6A11"))
        #expect(SiteURL.run(run, .delegatesCSV).path == "/runs/5B0B7F4E-8C1D-4D5E-9A57-2C3B1E0F6A11/delegates.csv")
        #expect(SiteURL.course(code: "a/b?c#d").path == "/courses/a%2Fb%3Fc%23d", "a typed code cannot reach another route")
        #expect(SiteURL.signIn(next: "/runs/x?y=1&z").path == "/sign-in?next=%2Fruns%2Fx%3Fy%3D1%26z")
        #expect(SiteURL.staff(.audit(action: "booking.made")).adding(query: [("page", "2")]) == "/staff/audit?action=booking.made&page=2")
        #expect(SiteURL.courses().path == "/courses" && SiteURL.courses(.init(certificated: true)).path == "/courses?certificated=true")
        // A model not yet saved links to no page at all, never to a list or another page.
        try await withPrepRoom { app in
            let unsaved = Centre()
            let response = try await app.testing().sendRequest(.GET, SiteURL.centre(unsaved.linkID).path)
            #expect(response.status == .notFound)
        }
    }

    @Test func everyoneFindsOnlyRoutedLinks() async throws {
        try await withPrepRoom(seed: true) { app in
            let centre = try #require(try await CentreStore.list(status: .approved, on: app.db).first)
            let authority = try #require(try await Organisation.query(on: app.db).filter(\.$kind == .localAuthority).first())
            let people: [(Role, UUID?, UUID?)] = [
                (.technician, nil, nil), (.courseAdmin, nil, nil), (.centreCoordinator, try centre.requireID(), nil),
                (.verifier, nil, nil), (.manager, nil, nil), (.laManager, nil, try authority.requireID()), (.admin, nil, nil),
            ]
            let anyone = Browser(app)
            var (broken, pages) = try await Self.walk(anyone, from: [SiteURL.home.path, SiteURL.verify.path, SiteURL.register.path])
            #expect(pages > 20, "the walk reached the public pages")
            for (role, centreID, organisationID) in people {
                let email = "\(role.rawValue)@walk.example.org"
                try await makeUser(app, email: email, role: role, centreID: centreID, organisationID: organisationID)
                let browser = Browser(app)
                #expect(try await browser.signIn(email).status == .seeOther)
                if role == .technician, let run = try await RunStore.upcoming(limit: 1, on: app.db).first {
                    try await browser.get(SiteURL.run(try run.requireID()).path)
                    try await browser.post(SiteURL.run(try run.requireID(), .book).path, form: [])
                }
                // Only pages the person may open: the staff pages are reached through the links
                // of their staff page and menu, so a link to one they may not open is caught.
                let own: [SiteURL] = [.home, .me(.home), .me(.bookings), .me(.certificates), .me(.cpd), .me(.security), .centres, .strategy]
                let start = (own + (Permissions([role]).isStaff ? [.staff(.home)] : [])).map(\.path)
                let walked = try await Self.walk(browser, from: start)
                broken += walked.broken.map { "\(role.rawValue): \($0)" }
                pages += walked.pages
            }
            #expect(pages > 200, "the walk reached the people's pages")
            #expect(broken.isEmpty, "links that lead nowhere:\n\(broken.joined(separator: "\n"))")
        }
    }
}
