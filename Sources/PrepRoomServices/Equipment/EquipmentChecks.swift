import FluentKit
import Foundation
import PrepRoomCore
import PrepRoomStore

/// Recording a check on an item, behind the authorisation gate: a check whose category is
/// a controlled task needs a current, unrevoked certificate of the course that authorises
/// it (`Authorisation.decide`). A refusal names the reason and the next runs to book.
package struct EquipmentChecks {
    package let db: any Database
    package var now = Date()

    package init(db: any Database) { self.db = db }

    package struct Input: Sendable {
        package var checkedOn: String
        package var result: String
        /// One value a reading of the category, in its order; "" for none.
        package var readings: [String]
        package var notes: String
        /// A report or test sheet kept with the check (`CheckDocument`).
        package var document: Upload?

        package init(checkedOn: String = "", result: String = "", readings: [String] = [], notes: String = "", document: Upload? = nil) {
            self.checkedOn = checkedOn; self.result = result; self.readings = readings; self.notes = notes; self.document = document
        }
    }

    /// Where a person stands for a gated check, and what to book when refused.
    package struct Gate: Sendable {
        package var task: ControlledTask
        package var outcome: Authorisation.Outcome
        /// The refresher of the course (or the course itself, when it has none).
        package var course: Course?
        package var nextRuns: [Run]
        package var refusal: Authorisation.Refusal? {
            if case .refused(let refusal) = outcome { return refusal }
            return nil
        }
    }

    /// nil when the category is no controlled task (anyone who works at the school may
    /// record it).
    package func gate(for user: User, category: EquipmentCategory) async throws -> Gate? {
        guard let task = category.task else { return nil }
        return try await gate(for: user.requireID(), task: task)
    }

    /// Where a person stands for a task, with what to book when refused: the refresher of
    /// the task's course, or the course itself when it has none.
    package func gate(for userID: UUID, task: ControlledTask) async throws -> Gate {
        let held = try await EquipmentStore.held(by: userID, courses: task.authorisingCourses, on: db)
        let outcome = Authorisation.decide(task, held: held, now: now)
        guard case .refused = outcome, let code = task.authorisingCourses.first else {
            return Gate(task: task, outcome: outcome, course: nil, nextRuns: [])
        }
        let (course, runs) = try await CertificateDesk.renewal(of: code, orCourse: true, now: now, on: db)
        return Gate(task: task, outcome: outcome, course: course, nextRuns: runs)
    }

    package func record(_ input: Input, on itemID: UUID, by user: User, links: Links? = nil) async throws -> EquipmentCheck {
        var desk = EquipmentDesk(db: db)
        desk.now = now
        let record = try await desk.item(itemID, for: user, needs: .work)
        let item = record.item, category = record.category
        if let conflict = EquipmentRules.checkConflict(status: item.status) { throw ServiceError.conflict("disposed", conflict) }

        let checkedOn = ServiceTime.parseDay(input.checkedOn)
        let result = CheckResult(rawValue: input.result.trimmed)
        var errors = EquipmentRules.checkProblems(checkedOn: checkedOn, typedDate: !input.checkedOn.isBlank, result: result, notes: input.notes, now: now)
        var readings: [String] = []
        for (index, label) in category.readings.enumerated() {
            let typed = index < input.readings.count ? input.readings[index] : ""
            switch EquipmentRules.reading(typed) {
            case .some(.some(let value)): readings.append("\(label): \(PersonalRecord.text(value))")
            case .some(.none): continue
            case .none: errors.append(FieldError("reading\(index)", "\(label) must be a number, like 0.5"))
            }
        }
        var document: (Upload, CheckDocument.Kind)?
        if let upload = input.document, !upload.bytes.isEmpty {
            if let kind = CheckDocument.kind(filename: upload.filename, prefix: Array(upload.bytes.prefix(8)), size: upload.bytes.count) {
                document = (upload, kind)
            } else {
                errors.append(CheckDocument.problem(size: upload.bytes.count))
            }
        }
        guard let checkedOn, let result, errors.isEmpty else { throw ServiceError.invalid(errors) }

        var certificate: String?
        if let gate = try await gate(for: user, category: category) {
            switch gate.outcome {
            case .authorised(let number, _): certificate = number
            case .refused(let refusal): throw Self.refused(refusal, gate: gate)
            }
        }

        let check = EquipmentCheck()
        check.itemID = itemID
        check.checkedOn = checkedOn
        check.checkedByID = try user.requireID()
        check.checkedByName = user.name
        check.result = result
        check.readings = readings.joined(separator: "\n")
        check.notes = input.notes.trimmed.nilIfEmpty
        check.certificateNumber = certificate
        check.recordedAt = now
        let previous = item.status
        let standing = EquipmentRules.standing(after: result, on: checkedOn,
                                               was: .init(lastChecked: item.lastCheckedOn, nextDue: item.nextDueOn, status: item.status),
                                               added: item.addedAt, intervalMonths: category.intervalMonths)
        item.lastCheckedOn = standing.lastChecked
        item.nextDueOn = standing.nextDue
        item.status = standing.status
        try await db.writeTransaction { [document] db in
            try await check.create(on: db)
            if let (upload, kind) = document {
                let stored = EquipmentCheckDocument()
                stored.checkID = try check.requireID()
                stored.filename = String(upload.filename.suffix(200))
                stored.contentType = kind.rawValue
                stored.size = upload.bytes.count
                stored.content = upload.bytes
                try await stored.create(on: db)
            }
            try await item.save(on: db)
            try await AuditEntry.record("equipment.checked", subject: "equipment:\(itemID)", actor: user.id,
                                        details: "\(result.rawValue) on \(ServiceTime.isoDay(checkedOn))"
                                            + (previous != item.status ? ", \(previous.rawValue) → \(item.status.rawValue)" : ""), on: db)
        }
        return check
    }

    /// The document kept with a check, for whoever may see the item's history.
    package func document(check checkID: UUID, item itemID: UUID, for user: User) async throws -> EquipmentCheckDocument {
        _ = try await EquipmentDesk(db: db).item(itemID, for: user)
        guard let check = try await EquipmentStore.check(checkID, on: db), check.itemID == itemID,
              let document = try await EquipmentStore.document(ofCheck: checkID, on: db) else { throw ServiceError.notFound("document") }
        return document
    }

    /// 403 with the reason, and the next runs to book in words an API client can show.
    package static func refused(_ refusal: Authorisation.Refusal, gate: Gate, person: String? = nil) -> ServiceError {
        var message = Authorisation.message(refusal, task: gate.task, person: person)
        if let course = gate.course {
            message += gate.nextRuns.isEmpty
                ? " \(course.title) has no run scheduled yet: see \(SiteURL.course(code: course.code).path)."
                : " Next runs of \(course.title): " + gate.nextRuns.map { "\(ServiceTime.day($0.startsAt)) (\(SiteURL.run($0.linkID).path))" }.joined(separator: ", ") + "."
        }
        return ServiceError(.forbidden, refusal.code, message)
    }
}
