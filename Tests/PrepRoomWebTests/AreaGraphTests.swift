import Foundation
import Testing

/// The areas of the service (the folders inside each module) should depend on each other
/// one way only. They do not yet: this test measures which areas use which (a file uses
/// an area when it names a top-level type declared only there) and fails when a change
/// adds a dependency that closes a new cycle, or when a known one is untangled without
/// being struck off the list below. The list may only shrink (README, "How the code is
/// laid out"). The composition folders, which wire every area together (`Shared`,
/// `Commands`, `OpenAPI`, `Demo`), are not counted as users.
@Suite("The graph between areas")
struct AreaGraphTests {
    /// Dependencies that sit on a cycle today, as "User → Used".
    static let knownTangles: Set<String> = [
        "Accounts → Audit",
        "Accounts → Centres",
        "Accounts → Layout",
        "Accounts → Organisations",
        "Audit → Accounts",
        "Audit → Layout",
        "Bookings → Accounts",
        "Bookings → Audit",
        "Bookings → CPD",
        "Bookings → Centres",
        "Bookings → Certification",
        "Bookings → Courses",
        "Bookings → Layout",
        "Bookings → Reports",
        "CPD → Accounts",
        "CPD → Certification",
        "CPD → Layout",
        "Centres → Accounts",
        "Centres → Audit",
        "Centres → Bookings",
        "Centres → Certification",
        "Centres → Courses",
        "Centres → Layout",
        "Centres → Organisations",
        "Certification → Accounts",
        "Certification → Audit",
        "Certification → Bookings",
        "Certification → CPD",
        "Certification → Centres",
        "Certification → Courses",
        "Certification → Layout",
        "Courses → Accounts",
        "Courses → Audit",
        "Courses → Bookings",
        "Courses → Centres",
        "Courses → Layout",
        "Evaluation → Accounts",
        "Evaluation → Audit",
        "Evaluation → Bookings",
        "Evaluation → Centres",
        "Evaluation → Layout",
        "Evaluation → Reports",
        "Layout → Accounts",
        "Layout → Reports",
        "Organisations → Centres",
        "Reports → Accounts",
        "Reports → Audit",
        "Reports → Centres",
        "Reports → Evaluation",
        "Reports → Layout",
    ]

    static let compositionFolders: Set<String> = ["Shared", "Commands", "OpenAPI", "Demo"]

    static func sources() -> [(area: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        return files.compactMap { url in
            let parts = url.pathComponents
            guard let index = parts.lastIndex(of: "Sources"), parts.count == index + 4 else { return nil }  // Sources/Module/Area/File.swift
            return (try? String(contentsOf: url, encoding: .utf8)).map { (parts[index + 2], $0) }
        }
    }

    /// Code without comments and string literals, so words in them are not uses.
    static func code(_ text: String) -> String {
        let noComments = text.replacingOccurrences(of: #"//[^\n]*"#, with: "", options: .regularExpression)
        return noComments.replacingOccurrences(of: #""(?:[^"\\\n]|\\.)*""#, with: "\"\"", options: .regularExpression)
    }

    static func words(_ text: String, pattern: String) -> [String] {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }

    static func tangles() -> Set<String> {
        let files = sources()
        var owners: [String: Set<String>] = [:]
        for file in files {
            for name in words(file.text, pattern: #"^(?:public |package )?(?:final )?(?:struct|enum|class|actor|protocol) ([A-Z][A-Za-z0-9_]*)"#) {
                owners[name, default: []].insert(file.area)
            }
        }
        var edges: [String: Set<String>] = [:]
        for file in files where !compositionFolders.contains(file.area) {
            for word in Set(words(code(file.text), pattern: #"\b([A-Z][A-Za-z0-9_]*)\b"#)) {
                guard let owner = owners[word], owner.count == 1, let used = owner.first, used != file.area else { continue }
                edges[file.area, default: []].insert(used)
            }
        }
        func reaches(_ start: String, _ goal: String) -> Bool {
            var seen: Set<String> = [start], queue = [start]
            while let next = queue.popLast() {
                if next == goal { return true }
                for area in edges[next] ?? [] where seen.insert(area).inserted { queue.append(area) }
            }
            return false
        }
        var found: Set<String> = []
        for (user, used) in edges {
            for area in used where reaches(area, user) { found.insert("\(user) → \(area)") }
        }
        return found
    }

    @Test func noChangeAddsACycleBetweenAreas() {
        #expect(Self.sources().count > 100, "the sources were not found beside the tests")
        let found = Self.tangles()
        let added = found.subtracting(Self.knownTangles).sorted()
        let untangled = Self.knownTangles.subtracting(found).sorted()
        #expect(added.isEmpty, "new dependencies on a cycle between areas (make them one way):\n\(added.joined(separator: "\n"))")
        #expect(untangled.isEmpty, "untangled: strike these off knownTangles:\n\(untangled.joined(separator: "\n"))")
    }
}
