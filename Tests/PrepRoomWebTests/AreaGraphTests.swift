import Foundation
import Testing

/// The areas of the service (the folders inside each module) depend on each other one
/// way only. The modules are layers, and SwiftPM already keeps them one way (Core ←
/// Store ← Services ← Web), so a file may use any area of a lower layer. Inside a layer,
/// an area uses only the areas before it in `order` (README, "How the code is laid
/// out"). A file uses an area when it names a top-level type declared only there.
///
/// The composition folders wire every area together and are used by none: `App` (start-up
/// and routes), `Commands`, `OpenAPI`, `Demo` and `Migrations` (the schema's history,
/// which crosses areas as tables gain foreign keys).
@Suite("The graph between areas")
struct AreaGraphTests {
    /// Lowest first: an area may use those before it in its own layer.
    static let order = [
        "Shared", "Layout", "Email", "Audit", "Organisations", "Schools", "Accounts", "Centres", "Courses", "Bookings",
        "Certification", "CPD", "Equality", "ExternalVerification", "Delivery", "Evaluation", "Equipment", "Search", "Community", "Reports", "Strategy",
        "Operations", "Privacy",
    ]
    static let compositionFolders: Set<String> = ["App", "Commands", "OpenAPI", "Demo", "Migrations"]
    static let layers = ["PrepRoomCore", "PrepRoomStore", "PrepRoomServices", "PrepRoomWeb"]

    struct Place: Hashable, CustomStringConvertible {
        var layer: String
        var area: String
        var description: String { "\(layer)/\(area)" }
    }

    static func sources() -> [(place: Place, file: String, text: String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        return files.compactMap { url in
            let parts = url.pathComponents
            // Sources/Module/Area/File.swift, in the service's own layers (not the copy of Plot)
            guard let index = parts.lastIndex(of: "Sources"), parts.count == index + 4, layers.contains(parts[index + 1]) else { return nil }
            return (try? String(contentsOf: url, encoding: .utf8)).map { (Place(layer: parts[index + 1], area: parts[index + 2]), parts[index + 3], $0) }
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

    /// Every use of one area by another, as "User → Used" with the files and names behind it.
    static func uses() -> [Place: [Place: Set<String>]] {
        let files = sources()
        var owners: [String: Set<Place>] = [:]
        for file in files {
            for name in words(file.text, pattern: #"^(?:public |package )?(?:final )?(?:struct|enum|class|actor|protocol) ([A-Z][A-Za-z0-9_]*)"#) {
                owners[name, default: []].insert(file.place)
            }
        }
        var uses: [Place: [Place: Set<String>]] = [:]
        for file in files where !compositionFolders.contains(file.place.area) {
            let ownLayer = layers.firstIndex(of: file.place.layer) ?? 0
            for word in Set(words(code(file.text), pattern: #"\b([A-Z][A-Za-z0-9_]*)\b"#)) {
                // A layer sees only itself and the layers below it.
                let visible = (owners[word] ?? []).filter { (layers.firstIndex(of: $0.layer) ?? .max) <= ownLayer }
                guard visible.count == 1, let used = visible.first, used != file.place else { continue }
                uses[file.place, default: [:]][used, default: []].insert("\(file.file): \(word)")
            }
        }
        return uses
    }

    @Test func everyFolderIsAnAreaInTheOrderOrComposition() {
        let folders = Set(Self.sources().map(\.place.area))
        #expect(folders.count > 10, "the sources were not found beside the tests")
        let unplaced = folders.subtracting(Self.order).subtracting(Self.compositionFolders).sorted()
        #expect(unplaced.isEmpty, "place these areas in AreaGraphTests.order (and the README): \(unplaced)")
    }

    @Test func insideALayerAreasUseOnlyTheAreasBeforeThem() {
        let uses = Self.uses()
        // The measure itself works: pages use the layout, and bookings use courses.
        #expect(uses[Place(layer: "PrepRoomWeb", area: "Bookings")]?[Place(layer: "PrepRoomWeb", area: "Layout")] != nil)
        #expect(uses[Place(layer: "PrepRoomStore", area: "Bookings")]?[Place(layer: "PrepRoomStore", area: "Courses")] != nil)
        var wrongWay: [String] = []
        for (user, used) in uses {
            for (area, reasons) in used where area.layer == user.layer {
                let allowed = !Self.compositionFolders.contains(area.area)
                    && (Self.order.firstIndex(of: area.area) ?? .max) < (Self.order.firstIndex(of: user.area) ?? .max)
                if !allowed { wrongWay.append("\(user) → \(area.area): \(reasons.sorted().prefix(4).joined(separator: ", "))") }
            }
        }
        #expect(wrongWay.isEmpty, "uses against the order of areas:\n\(wrongWay.sorted().joined(separator: "\n"))")
    }
}
