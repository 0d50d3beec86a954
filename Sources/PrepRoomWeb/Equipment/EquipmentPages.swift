import Plot
import PrepRoomCore
import PrepRoomStore
import PrepRoomServices
import Vapor

/// A school's equipment register and dashboard, an item with its checks, the CSV import
/// (a dry run first) and export, the overview across schools, and the staff's intervals.
struct EquipmentPages: RouteCollection {
    /// A school's register is text: a megabyte holds thousands of rows.
    static let importBytes = 2 * 1024 * 1024
    /// A check's form with its document and the multipart framing.
    static let checkBytes = CheckDocument.maxBytes + 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "equipment", use: overview)
        routes.get("me", "equipment.csv", use: overviewCSV)
        routes.get("schools", ":schoolID", "equipment", use: school)
        routes.post("schools", ":schoolID", "equipment", use: add)
        routes.get("schools", ":schoolID", "equipment.csv", use: csv)
        routes.on(.POST, "schools", ":schoolID", "equipment", "import", body: .collect(maxSize: ByteCount(value: Self.importBytes)), use: importRegister)
            .acceptingForms(upTo: Self.importBytes)
        routes.post("schools", ":schoolID", "equipment", "named", use: name)
        routes.post("schools", ":schoolID", "equipment", "named", "remove", use: unname)
        routes.get("equipment", ":itemID", use: item)
        routes.on(.POST, "equipment", ":itemID", "checks", body: .collect(maxSize: ByteCount(value: Self.checkBytes)), use: recordCheck)
            .acceptingForms(upTo: Self.checkBytes)
        routes.get("equipment", ":itemID", "checks", ":checkID", "document", use: document)
        routes.post("equipment", ":itemID", "status", use: setStatus)
        routes.post("me", "equipment", "calendar", use: newCalendarAddress)
        routes.get("equipment", "calendar", ":token", use: calendarFeed)
        routes.get("staff", "equipment-categories", use: categories)
        routes.post("staff", "equipment-categories", use: setIntervals)
    }

    // MARK: A school

    private func schoolPage(_ req: Request, input: EquipmentDesk.ItemInput = .init(), errors: [FieldError] = []) async throws -> Response {
        let dashboard = try await EquipmentDesk(db: req.db).dashboard(try req.uuid("schoolID", "school"), for: try req.requireUser())
        return SchoolEquipmentPage(dashboard: dashboard, input: input, errors: errors)
            .response(for: req, status: errors.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    func school(req: Request) async throws -> Response { try await schoolPage(req) }

    func add(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let schoolID = try req.uuid("schoolID", "school")
        let form = FormData(req)
        let input = EquipmentDesk.ItemInput(categoryID: form["categoryId"] ?? "", description: form["description"] ?? "",
                                            location: form["location"] ?? "", assetTag: form["assetTag"] ?? "",
                                            serialNumber: form["serialNumber"] ?? "", isotope: form["isotope"] ?? "",
                                            activity: form["activity"] ?? "", referenceDate: form["referenceDate"] ?? "")
        do {
            let item = try await EquipmentDesk(db: req.db).add(input, to: schoolID, by: user)
            req.flash("Added \(item.description) to the register: its first check is due today.")
            return req.redirect(to: SiteURL.equipment(item.linkID).path)
        } catch let error as ServiceError where [.unprocessableEntity, .conflict].contains(error.status) {
            return try await schoolPage(req, input: input, errors: error.formErrors(defaultField: "description"))
        }
    }

    /// The register (or `?list=overdue`, `due-soon`, `authorised`) as CSV.
    func csv(req: Request) async throws -> Response {
        let dashboard = try await EquipmentDesk(db: req.db).dashboard(try req.uuid("schoolID", "school"), for: try req.requireUser())
        let list = try req.queryValue("list") ?? "register"
        let name = "equipment-\(dashboard.school.seedCode)-\(list).csv"
        switch list {
        case "register": return CSV.response(RegisterImport.csv(dashboard.register, now: dashboard.now), filename: name)
        case "overdue": return CSV.response(RegisterImport.csv(dashboard.overdue, now: dashboard.now), filename: name)
        case "due-soon": return CSV.response(RegisterImport.csv(dashboard.dueSoon, now: dashboard.now), filename: name)
        case "authorised": return CSV.response(RegisterImport.csv(dashboard.tasks), filename: name)
        default: throw ServiceError.invalid([FieldError("list", "list is register, overdue, due-soon or authorised")])
        }
    }

    func overviewCSV(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let chosen = try req.queryValue("organisation").flatMap(UUID.init(uuidString:))
        let view = try await EquipmentOverview(db: req.db).of(user, organisation: chosen)
        let list = try req.queryValue("list") ?? "schools"
        guard let text = EquipmentOverview.csv(view, list: list) else {
            throw ServiceError.invalid([FieldError("list", "list is schools, lapsing or uncovered")])
        }
        return CSV.response(text, filename: "equipment-\(list).csv")
    }

    struct ImportForm: Content {
        var file: File?
        /// The text of a file already checked, carried from the dry run to the import.
        var register: String?
        var step: String?
    }

    /// The first post (a file) is always a dry run; its page carries the text to the
    /// second post, which imports it.
    func importRegister(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let schoolID = try req.uuid("schoolID", "school")
        let form = try req.content.decode(ImportForm.self)
        let text: String
        if let file = form.file, file.data.readableBytes > 0 {
            guard let decoded = String(validating: file.data.readableBytesView, as: UTF8.self) else {
                throw ServiceError.invalid([FieldError("file", "The file is not text in UTF-8: save it from the spreadsheet as CSV UTF-8")])
            }
            text = decoded
        } else if let register = form.register, !register.isEmpty {
            text = register
        } else {
            throw ServiceError.invalid([FieldError("file", "Choose the CSV file of your register")])
        }
        guard !ControlCharacters.contains(text) else { throw ServiceError.invalid([FieldError("file", "The file holds control characters: is it really CSV?")]) }
        let dryRun = form.step != "import" || form.file != nil
        let report = try await RegisterImport(db: req.db).run(text, into: schoolID, dryRun: dryRun, by: user)
        if report.written {
            req.flash("Imported: \(report.added.count) added, \(report.updated.count) updated, \(report.unchanged) unchanged.")
            return req.redirect(to: SiteURL.schoolEquipment(schoolID).path)
        }
        let (school, _) = try await EquipmentDesk(db: req.db).school(schoolID, for: user, needs: .work)
        return RegisterImportPage(school: school, report: report, text: text)
            .response(for: req, status: report.problems.isEmpty ? .ok : .unprocessableEntity, needsCSRF: true)
    }

    private func task(_ form: FormData) throws -> ControlledTask {
        guard let task = form["task"].flatMap(ControlledTask.init(rawValue:)) else {
            throw ServiceError.invalid([FieldError("task", "Choose the task")])
        }
        return task
    }

    /// A refusal (not authorised, not of the school) comes back as the reason on the page.
    func name(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let schoolID = try req.uuid("schoolID", "school")
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.schoolEquipment(schoolID).path + "#authorised") {
            guard let personID = form["userId"].flatMap(UUID.init(uuidString:)) else {
                throw ServiceError.invalid([FieldError("userId", "Choose the person")])
            }
            do {
                try await EquipmentDesk(db: req.db).name(personID, for: try task(form), at: schoolID, by: user)
            } catch let error as ServiceError where error.status == .forbidden && error.code != "forbidden" {
                throw ServiceError.conflict(error.code, error.message)
            }
            return "Named for the task."
        }
    }

    func unname(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let schoolID = try req.uuid("schoolID", "school")
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.schoolEquipment(schoolID).path + "#authorised") {
            guard let personID = form["userId"].flatMap(UUID.init(uuidString:)) else { throw ServiceError.notFound("naming") }
            try await EquipmentDesk(db: req.db).unname(personID, for: try task(form), at: schoolID, by: user)
            return "No longer named for the task."
        }
    }

    // MARK: An item

    private func itemPage(_ req: Request, input: EquipmentChecks.Input? = nil, errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let record = try await EquipmentDesk(db: req.db).item(try req.uuid("itemID", "equipment item"), for: user)
        let gate = record.access == .work ? try await EquipmentChecks(db: req.db).gate(for: user, category: record.category) : nil
        return EquipmentItemPage(record: record, gate: gate, input: input ?? .init(checkedOn: ServiceTime.isoDay(Date()), result: CheckResult.pass.rawValue),
                                 errors: errors)
            .response(for: req, status: status, needsCSRF: true)
    }

    func item(req: Request) async throws -> Response { try await itemPage(req) }

    /// The check form, as a multipart form (with a document) or a plain one.
    struct CheckForm: Content {
        var checkedOn: String?; var result: String?; var notes: String?
        var reading0: String?; var reading1: String?; var reading2: String?; var reading3: String?
        var document: File?
    }

    func recordCheck(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let itemID = try req.uuid("itemID", "equipment item")
        let form = try req.content.decode(CheckForm.self)
        let input = EquipmentChecks.Input(checkedOn: form.checkedOn?.trimmed ?? "", result: form.result ?? "",
                                          readings: [form.reading0, form.reading1, form.reading2, form.reading3].map { $0 ?? "" },
                                          notes: form.notes ?? "", document: form.document.map(Upload.init))
        do {
            let check = try await EquipmentChecks(db: req.db).record(input, on: itemID, by: user)
            req.flash(check.result == .fail
                ? "Check recorded: failed. The item is out of use until a check passes."
                : "Check recorded: \(check.result.label.lowercased()).")
            return req.redirect(to: SiteURL.equipment(itemID).path)
        } catch let error as ServiceError where error.status == .unprocessableEntity {
            return try await itemPage(req, input: input, errors: error.formErrors(defaultField: "checkedOn"), status: .unprocessableEntity)
        } catch let error as ServiceError where error.status == .conflict || (error.status == .forbidden && error.code != "forbidden") {
            // Refused by the gate (or a disposed item): the page says why, and what to book.
            return try await itemPage(req, input: input, errors: [FieldError("checkedOn", error.message)],
                                      status: error.status == .conflict ? .conflict : .forbidden)
        }
    }

    func document(req: Request) async throws -> Response {
        let document = try await EquipmentChecks(db: req.db).document(check: try req.uuid("checkID", "document"),
                                                                      item: try req.uuid("itemID", "equipment item"), for: try req.requireUser())
        return Response.download(document.content, contentType: document.contentType, filename: document.filename)
    }

    func setStatus(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let itemID = try req.uuid("itemID", "equipment item")
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.equipment(itemID).path) {
            guard let status = form["status"].flatMap(EquipmentStatus.init(rawValue:)) else {
                throw ServiceError.invalid([FieldError("status", "Choose out of use or disposed")])
            }
            try await EquipmentDesk(db: req.db).setStatus(status, of: itemID, reason: form["reason"] ?? "", by: user)
            return "The item is now \(status.label.lowercased())."
        }
    }

    // MARK: Across schools

    func overview(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let chosen = try req.queryValue("organisation").flatMap(UUID.init(uuidString:))
        let overview = try await EquipmentOverview(db: req.db).of(user, organisation: chosen)
        return EquipmentOverviewPage(overview: overview).response(for: req)
    }

    /// The address is shown once, on this page: only its digest is kept.
    func newCalendarAddress(req: Request) async throws -> Response {
        let token = try await EquipmentCalendar(db: req.db).newAddress(for: try req.requireUser())
        return EquipmentCalendarAddressPage(address: Links(req).absolute(.equipmentCalendar(token: token))).response(for: req)
    }

    /// No sign-in: calendar apps cannot; the secret address is the key.
    func calendarFeed(req: Request) async throws -> Response {
        guard let name = req.parameters.get("token"), name.hasSuffix(".ics"),
              let feed = try await EquipmentCalendar(db: req.db).feed(token: String(name.dropLast(4)), links: Links(req))
        else { throw ServiceError.notFound("calendar") }
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .cacheControl, value: "private, max-age=300")
        return Response(status: .ok, headers: headers, body: .init(string: feed))
    }

    func categories(req: Request) async throws -> Response {
        try EquipmentDesk.requireIntervalEditor(try req.requireUser())
        return EquipmentCategoriesPage(categories: try await EquipmentStore.categories(on: req.db)).response(for: req)
    }

    /// One form for every category (`interval-KEY`); only the intervals that changed are saved.
    func setIntervals(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try EquipmentDesk.requireIntervalEditor(user)
        let form = FormData(req)
        return try await req.attempt(back: SiteURL.staff(.equipmentCategories).path) {
            let desk = EquipmentDesk(db: req.db)
            var changed = 0
            for category in try await EquipmentStore.categories(on: req.db) {
                guard let typed = form["interval-\(category.key)"] else { continue }
                let months = Int(typed)
                guard months != category.intervalMonths else { continue }
                try await desk.setInterval(months, of: category.linkID, by: user)
                changed += 1
            }
            return changed == 0 ? "No interval changed." : "Saved \(changed) interval\(changed == 1 ? "" : "s"). Items take the new interval at their next check."
        }
    }
}
