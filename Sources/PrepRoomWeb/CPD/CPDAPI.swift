import Fluent
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

struct CPDItemDTO: Content {
    var id: String?
    var kind: CPDKind
    var title: String
    var date: Date
    var hours: Double
    var scqfCredits: Int
    var reflection: String?
    var evidenceUrl: String?
    var certificateNumber: String?

    init(_ line: CPDBook.Line) {
        id = line.entryID?.uuidString; kind = line.item.kind; title = line.item.title; date = line.item.date
        hours = line.item.hours; scqfCredits = line.item.scqfCredits; reflection = line.item.reflection
        evidenceUrl = line.item.evidenceURL; certificateNumber = line.item.certificateNumber
    }
}

struct CPDRecordDTO: Content {
    struct Total: Content { var key: String; var hours: Double; var scqfCredits: Int; var entries: Int }
    var items: [CPDItemDTO]
    var total: Int
    var hours: Double
    var scqfCredits: Int
    var byYear: [Total]
    var byKind: [Total]

    init(_ lines: [CPDBook.Line]) {
        let items = lines.map(\.item)
        self.items = lines.map(CPDItemDTO.init)
        total = lines.count
        let all = CPDRules.total(items)
        hours = all.hours; scqfCredits = all.scqfCredits
        byYear = CPDRules.totalsByYear(items).map { Total(key: String($0.year), hours: $0.totals.hours, scqfCredits: $0.totals.scqfCredits, entries: $0.totals.entries) }
        byKind = CPDRules.totalsByKind(items).map { Total(key: $0.kind.rawValue, hours: $0.totals.hours, scqfCredits: $0.totals.scqfCredits, entries: $0.totals.entries) }
    }
}

/// `GET/POST /api/v1/me/cpd` and `DELETE /api/v1/me/cpd/{entryID}`.
struct CPDAPI: RouteCollection {
    struct NewEntry: Content {
        var kind: String?; var title: String?; var date: String?; var hours: Double?
        var reflection: String?; var evidenceUrl: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "cpd", use: record)
        routes.post("me", "cpd", use: add)
        routes.delete("me", "cpd", ":entryID", use: remove)
    }

    func record(req: Request) async throws -> CPDRecordDTO {
        let user = try req.requireUser()
        return CPDRecordDTO(try await CPDBook(db: req.db).lines(of: user.requireID()))
    }

    func add(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeBody(NewEntry.self)
        let entry = try await CPDBook(db: req.db).add(.init(kind: body.kind, title: body.title ?? "", date: body.date,
                                                            hours: body.hours.map { String($0) }, reflection: body.reflection,
                                                            evidenceURL: body.evidenceUrl), for: user)
        return try await CPDItemDTO(.init(item: entry.item, entryID: entry.id)).encodeResponse(status: .created, for: req)
    }

    func remove(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        guard let id = req.parameters.get("entryID", as: UUID.self) else { throw ServiceError.notFound("CPD entry") }
        try await CPDBook(db: req.db).remove(id, of: user)
        return .noContent
    }
}
