import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// A school's equipment register: who may see and change it, its dashboard, adding
/// items and changing their status. Checks are `EquipmentChecks`; the CSV import and
/// export are `RegisterImport`.
package struct EquipmentDesk {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    /// The school and what the person may do with its register; 404 for no such school,
    /// 403 when they may not see it.
    package func school(_ schoolID: UUID, for user: User, needs wanted: EquipmentAccess = .view) async throws -> (School, EquipmentAccess) {
        guard let (school, worksThere) = try await EquipmentStore.school(schoolID, worker: user.requireID(), on: db) else {
            throw ServiceError.notFound("school")
        }
        let access = EquipmentAccess.of(user.permissions, worksAtSchool: worksThere,
                                        schoolOrganisation: school.organisationID, ownOrganisation: user.$organisation.id)
        guard access >= wanted else {
            throw ServiceError.forbidden(wanted == .work
                ? "Only the technicians and teachers of \(school.name) may change its equipment register."
                : "Only the people of \(school.name), its local authority and the service's advisers may see its equipment register.")
        }
        return (school, access)
    }

    /// Who is authorised for one task at a school, and who is not.
    package struct TaskCover: Sendable {
        package var task: ControlledTask
        package var authorised: [(name: String, number: String, until: Date?)]
        package var lapsed: [(name: String, refusal: Authorisation.Refusal)]
        /// The school has equipment whose check is this task.
        package var needed: Bool
        /// The people the school named for the task, and whether they are still authorised
        /// (a certificate lapses after the naming).
        package var named: [(userID: UUID, name: String, outcome: Authorisation.Outcome)] = []
    }

    package struct Dashboard: Sendable {
        package var school: School
        package var access: EquipmentAccess
        package var register: [RegisterLine]
        package var categories: [EquipmentCategory]
        package var tasks: [TaskCover]
        /// The people of the school (id and name), whom the school may name for a task.
        package var people: [(id: UUID, name: String)]
        package var now: Date
        package let window: DueWindow
        /// Each line's state, in the register's order, worked out once.
        package let states: [DueState]
        package let overdue: [RegisterLine]
        package let dueSoon: [RegisterLine]

        init(school: School, access: EquipmentAccess, register: [RegisterLine], categories: [EquipmentCategory], tasks: [TaskCover],
             people: [(id: UUID, name: String)], now: Date) {
            self.school = school; self.access = access; self.register = register; self.categories = categories
            self.tasks = tasks; self.people = people; self.now = now
            let window = DueWindow(now: now)
            self.window = window
            states = register.map { window.state(nextDue: $0.nextDueOn, status: $0.status) }
            overdue = zip(register, states).filter { $0.1 == .overdue }.map(\.0)
            dueSoon = zip(register, states).filter { $0.1 == .dueSoon }.map(\.0)
        }
    }

    /// A school's register with what is overdue, what is due in 30 days and who is
    /// authorised for which task: three statements.
    package func dashboard(_ schoolID: UUID, for user: User) async throws -> Dashboard {
        let (school, access) = try await school(schoolID, for: user)
        let register = try await EquipmentStore.register(of: schoolID, on: db)
        let categories = try await EquipmentStore.categories(on: db)
        let people = try await EquipmentStore.people(of: schoolID, courses: ControlledTask.allCases.flatMap(\.authorisingCourses), on: db)
        let tasksInUse = Set(register.filter { $0.status != .disposed }.compactMap(\.task))
        let holders = try await EquipmentStore.holders(of: schoolID, on: db)
        var everyone: [(id: UUID, name: String)] = []
        for row in people where everyone.last?.id != row.userID { everyone.append((row.userID, row.name)) }
        return Dashboard(school: school, access: access, register: register, categories: categories,
                         tasks: Self.cover(people: people, tasksInUse: tasksInUse, holders: holders, now: now), people: everyone, now: now)
    }

    static func cover(people: [(userID: UUID, name: String, held: Authorisation.Held?)], tasksInUse: Set<ControlledTask>,
                      holders: [EquipmentTaskHolder], now: Date) -> [TaskCover] {
        let byPerson = Dictionary(grouping: people, by: \.userID)
        let names = Dictionary(people.map { ($0.userID, $0.name) }, uniquingKeysWith: { a, _ in a })
        return ControlledTask.allCases.map { task in
            var cover = TaskCover(task: task, authorised: [], lapsed: [], needed: tasksInUse.contains(task))
            for (userID, rows) in byPerson.sorted(by: { (names[$0.key] ?? "") < (names[$1.key] ?? "") }) {
                let held = rows.compactMap(\.held).filter { task.authorisingCourses.contains($0.courseCode) }
                guard !held.isEmpty else { continue }
                switch Authorisation.decide(task, held: held, now: now) {
                case .authorised(let number, let until): cover.authorised.append((names[userID] ?? "", number, until))
                case .refused(let refusal): cover.lapsed.append((names[userID] ?? "", refusal))
                }
            }
            // Someone named who has since left the school is no longer listed.
            for holder in holders where holder.task == task {
                guard let name = names[holder.userID] else { continue }
                let held = (byPerson[holder.userID] ?? []).compactMap(\.held)
                cover.named.append((holder.userID, name, Authorisation.decide(task, held: held, now: now)))
            }
            cover.named.sort { $0.name < $1.name }
            return cover
        }
    }

    /// Names a person of the school for a task. They must work there and hold a current
    /// certificate for the task: refused otherwise with the reason and the runs to book.
    package func name(_ personID: UUID, for task: ControlledTask, at schoolID: UUID, by user: User) async throws {
        let (school, _) = try await school(schoolID, for: user, needs: .work)
        guard try await EquipmentStore.worksAt(schoolID, userID: personID, on: db),
              let person = try await UserStore.approvedUser(id: personID, on: db) else {
            throw ServiceError.invalid([FieldError("userId", "Choose someone who works at \(school.name)")])
        }
        var checks = EquipmentChecks(db: db)
        checks.now = now
        let gate = try await checks.gate(for: personID, task: task)
        if let refusal = gate.refusal { throw EquipmentChecks.refused(refusal, gate: gate, person: person.name) }
        guard try await EquipmentStore.holder(task, userID: personID, school: schoolID, on: db) == nil else {
            throw ServiceError.conflict("already_named", "\(person.name) is already named for \(task.label.lowercased()) at \(school.name).")
        }
        try await db.writeTransaction { [now] db in
            try await EquipmentTaskHolder(schoolID: schoolID, task: task, userID: personID, namedAt: now, namedBy: user.id).create(on: db)
            try await AuditEntry.record("equipment.named", subject: "school:\(school.seedCode)", actor: user.id,
                                        details: "\(task.rawValue): user:\(personID)", on: db)
        }
    }

    package func unname(_ personID: UUID, for task: ControlledTask, at schoolID: UUID, by user: User) async throws {
        let (school, _) = try await school(schoolID, for: user, needs: .work)
        guard let holder = try await EquipmentStore.holder(task, userID: personID, school: schoolID, on: db) else {
            throw ServiceError.notFound("naming")
        }
        try await db.writeTransaction { db in
            try await holder.delete(on: db)
            try await AuditEntry.record("equipment.unnamed", subject: "school:\(school.seedCode)", actor: user.id,
                                        details: "\(task.rawValue): user:\(personID)", on: db)
        }
    }

    package struct ItemInput: Sendable {
        package var categoryID: String
        package var description: String
        package var location: String
        package var assetTag: String
        package var serialNumber: String
        package var isotope: String
        package var activity: String
        package var referenceDate: String

        package init(categoryID: String = "", description: String = "", location: String = "", assetTag: String = "",
                     serialNumber: String = "", isotope: String = "", activity: String = "", referenceDate: String = "") {
            self.categoryID = categoryID; self.description = description; self.location = location; self.assetTag = assetTag
            self.serialNumber = serialNumber; self.isotope = isotope; self.activity = activity; self.referenceDate = referenceDate
        }
    }

    /// Adds an item, due for its first check today; a second item with the school's asset
    /// tag is a conflict.
    package func add(_ input: ItemInput, to schoolID: UUID, by user: User) async throws -> EquipmentItem {
        let (school, _) = try await school(schoolID, for: user, needs: .work)
        var errors = EquipmentRules.itemProblems(description: input.description, location: input.location, assetTag: input.assetTag.trimmed,
                                                 serial: input.serialNumber, isotope: input.isotope, activity: input.activity)
        // A category by id (the form) or by key (the API).
        let category = try await EquipmentStore.category(idOrKey: input.categoryID.trimmed, on: db)
        if category == nil { errors.insert(FieldError("categoryId", "Choose the kind of equipment"), at: 0) }
        let referenceDate = ServiceTime.parseDay(input.referenceDate)
        if !input.referenceDate.isBlank && referenceDate == nil {
            errors.append(FieldError("referenceDate", "Enter the reference date as year-month-day, like 2019-03-01"))
        }
        guard let category, errors.isEmpty else { throw ServiceError.invalid(errors) }
        let tag = input.assetTag.trimmed
        if !tag.isEmpty, try await EquipmentStore.assetTagTaken(tag, school: schoolID, on: db) {
            throw ServiceError.conflict("asset_tag_taken", "\(school.name) already has an item tagged \(tag).", field: "assetTag")
        }
        let item = EquipmentItem()
        item.schoolID = schoolID
        item.categoryID = try category.requireID()
        item.description = input.description.trimmed
        item.location = input.location.trimmed
        item.assetTag = tag.isEmpty ? nil : tag
        item.serialNumber = input.serialNumber.trimmed.nilIfEmpty
        item.isotope = input.isotope.trimmed.nilIfEmpty
        item.activity = input.activity.trimmed.nilIfEmpty
        item.referenceDate = referenceDate
        item.status = .inUse
        item.addedAt = now
        item.nextDueOn = EquipmentRules.nextDue(lastChecked: nil, added: now, intervalMonths: category.intervalMonths)
        try await db.writeTransaction { db in
            try await item.create(on: db)
            try await AuditEntry.record("equipment.added", subject: "equipment:\(try item.requireID())", actor: user.id,
                                        details: "\(school.seedCode) \(item.assetTag ?? "-") \(item.description)", on: db)
        }
        return item
    }

    /// An item with its category, school, checks, and what this person may do with it.
    package struct ItemRecord: Sendable {
        package var item: EquipmentItem
        package var category: EquipmentCategory
        package var school: School
        package var access: EquipmentAccess
        package var checks: [EquipmentCheck]
        /// The checks that have a document kept with them.
        package var documented: Set<UUID> = []
    }

    package func item(_ itemID: UUID, for user: User, needs wanted: EquipmentAccess = .view) async throws -> ItemRecord {
        guard let item = try await EquipmentStore.item(itemID, on: db) else { throw ServiceError.notFound("equipment item") }
        let (school, access) = try await school(item.schoolID, for: user, needs: wanted)
        guard let category = try await EquipmentStore.category(item.categoryID, on: db) else { throw ServiceError.notFound("equipment category") }
        let checks = try await EquipmentStore.checks(of: itemID, on: db)
        return ItemRecord(item: item, category: category, school: school, access: access, checks: checks,
                          documented: try await EquipmentStore.checksWithDocuments(checks.compactMap(\.id), on: db))
    }

    /// Takes an item out of use or records its disposal. Back into use only by a passing
    /// check, so a failed item cannot be waved through.
    package func setStatus(_ status: EquipmentStatus, of itemID: UUID, reason: String, by user: User) async throws {
        let record = try await item(itemID, for: user, needs: .work)
        let item = record.item
        guard status != .inUse else {
            throw ServiceError.conflict("check_needed", "An item goes back into use when a check passes: record the check.")
        }
        guard item.status != .disposed else { throw ServiceError.conflict("disposed", "This item has already been disposed of.") }
        guard item.status != status else { return }
        let previous = item.status
        item.status = status
        try await db.writeTransaction { db in
            try await item.save(on: db)
            try await AuditEntry.record("equipment.status", subject: "equipment:\(itemID)", actor: user.id,
                                        details: "\(previous.rawValue) → \(status.rawValue)\(reason.isBlank ? "" : ": \(reason.trimmed)")", on: db)
        }
    }

    package static func requireIntervalEditor(_ user: User) throws {
        guard EquipmentAccess.mayChangeIntervals(user.permissions) else {
            throw ServiceError.forbidden("Only admins and advisers may change a check's interval.")
        }
    }

    /// Changes how often a category's check falls due (admins and advisers). Items keep
    /// the due date their last check gave them until their next check.
    package func setInterval(_ months: Int?, of categoryID: UUID, by user: User) async throws {
        try Self.requireIntervalEditor(user)
        guard let category = try await EquipmentStore.category(categoryID, on: db) else { throw ServiceError.notFound("equipment category") }
        guard let months, EquipmentRules.intervalMonths.contains(months) else {
            throw ServiceError.invalid([FieldError("intervalMonths", "The interval is a whole number of months from \(EquipmentRules.intervalMonths.lowerBound) to \(EquipmentRules.intervalMonths.upperBound)")])
        }
        let previous = category.intervalMonths
        category.intervalMonths = months
        try await db.writeTransaction { db in
            try await category.save(on: db)
            try await AuditEntry.record("equipment.interval", subject: "equipment-category:\(category.key)", actor: user.id,
                                        details: "\(previous) → \(months) months", on: db)
        }
    }
}
