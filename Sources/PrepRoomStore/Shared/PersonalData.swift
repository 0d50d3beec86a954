import Fluent
import Foundation
import PrepRoomCore

/// The person a subject-access request or an erasure is about, as they were before any
/// erasure began: erasers need the name and address to find them in text.
public struct DataSubject: Sendable, Equatable {
    public var id: UUID
    public var email: String
    public var name: String

    public init(id: UUID, email: String, name: String) { self.id = id; self.email = email; self.name = name }
}

/// One record in a person's data download: labelled values in the order a reader expects
/// them. Values are text (dates as ISO 8601 in UTC), nil when nothing is recorded.
public struct PersonalRecord: Sendable, Equatable, Encodable {
    public var fields: [(label: String, value: String?)]

    public init(_ fields: [(String, String?)]) { self.fields = fields.map { (label: $0.0, value: $0.1) } }

    public subscript(label: String) -> String? { fields.first { $0.label == label }?.value ?? nil }

    public static func == (a: Self, b: Self) -> Bool {
        a.fields.map(\.label) == b.fields.map(\.label) && a.fields.map(\.value) == b.fields.map(\.value)
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// An object whose keys are the labels, in order.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for field in fields {
            if let value = field.value { try container.encode(value, forKey: Key(stringValue: field.label)) }
            else { try container.encodeNil(forKey: Key(stringValue: field.label)) }
        }
    }

    /// The text form of a date in a download.
    public static func text(_ date: Date?) -> String? {
        date.map { $0.formatted(.iso8601) }
    }

    /// A whole number without its ".0"; anything Int cannot hold (1e300, infinity) as Swift
    /// writes it, never a crash.
    public static func text(_ number: Double) -> String {
        if number == number.rounded(), let whole = Int(exactly: number) { return String(whole) }
        return String(number)
    }
}

/// A heading of the download ("Bookings") and its records.
public struct PersonalSection: Sendable, Equatable, Encodable {
    /// The JSON key, in lower camel case.
    public var key: String
    public var title: String
    /// Why the service holds it, for the reader of the download.
    public var why: String
    public var records: [PersonalRecord]

    public init(key: String, title: String, why: String, records: [PersonalRecord]) {
        self.key = key; self.title = title; self.why = why; self.records = records
    }
}

/// What one area of the service holds about people, and how to export and erase it: the
/// pattern of Moodle's privacy API. Every area that keeps a person's data declares one,
/// and `PersonalDataRegistry` lists them all in one place; a test fails when a table that
/// holds a person's id belongs to no area.
public struct PersonalDataArea: Sendable {
    public var name: String
    /// The tables this area answers for.
    public var tables: [String]
    public var export: @Sendable (DataSubject, any Database) async throws -> [PersonalSection]
    /// Runs inside the erasure's transaction; the account itself is erased last.
    public var erase: @Sendable (DataSubject, Date, any Database) async throws -> Void

    public init(name: String, tables: [String],
                export: @escaping @Sendable (DataSubject, any Database) async throws -> [PersonalSection],
                erase: @escaping @Sendable (DataSubject, Date, any Database) async throws -> Void) {
        self.name = name; self.tables = tables; self.export = export; self.erase = erase
    }
}

extension Erasure {
    /// Rewrites the rows of `Row` whose `column` may name the person, with the name and
    /// address replaced. The LIKE finds candidates (case-insensitively on both engines only
    /// for the address, which is stored lower-case); the rule decides.
    public static func scrub<Row: Model>(_ type: Row.Type, _ field: KeyPath<Row, FieldProperty<Row, String>>,
                                         of subject: DataSubject, on db: any Database) async throws {
        for needle in [subject.email, subject.name] where needle.count >= 2 {
            let rows = try await Row.query(on: db).filter(field, .contains(inverse: false, .anywhere), needle).all()
            for row in rows {
                let text = row[keyPath: field].value ?? ""
                let scrubbed = scrub(text, name: subject.name, email: subject.email)
                if scrubbed != text { row[keyPath: field].value = scrubbed; try await row.save(on: db) }
            }
        }
    }
}
