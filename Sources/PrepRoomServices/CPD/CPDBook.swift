import FluentKit
import PrepRoomCore
import PrepRoomStore
import Foundation

/// A member's CPD record: the informal entries they add, and every certificate they hold,
/// which enters the record by itself (read from the certificates, not copied).
package struct CPDBook {
    package let db: any Database

    package typealias Line = CPDRecordQuery.Line

    /// The member's record, newest first (`CPDRecordQuery`: one statement).
    package func lines(of userID: UUID) async throws -> [Line] {
        try await CPDRecordQuery.lines(of: userID, on: db)
    }

    package struct Input {
        package var kind: String?
        package var title: String
        package var date: String?
        package var hours: String?
        package var reflection: String?
        package var evidenceURL: String?

        package init(kind: String? = nil, title: String, date: String? = nil, hours: String? = nil, reflection: String? = nil, evidenceURL: String? = nil) {
            self.kind = kind; self.title = title; self.date = date; self.hours = hours; self.reflection = reflection; self.evidenceURL = evidenceURL
        }
    }

    /// Parses a date typed as 2026-11-20 (or sent as a full ISO 8601 time) in London time.
    package static func parseDate(_ text: String?) -> Date? {
        guard let text = text?.trimmed, !text.isEmpty else { return nil }
        if let full = ServiceTime.parseISO8601(text) { return full }
        return ServiceTime.parseLocalInput(text + "T12:00")
    }

    package func add(_ input: Input, for user: User, now: Date = Date()) async throws -> CPDEntry {
        let kind = input.kind.flatMap(CPDKind.init(rawValue:))
        let date = Self.parseDate(input.date)
        let hours = input.hours.flatMap { Double($0.trimmed) }
        // Something typed that cannot be read gets its own message; the rules judge the rest.
        let typedDate = !(input.date ?? "").isEmpty, typedHours = !(input.hours ?? "").isEmpty
        let errors = CPDRules.validate(kind: kind, title: input.title, date: date, hours: hours, evidenceURL: input.evidenceURL, now: now)
            .map { error -> FieldError in
                if error.field == "date", typedDate, date == nil { return FieldError("date", "Enter the date as year-month-day, like 2026-11-20") }
                if error.field == "hours", typedHours, hours == nil { return FieldError("hours", "Hours must be a number, like 1.5") }
                return error
            }
        guard let kind, let date, let hours, errors.isEmpty else { throw ServiceError.invalid(errors) }
        let entry = CPDEntry()
        entry.$user.id = try user.requireID()
        entry.kind = kind
        entry.title = input.title.trimmed
        entry.date = date
        entry.hours = hours
        entry.reflection = input.reflection.flatMap { $0.isEmpty ? nil : $0 }
        entry.evidenceURL = input.evidenceURL.flatMap { $0.isEmpty ? nil : $0 }
        try await entry.create(on: db)
        return entry
    }

    /// One of the person's own entries; 404 when there is none, 403 for someone else's.
    package func entry(_ entryID: UUID, of user: User) async throws -> CPDEntry {
        guard let entry = try await CPDEntry.find(entryID, on: db) else { throw ServiceError.notFound("CPD entry") }
        guard entry.$user.id == user.id else { throw ServiceError.forbidden("This entry belongs to someone else.") }
        return entry
    }

    package func remove(_ entryID: UUID, of user: User) async throws {
        try await entry(entryID, of: user).delete(on: db)
    }

    /// The record as CSV, for spreadsheets and registration bodies.
    package static func csv(_ lines: [Line]) -> String {
        var rows = [["Date", "Kind", "Title", "Hours", "SCQF credits", "Certificate", "Reflection", "Evidence"]]
        for line in lines {
            let item = line.item
            rows.append([ServiceTime.isoDay(item.date), item.kind.label, item.title, String(format: "%g", item.hours),
                         String(item.scqfCredits), item.certificateNumber ?? "", item.reflection ?? "", item.evidenceURL ?? ""])
        }
        return CSV.render(rows)
    }

    package init(db: any Database) {
        self.db = db
    }
}
