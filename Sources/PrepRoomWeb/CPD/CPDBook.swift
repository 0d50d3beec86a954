import Fluent
import PrepRoomCore
import PrepRoomStore
import Vapor

/// A member's CPD record: the informal entries they add, and every certificate they hold,
/// which enters the record by itself (read from the certificates, not copied).
struct CPDBook {
    let db: any Database

    struct Line {
        var item: CPDItem
        var entryID: UUID?
    }

    func lines(of userID: UUID) async throws -> [Line] {
        let entries = try await CPDEntry.query(on: db).filter(\.$user.$id == userID).all()
            .map { Line(item: $0.item, entryID: $0.id) }
        let certificates = try await Certificate.query(on: db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil).all()
            .map { certificate in
                Line(item: CPDItem(date: certificate.issuedAt, kind: .courseOrWorkshop, title: certificate.courseTitle,
                                   hours: certificate.hours, scqfCredits: certificate.scqfCredits ?? 0,
                                   certificateNumber: certificate.number), entryID: nil)
            }
        return (entries + certificates).sorted { $0.item.date > $1.item.date }
    }

    struct Input {
        var kind: String?
        var title: String
        var date: String?
        var hours: String?
        var reflection: String?
        var evidenceURL: String?
    }

    /// Parses a date typed as 2026-11-20 (or sent as a full ISO 8601 time) in London time.
    static func parseDate(_ text: String?) -> Date? {
        guard let text = text?.trimmed, !text.isEmpty else { return nil }
        if let full = JSONCoding.parseISO8601(text) { return full }
        return ServiceTime.parseLocalInput(text + "T12:00")
    }

    func add(_ input: Input, for user: User, now: Date = Date()) async throws -> CPDEntry {
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

    func remove(_ entryID: UUID, of user: User) async throws {
        guard let entry = try await CPDEntry.find(entryID, on: db) else { throw ServiceError.notFound("CPD entry") }
        guard entry.$user.id == user.id else { throw ServiceError.forbidden("This entry belongs to someone else.") }
        try await entry.delete(on: db)
    }

    /// The record as CSV, for spreadsheets and registration bodies.
    static func csv(_ lines: [Line]) -> String {
        var rows = [["Date", "Kind", "Title", "Hours", "SCQF credits", "Certificate", "Reflection", "Evidence"]]
        for line in lines {
            let item = line.item
            rows.append([ServiceTime.isoDay(item.date), item.kind.label, item.title, String(format: "%g", item.hours),
                         String(item.scqfCredits), item.certificateNumber ?? "", item.reflection ?? "", item.evidenceURL ?? ""])
        }
        return CSV.render(rows)
    }
}

/// RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. Fields that start
/// like a formula are prefixed with an apostrophe so a spreadsheet shows them as text.
enum CSV {
    static func render(_ rows: [[String]]) -> String {
        rows.map { row in
            row.map { field in
                var value = field
                if let first = value.first, "=+-@".contains(first) { value = "'" + value }
                return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }

    static func response(_ text: String, filename: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: filename)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
